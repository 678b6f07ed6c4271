"""Forward to the province with a real Celery worker on Redis, against a real HTTP server that fails once."""

import base64
import hashlib

import pytest

from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.province.models import Delivery
from ground.audit.services import audit_verify
from tests.helpers import act, council_select, member, nominate, open_task, sign_batch, state, submit, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def test_province_award_whole_process_with_worker(client, people, celery_worker_process, province_stub):
    province_stub.fail_first = len(province_stub.requests) + 2  # the next package gets two 503s first
    head, sec = people["truongkhoa.xdd"], people["thuongtruc"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "xdd"))
    other = nominate(client, people["truongkhoa.llcs"], award="BANGKHEN_TINH", person=member(people, "llcs"))
    submit(client, head, dossier)
    submit(client, people["truongkhoa.llcs"], other)
    act(client, sec, dossier, "accept")
    act(client, sec, other, "accept")
    council_select(people, dossier, other)
    (signed,) = sign_batch(people, dossier, other)  # one letter proposes both

    def both_forwarded():
        return {d.status for d in Dossier.objects.filter(pk__in=[dossier.pk, other.pk])} == {DossierStatus.FORWARDED}

    assert wait_for(both_forwarded), (
        f"not forwarded; worker log in var/test-worker-*.log; stub saw {province_stub.requests}"
    )

    delivery = Delivery.objects.get(issued=signed)  # one package per letter
    key = str(delivery.idempotency_key)
    answers = [status for k, status in province_stub.requests if k == key]
    assert answers == [503, 503, 202]  # failed twice (backoff with jitter between), then accepted
    assert list(province_stub.accepted).count(key) == 1
    package = province_stub.accepted[key]
    assert package["submission"] == "01/TTr-TCT"
    assert sorted(d["dossier"] for d in package["dossiers"]) == sorted([dossier.reference, other.reference])
    for sent in package["dossiers"]:  # every dossier's files travel with their SHA-256
        owner = dossier if sent["dossier"] == dossier.reference else other
        assert [hashlib.sha256(base64.b64decode(d["content_base64"])).hexdigest() for d in sent["documents"]] == [
            d.sha256 for d in owner.documents.filter(is_current=True).order_by("kind", "id")
        ]
    letter = package["submission_letter"]  # the issued PDF itself, as kept
    assert (letter["symbol"], letter["sha256"]) == ("01/TTr-TCT", signed.sha256)
    assert hashlib.sha256(base64.b64decode(letter["content_base64"])).hexdigest() == signed.sha256
    assert delivery.attempts == 3 and delivery.status == Delivery.Status.DELIVERED
    # each attempt and the delivery are in the trail, written by the system from the worker's task
    traced = list(dossier.events.filter(step="forward").order_by("id"))
    assert [(e.action, e.data.get("status_code")) for e in traced] == [
        ("delivery_attempted", 503),
        ("delivery_attempted", 503),
        ("delivery_attempted", 202),
        ("forwarded_to_province", None),
    ]
    assert all(e.actor_id is None and e.role == "system" and e.request_id.startswith("task:") for e in traced)

    # the job is done once: a redelivered message changes nothing
    from process.workflows.services import job_forward_to_province

    job_task = dossier.process.task_set.get(flow_task_type="JOB")
    job_forward_to_province(job_task.pk)
    job_forward_to_province(other.process.task_set.get(flow_task_type="JOB").pk)
    assert Delivery.objects.get(pk=delivery.pk).attempts == 3
    assert dossier.events.filter(action="forwarded_to_province").count() == 1

    # the secretariat records the province's decision; nobody else may
    assert open_task(dossier).flow_task.name == "record_province"
    before = state(dossier)
    for username in ("hieutruong", "hoidong1", "kiemtra", "admin", "truongkhoa.xdd"):
        refused = act(
            client,
            people[username],
            dossier,
            "record",
            "",
            result="approved",
            decision_number="1/QĐ-UBND",
            decision_date="20/12/2026",
        )
        assert refused.status_code == 403, username
    assert state(dossier) == before
    response = act(
        client,
        sec,
        dossier,
        "record",
        "",
        result="approved",
        decision_number="1234/QĐ-UBND",
        decision_date="20/12/2026",
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWARDED
    assert audit_verify()["ok"]
    record = AwardRecord.objects.get(dossier=dossier)
    assert (record.decision_number, record.decision_date.isoformat()) == ("1234/QĐ-UBND", "2026-12-20")
