"""Issue 16, consistency of the actions: the department head told of the signature and the province's decision (once
each), the province's decision file attached on the record-province page (PDF, size limit, translated refusal), and
a confirmation ticked on the server's side before concluding a session or withdrawing a dossier."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from domain.council.models import CouncilSession
from domain.council.services import ballots as council_ballots
from domain.dossiers import notices
from domain.dossiers.models import Document, DossierStatus
from ground.base import errors
from ground.notifications.models import Notification
from interfaces.demo import seed as demo
from process.workflows import services as process
from tests.helpers import PDF, approved_dossiers, login, member, nominate, open_task, sign_batch, task_url

VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


def _told(user, kind, dossier):
    return Notification.objects.filter(recipient=user, kind=kind, dossier=dossier).count()


def test_the_department_head_is_told_once_when_the_decision_is_signed(client, people):
    head = people["truongkhoa.llcs"]
    (dossier,), _session = approved_dossiers(people, [("LDTT", "llcs")])
    (document,) = sign_batch(people, dossier, issue=False)
    assert _told(head, "signed", dossier) == 1
    note = Notification.objects.get(recipient=head, kind="signed", dossier=dossier)
    assert dossier.reference in note.title and note.link == f"/dossiers/{dossier.pk}/"
    # signing again is refused; telling again (a retry) writes nothing new
    login(client, people["hieutruong"])
    assert client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "demo"}).status_code == 409
    notices.document_signed(document, [dossier])
    assert _told(head, "signed", dossier) == 1
    # the head sees it in the app, in Vietnamese
    page = login(client, head).get("/notifications/", **VI).content.decode()
    assert "Quyết định khen thưởng đã được ký" in page and dossier.reference in page


@pytest.fixture
def forwarded(people, settings, province_stub):
    """A province-level dossier signed, issued and delivered: its record-province task waits for the secretariat."""
    settings.PROVINCE_ENDPOINT = province_stub.url
    (dossier,), _session = approved_dossiers(people, [("BANGKHEN_TINH", "xdd")])
    sign_batch(people, dossier)
    for job in Task.objects.filter(flow_task_type="JOB", status=STATUS.SCHEDULED):
        process.job_forward_to_province(job.pk, final_attempt=True)
    dossier.refresh_from_db()
    assert open_task(dossier).flow_task.name == "record_province"
    return dossier


def _record(client, people, dossier, **extra):
    task = open_task(dossier)
    login(client, people["thuongtruc"])
    data = {"action": "record", "result": "approved", "decision_number": "77/QĐ-UBND", "decision_date": "2026-12-05"}
    return client.post(task_url(task), {**data, **extra}, **VI)


def test_the_province_decision_file_is_stored_listed_and_the_head_told_once(client, people, forwarded):
    dossier, head = forwarded, people["truongkhoa.xdd"]
    page = login(client, people["thuongtruc"]).get(task_url(open_task(dossier)), **VI).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="decision_file"' in page
    assert 'type="date" name="decision_date"' in page
    upload = SimpleUploadedFile("qd-77-ubnd.pdf", PDF, content_type="application/pdf")
    response = _record(client, people, dossier, decision_file=upload)  # the browser's ISO date
    assert response.status_code == 302, response.content.decode()[-2000:]
    dossier.refresh_from_db()
    assert (dossier.status, dossier.decision_number, dossier.decision_date.isoformat()) == (
        "awarded",
        "77/QĐ-UBND",
        "2026-12-05",
    )
    stored = Document.objects.get(dossier=dossier, kind=Document.Kind.PROVINCE_DECISION)
    assert stored.content_type == "application/pdf" and stored.file.read() == PDF
    assert dossier.events.filter(action="province_approved").get().data["file"] == stored.pk
    page = login(client, head).get(f"/dossiers/{dossier.pk}/", **VI).content.decode()
    assert "qd-77-ubnd.pdf" in page and "Quyết định của tỉnh" in page
    assert client.get(f"/dossiers/{dossier.pk}/documents/{stored.pk}/").status_code == 200
    assert _told(head, "province_decision", dossier) == 1
    note = Notification.objects.get(recipient=head, kind="province_decision")
    assert "77/QĐ-UBND" in note.body
    # the province's system sends the same answer again: recognised, nobody told twice
    submission = dossier.events.filter(action="province_approved").get().data["submission"]
    _again, created = process.province_decision_receive(
        actor=people["tinh"],
        dossier_reference=dossier.reference,
        submission=submission,
        result="approved",
        decision_number="77/QĐ-UBND",
        decision_date=dossier.decision_date,
    )
    assert created is False
    notices.province_decided(dossier, result="approved", submission=submission)
    assert _told(head, "province_decision", dossier) == 1


def test_a_decision_file_that_is_not_a_pdf_or_too_large_is_refused_clearly(client, people, forwarded, settings):
    dossier = forwarded
    png = SimpleUploadedFile("qd.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")
    response = _record(client, people, dossier, decision_file=png)
    assert response.status_code == 400
    assert "Quyết định của tỉnh phải là tệp PDF." in response.content.decode()
    settings.PROVINCE_DECISION_MAX_BYTES = 20
    response = _record(client, people, dossier, decision_file=SimpleUploadedFile("qd.pdf", PDF))
    assert response.status_code == 400
    assert re.search(r"tối đa 20\s*(byte|bytes)", response.content.decode()), response.content.decode()[-3000:]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.FORWARDED
    assert not Document.objects.filter(dossier=dossier, kind=Document.Kind.PROVINCE_DECISION).exists()
    assert _told(people["truongkhoa.xdd"], "province_decision", dossier) == 0


def _ready_to_conclude(people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = demo._nominate(head, "LDTT", person=member(people, "llcs"), achievements="x")
    process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
    demo._do(sec, dossier, "accept")
    session = demo.run_session(sec, [dossier], conclude=False)
    for ballot in session.ballots.all():
        for seat in session.council.members.select_related("user"):
            try:
                council_ballots.vote_cast(acting_user=seat.user, ballot_id=ballot.pk, choice="approve")
            except errors.DomainError:  # a recused member does not vote
                pass
        council_ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    return session


def test_concluding_a_session_asks_for_a_ticked_confirmation(client, people):
    session = _ready_to_conclude(people)
    login(client, people["thuongtruc"])
    page = client.get(f"/council/{session.pk}/", **VI).content.decode()
    assert re.search(r'<input type="checkbox" name="confirm" required data-testid="conclude-confirm">', page)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)  # no inline script: the CSP holds
    refused = client.post(f"/council/{session.pk}/conclude/", {}, **VI)
    assert refused.status_code == 400
    assert "Đánh dấu vào ô để xác nhận" in refused.content.decode()
    session.refresh_from_db()
    assert session.status != CouncilSession.Status.CONCLUDED
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 302
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.CONCLUDED


def test_withdrawing_a_dossier_asks_for_a_ticked_confirmation(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    page = client.get(f"/dossiers/{dossier.pk}/withdraw/", **VI).content.decode()
    assert 'type="checkbox" name="confirm"' in page
    refused = client.post(f"/dossiers/{dossier.pk}/withdraw/", {"reason": "Xin rút"}, **VI)
    assert refused.status_code == 400 and "Đánh dấu vào ô để xác nhận" in refused.content.decode()
    dossier.refresh_from_db()
    assert dossier.status != DossierStatus.WITHDRAWN
    done = client.post(f"/dossiers/{dossier.pk}/withdraw/", {"reason": "Xin rút", "confirm": "on"})
    assert done.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN


def test_signing_asks_for_the_signers_password(client, people):
    (dossier,), _session = approved_dossiers(people, [("LDTT", "llcs")])
    from tests.helpers import batch_documents

    (document,) = batch_documents(people, dossier)
    login(client, people["hieutruong"])
    page = client.get(f"/official/batches/{document.pk}/", **VI).content.decode()
    assert 'type="password" name="confirm" required' in page
    assert client.post(f"/official/batches/{document.pk}/sign/", {"confirm": ""}).status_code in (400, 403)
    document.refresh_from_db()
    assert document.status == "pending"
