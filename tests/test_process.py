"""The award process end to end through the real HTTP views, each step by the right role."""

from datetime import date

import pytest
from viewflow.workflow.models import Task

from domain.dossiers.models import AwardRecord, DossierStatus
from tests.helpers import act, council_select, login, member, nominate, open_task, sign_batch, state, submit, task_url

pytestmark = pytest.mark.django_db


def test_school_award_whole_process(client, people):
    head, sec, _principal = people["truongkhoa.llcs"], people["thuongtruc"], people["hieutruong"]
    nominee = member(people, "llcs")
    dossier = nominate(client, head, award="CSTDCS", person=nominee)
    assert dossier.status == DossierStatus.DRAFT

    assert submit(client, head, dossier).status_code == 302
    assert open_task(dossier).flow_task.name == "check_completeness"

    assert act(client, sec, dossier, "accept").status_code == 302
    council_select(people, dossier)
    assert open_task(dossier).flow_task.name == "sign_decision"
    sign_batch(people, dossier)  # the decision of the batch (here one dossier), signed then issued

    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWARDED
    assert dossier.decision_number == "01/QĐ-TCT"
    record = AwardRecord.objects.get(dossier=dossier)
    assert (record.person, record.award.code, record.year) == (nominee, "CSTDCS", 2026)
    trail = list(dossier.events.order_by("at", "id").values_list("action", "actor__username"))
    assert trail == [
        ("dossier_created", "truongkhoa.llcs"),
        ("document_uploaded", "truongkhoa.llcs"),
        ("dossier_submitted", "truongkhoa.llcs"),
        ("completeness_accepted", "thuongtruc"),
        ("council_agenda_added", "thuongtruc"),
        *[("vote_cast", f"hoidong{i}") for i in range(1, 8)],
        ("vote_cast", "thuongtruc"),
        ("ballot_closed", "thuongtruc"),
        ("council_selected", "thuongtruc"),
        ("document_uploaded", "thuongtruc"),  # the council's minutes
        ("posting_closed", None),
        ("decision_signed", "hieutruong"),
        ("document_issued", "vanthu"),
    ]
    page = login(client, people["kiemtra"]).get(f"/dossiers/{dossier.pk}/")
    assert page.status_code == 200
    assert "01/QĐ-TCT" in page.content.decode()


def test_province_award_reaches_the_forward_job(client, people, django_capture_on_commit_callbacks):
    """Up to the signature of the submission letter; delivery itself runs in test_province_worker."""
    head, sec, _principal = people["truongkhoa.xdd"], people["thuongtruc"], people["hieutruong"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "xdd"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    assert open_task(dossier).flow_task.name == "sign_submission"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_batch(people, dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED
    assert dossier.issued_documents.get().symbol == "01/TTr-TCT"
    jobs = [c for c in callbacks if "CeleryJobActivation" in getattr(c, "__qualname__", "")]
    assert len(jobs) == 1, callbacks  # the job is dispatched only once the transaction commits


STEPS = [
    # (award, how far to go, who must be refused, the action they try)
    ("LDTT", "check_completeness", ["truongkhoa.llcs", "hieutruong", "hoidong1", "kiemtra", "admin"], "accept"),
    ("LDTT", "correct", ["thuongtruc", "hieutruong", "hoidong1", "kiemtra", "admin"], "submit"),
    ("LDTT", "sign_decision", ["thuongtruc", "truongkhoa.llcs", "hoidong1", "kiemtra"], "return"),
    ("BANGKHEN_TINH", "sign_submission", ["thuongtruc", "truongkhoa.llcs", "hoidong1", "kiemtra", "admin"], "return"),
]


def _advance(client, people, dossier, to):
    sec = people["thuongtruc"]
    if to == "correct":
        act(client, sec, dossier, "return", "Bổ sung")
    if to in ("sign_decision", "sign_submission"):
        act(client, sec, dossier, "accept")
    if to in ("sign_decision", "sign_submission"):
        council_select(people, dossier)
    assert open_task(dossier).flow_task.name == to


@pytest.mark.parametrize("award,step,wrong_users,action", STEPS)
def test_every_step_refused_to_the_wrong_role(client, people, award, step, wrong_users, action):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award=award, person=member(people, "llcs"))
    submit(client, head, dossier)
    _advance(client, people, dossier, step)
    before = state(dossier)
    for username in wrong_users:
        response = act(client, people[username], dossier, action, "thử")
        assert response.status_code == 403, (username, response.status_code)
        assert state(dossier) == before
    # another department's head does not even see it
    response = act(client, people["truongkhoa.xdd"], dossier, action)
    assert response.status_code == 404
    assert state(dossier) == before


def test_refused_pages_are_translated(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    response = act(client, people["hieutruong"], dossier, "accept")
    assert "Bạn không có quyền" in response.content.decode()


def test_return_for_correction_loop(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)

    before = state(dossier)
    response = act(client, sec, dossier, "return", "")
    assert response.status_code == 400  # a return needs its reason
    assert state(dossier) == before

    assert act(client, sec, dossier, "return", "Thiếu quyết định công nhận sáng kiến").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.status_reason == "Thiếu quyết định công nhận sáng kiến"
    task = open_task(dossier)
    assert (task.flow_task.name, task.owner) == ("correct", head)

    # the department corrects (a new version of the report) and resubmits
    login(client, head)
    from tests.helpers import pdf

    assert (
        client.post(
            f"/dossiers/{dossier.pk}/documents/", {"kind": "achievement_report", "file": pdf("v2.pdf")}
        ).status_code
        == 302
    )
    assert submit(client, head, dossier).status_code == 302
    assert open_task(dossier).flow_task.name == "check_completeness"
    assert list(dossier.documents.order_by("version").values_list("version", "is_current")) == [(1, False), (2, True)]

    assert act(client, sec, dossier, "return", "Bổ sung minh chứng").status_code == 302
    assert submit(client, head, dossier).status_code == 302
    assert act(client, sec, dossier, "accept").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    actions = list(dossier.events.values_list("action", flat=True))
    assert actions.count("dossier_returned") == 2 and actions.count("dossier_resubmitted") == 2


def test_withdrawal_before_the_council_decides(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    task = Task.objects.get(process__dossierprocess__dossier=dossier, status="NEW")  # waiting for the council

    login(client, head)
    assert client.post(f"/dossiers/{dossier.pk}/withdraw/", {"reason": ""}).status_code == 400
    assert (
        client.post(f"/dossiers/{dossier.pk}/withdraw/", {"reason": "Cá nhân xin rút", "confirm": "on"}).status_code
        == 302
    )
    dossier.refresh_from_db()
    task.refresh_from_db()
    assert dossier.status == DossierStatus.WITHDRAWN
    assert task.status == "CANCELED"
    assert dossier.process.status == "CANCELED"
    # it is off the council's queue: a session can no longer take it
    from domain.council.services.sessions import session_create
    from ground.base import errors

    with pytest.raises(errors.InvalidInput):
        session_create(
            acting_user=sec, period=dossier.period, title="", meeting_date=date(2026, 12, 1), dossier_ids=[dossier.pk]
        )


def test_no_withdrawal_after_the_council_decided(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    before = state(dossier)
    response = login(client, head).post(f"/dossiers/{dossier.pk}/withdraw/", {"reason": "Xin rút", "confirm": "on"})
    assert response.status_code == 409
    assert state(dossier) == before


def test_council_rejection_ends_the_process(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier, approve={dossier.pk: 5})  # 5 of 8: 62.5 % < 70 %
    assert dossier.status == DossierStatus.REJECTED
    assert "70" in dossier.status_reason
    assert dossier.process.status == "DONE"


def test_principal_return_goes_back_to_the_secretariat(client, people):
    head, sec, principal = people["truongkhoa.llcs"], people["thuongtruc"], people["hieutruong"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    assert act(client, principal, dossier, "return", "Đề nghị rà soát lại").status_code == 302
    assert open_task(dossier).flow_task.name == "check_completeness"


def test_submit_twice_is_refused_and_changes_nothing(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    assert submit(client, head, dossier).status_code == 302
    before = state(dossier)
    response = submit(client, head, dossier)
    assert response.status_code == 302  # back to the page, with the message
    assert state(dossier) == before
    page = client.get(response["Location"])
    assert "không còn ở bước" in page.content.decode()


def test_submit_without_report_is_refused(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"), report=False)
    submit(client, head, dossier)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DRAFT


def test_queue_task_claim_and_release(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    task = open_task(dossier)
    login(client, sec)
    assert client.post(task_url(task, "assign")).status_code == 302
    task.refresh_from_db()
    assert task.owner == sec and task.status == "ASSIGNED"
    assert "LDTT" in client.get("/process/inbox/").content.decode() or task.pk
    assert client.post(task_url(task, "unassign")).status_code == 302
    task.refresh_from_db()
    assert task.owner is None and task.status == "NEW"
    actions = list(dossier.events.values_list("action", flat=True))
    assert "task_claimed" in actions and "task_released" in actions
