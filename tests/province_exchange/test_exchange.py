"""The exchange with the province against a real Celery worker and the reference province over HTTP on 127.0.0.1:
a refusal stops the retries and raises an incident the secretariat resolves by hand; decisions come back (twice)
and are recorded once; a returned dossier goes round again and is forwarded anew."""

import pytest
from django.conf import settings

from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.province.models import Delivery
from ground.notifications.models import Notification
from tests.helpers import act, council_select, login, member, nominate, open_task, sign_batch, submit, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def _signed(client, people, dept="xdd"):
    head, sec = people[f"truongkhoa.{dept}"], people["thuongtruc"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, dept))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    sign_batch(people, dossier)  # its submission letter, signed and issued
    return dossier


def _status(dossier):
    return Dossier.objects.get(pk=dossier.pk).status


@pytest.fixture
def stub(province_stub):
    """The session's province, with its behaviour put back after the test."""
    saved = {
        k: getattr(province_stub, k)
        for k in ("fail_first", "status_after_failures", "decide", "answer_twice", "decisions_url")
    }
    yield province_stub
    for key, value in saved.items():
        setattr(province_stub, key, value)


def test_a_refusal_stops_retries_raises_an_incident_and_is_sent_again_by_hand(
    client, people, celery_worker_process, stub
):
    stub.status_after_failures = 400
    dossier = _signed(client, people)
    sec = people["thuongtruc"]
    incidents = Notification.objects.filter(recipient=sec, kind="delivery_failed", dossier=dossier)
    assert wait_for(incidents.exists), stub.requests  # raised once the job is marked failed
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.attempts == 1  # a 400 is not retried
    assert dossier.reference in incidents.get().title
    page = login(client, sec).get("/province/")
    failed = next(rows for state, _label, rows in page.context["groups"] if state == "failed")
    assert [d.dossier_id for d in failed] == [dossier.pk]
    assert dossier.events.filter(action="forward_failed").count() == 1

    assert login(client, people["truongkhoa.xdd"]).post(f"/province/retry/{dossier.pk}/").status_code == 403
    stub.status_after_failures = 202  # the province fixed its side
    assert login(client, sec).post(f"/province/retry/{dossier.pk}/").status_code == 302
    assert wait_for(lambda: _status(dossier) == DossierStatus.FORWARDED), stub.requests
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)  # the same package, the same key
    assert list(stub.accepted).count(str(delivery.idempotency_key)) == 1
    assert dossier.events.filter(action="forward_retried", actor=sec).count() == 1


def test_decisions_sent_twice_are_recorded_once(client, people, celery_worker_process, stub, live_server):
    stub.decide, stub.answer_twice = "approved", True
    stub.decisions_url = f"{live_server.url}/api/v1/province/decisions/"
    dossier = _signed(client, people)
    assert wait_for(lambda: _status(dossier) == DossierStatus.AWARDED), (stub.requests, stub.decisions_sent)
    assert wait_for(lambda: len(stub.decisions_sent) == 2)
    assert [status for status, _body in stub.decisions_sent] == [200, 200]  # the copy changes nothing
    assert dossier.events.filter(action="province_approved").count() == 1
    record = AwardRecord.objects.get(dossier=dossier)
    assert record.decision_number == "1234/QĐ-UBND"
    assert record.amount == 3_510_000  # 1.5 x 2,340,000 (Decree 152), the amount due is recorded


def test_a_returned_dossier_goes_round_again_and_is_forwarded_anew(
    client, people, celery_worker_process, stub, live_server
):
    stub.decide = "returned"
    stub.decisions_url = f"{live_server.url}/api/v1/province/decisions/"
    dossier = _signed(client, people)
    assert wait_for(lambda: _status(dossier) == DossierStatus.SUBMITTED), stub.decisions_sent
    assert open_task(dossier).flow_task.name == "check_completeness"
    stub.decide = None
    sec = people["thuongtruc"]
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    sign_batch(people, dossier)
    assert wait_for(lambda: _status(dossier) == DossierStatus.FORWARDED), stub.requests
    deliveries = list(
        Delivery.objects.filter(issued__dossiers=dossier).order_by("id").values_list("submission", "status")
    )
    assert deliveries == [("01/TTr-TCT", "delivered"), ("02/TTr-TCT", "delivered")]
    letters = list(dossier.issued_documents.order_by("id").values_list("number", "status"))
    assert letters == [(1, "cancelled"), (2, "issued")]
    assert settings.PROVINCE_SECRET  # every message of both rounds was signed
