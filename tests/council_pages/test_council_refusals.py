"""Every write path of the council's pages refuses the auditor (403), changes nothing, and the refusal is traced;
list pages keep a constant number of queries; an exceeded quota is decided on the session page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.council.models import Attendance, Ballot, CouncilSession, Objection, Participation, Quota, QuotaDecision
from domain.dossiers.models import DossierStatus
from ground.audit.models import AuditEvent
from interfaces.demo.seed import run_session
from tests.helpers import act, login, nominate, submit

pytestmark = pytest.mark.django_db


def accepted(client, people, award, dept, index=0):
    head = people[f"truongkhoa.{dept}"]
    staff = list(people["depts"][dept].staff.filter(user__isnull=True).order_by("pk"))[index]
    dossier = nominate(client, head, award=award, person=staff)
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept", "Đủ hồ sơ")
    dossier.refresh_from_db()
    return dossier


def snapshot():
    return (
        list(CouncilSession.objects.order_by("pk").values_list("pk", "status", "version")),
        list(Attendance.objects.order_by("pk").values_list("pk", "present")),
        list(Ballot.objects.order_by("pk").values_list("pk", "status", "box", "quota_cut")),
        Participation.objects.count(),
        Objection.objects.count(),
        QuotaDecision.objects.count(),
        sorted((d.pk, d.status) for d in _dossiers()),
    )


def _dossiers():
    from domain.dossiers.models import Dossier

    return Dossier.objects.all()


def test_the_auditor_reads_but_every_write_is_refused_and_traced(client, people):
    sec, auditor = people["thuongtruc"], people["kiemtra"]
    waiting = accepted(client, people, "LDTT", "llcs", 0)
    voting = accepted(client, people, "CSTD_TINH", "llcs", 1)
    posted = accepted(client, people, "LDTT", "xdd", 0)
    prepared = run_session(sec, [waiting], conclude=False)
    # a prepared session: reopen it to PREPARED for the attendance/open paths
    CouncilSession.objects.filter(pk=prepared.pk).update(status=CouncilSession.Status.PREPARED)
    Ballot.objects.filter(session=prepared).update(status=Ballot.Status.PENDING)
    in_progress = run_session(sec, [voting], conclude=False, absent={"hoidong7"})
    concluded = run_session(sec, [posted])
    entry = posted.postings.get()
    ballot = Ballot.objects.get(session=in_progress)
    seat7 = Attendance.objects.get(session=in_progress, member__user__username="hoidong7").member_id

    login(client, auditor)
    for url in ("/council/", f"/council/{in_progress.pk}/", f"/council/{in_progress.pk}/vote/", "/council/posting/"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/council/{concluded.pk}/minutes/").status_code == 200
    page = client.get(f"/council/{in_progress.pk}/").content.decode()
    assert 'data-testid="close"' not in page and 'data-testid="written-form"' not in page
    assert 'data-testid="objection-form"' not in client.get("/council/posting/").content.decode()
    assert 'data-testid="new-session"' not in client.get("/council/").content.decode()
    assert 'data-testid="no-seat"' in client.get(f"/council/{in_progress.pk}/vote/").content.decode()

    writes = [
        ("get", "/council/new/", {}),
        (
            "post",
            "/council/new/",
            {"period": waiting.period_id, "title": "x", "meeting_date": "01/07/2026", "dossiers": [waiting.pk]},
        ),
        ("post", f"/council/{prepared.pk}/attendance/", {"present": []}),
        ("post", f"/council/{prepared.pk}/open/", {}),
        ("post", f"/council/{in_progress.pk}/ballots/{ballot.pk}/written/", {"member": seat7, "choice": "approve"}),
        ("post", f"/council/{in_progress.pk}/vote/{ballot.pk}/", {"choice": "approve"}),
        ("post", f"/council/{in_progress.pk}/ballots/{ballot.pk}/close/", {}),
        ("post", f"/council/{in_progress.pk}/quotas/1/", {"kept": [], "reason": "x"}),
        ("post", f"/council/{in_progress.pk}/conclude/", {}),
        ("post", f"/council/posting/{entry.pk}/object/", {"text": "Một phản ánh có đủ độ dài."}),
    ]
    for method, url, data in writes:
        before = snapshot()
        denied = AuditEvent.objects.filter(action="access_denied", actor=auditor).count()
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (url, response.status_code)
        assert snapshot() == before, url
        event = AuditEvent.objects.filter(action="access_denied", actor=auditor).order_by("-id").first()
        assert AuditEvent.objects.filter(action="access_denied", actor=auditor).count() == denied + 1, url
        assert event.data["path"] == url and event.data["status"] == 403

    # CSRF is enforced on the forms
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(sec)
    assert csrf_client.post(f"/council/{prepared.pk}/open/").status_code == 403
    assert CouncilSession.objects.get(pk=prepared.pk).status == CouncilSession.Status.PREPARED


def test_a_user_of_another_unit_or_without_a_role_sees_no_session(client, people):
    session = run_session(people["thuongtruc"], [accepted(client, people, "LDTT", "llcs")], conclude=False)
    login(client, people["canbo"])
    assert client.get("/council/").status_code == 403
    assert client.get(f"/council/{session.pk}/").status_code == 404
    assert client.post(f"/council/{session.pk}/open/").status_code == 404
    assert client.get("/council/posting/").status_code == 200


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_keep_a_constant_number_of_queries(client, people):
    sec = people["thuongtruc"]
    run_session(sec, [accepted(client, people, "LDTT", "llcs", 0)])
    login(client, people["canbo"])
    client.get("/council/posting/")  # warm caches (content types, permissions)
    one_posting = _count(client, "/council/posting/")
    login(client, sec)
    client.get("/council/")
    one_session = _count(client, "/council/")
    run_session(sec, [accepted(client, people, "LDTT", "llcs", i) for i in (1, 2)])
    run_session(sec, [accepted(client, people, "LDTT", "xdd", i) for i in (0, 1)], conclude=False)
    assert _count(client, "/council/") == one_session
    login(client, people["canbo"])
    assert _count(client, "/council/posting/") == one_posting


def test_an_exceeded_quota_is_decided_on_the_session_page(client, people):
    sec = people["thuongtruc"]
    base = accepted(client, people, "LDTT", "llcs", 0)
    first = accepted(client, people, "CSTDCS", "llcs", 1)
    second = accepted(client, people, "CSTDCS", "xdd", 0)
    Quota.objects.get_or_create(
        regime=first.award.regime, award_code="CSTDCS", defaults={"base_award_code": "LDTT", "percent": 100}
    )
    session = run_session(sec, [base, first, second], conclude=False)
    for ballot in session.ballots.order_by("position"):
        for row in session.attendance.select_related("member__user"):
            choice = (
                "reject" if (ballot.dossier_id == second.pk and row.member.user.username == "hoidong1") else "approve"
            )
            login(client, row.member.user).post(f"/council/{session.pk}/vote/{ballot.pk}/", {"choice": choice})
        assert login(client, sec).post(f"/council/{session.pk}/ballots/{ballot.pk}/close/").status_code == 302
    page = client.get(f"/council/{session.pk}/").content.decode()
    assert 'data-testid="quota-form"' in page and 'data-testid="conclude"' not in page
    quota = Quota.objects.get(award_code="CSTDCS", regime=first.award.regime)
    kept_first = Ballot.objects.get(session=session, dossier=first)
    kept_second = Ballot.objects.get(session=session, dossier=second)
    # concluding first: 409, the quota is undecided
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 409
    # keeping the one with fewer votes over the one with more: refused (400), nothing decided
    response = client.post(f"/council/{session.pk}/quotas/{quota.pk}/", {"kept": [kept_second.pk], "reason": "x"})
    assert response.status_code == 400 and QuotaDecision.objects.count() == 0
    response = client.post(
        f"/council/{session.pk}/quotas/{quota.pk}/", {"kept": [kept_first.pk], "reason": "Xếp theo số phiếu"}
    )
    assert response.status_code == 302
    assert client.post(f"/council/{session.pk}/quotas/{quota.pk}/", {"kept": [], "reason": "x"}).status_code == 409
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == DossierStatus.POSTED and second.status == DossierStatus.REJECTED


def test_bad_or_stale_input_is_a_message_never_a_500(client, people):
    sec = people["thuongtruc"]
    dossier = accepted(client, people, "LDTT", "llcs", 0)
    login(client, sec)
    assert client.get("/council/new/?period=abc").status_code == 200
    data = {"period": dossier.period_id, "title": "", "meeting_date": "15/06/2026", "place": ""}
    assert client.post("/council/new/", {**data, "dossiers": []}).status_code == 400  # no dossier
    assert (
        client.post("/council/new/", {**data, "meeting_date": "2026-13-45", "dossiers": [dossier.pk]}).status_code
        == 400
    )
    assert client.post("/council/new/", {**data, "period": "x", "dossiers": [dossier.pk]}).status_code == 400
    assert client.post("/council/new/", {**data, "dossiers": ["x"]}).status_code == 400
    assert CouncilSession.objects.count() == 0
    assert client.post("/council/new/", {**data, "dossiers": [dossier.pk]}).status_code == 302
    # the same form sent again (a stale page): the dossier is on the agenda already
    response = client.post("/council/new/", {**data, "dossiers": [dossier.pk]})
    assert response.status_code == 400 and CouncilSession.objects.count() == 1
    session = CouncilSession.objects.get()
    assert client.post(f"/council/{session.pk}/attendance/", {"present": ["x"]}).status_code == 400
    assert client.post(f"/council/{session.pk}/attendance/", {"present": [999999]}).status_code == 400
    ballot = session.ballots.get()
    assert client.post(f"/council/{session.pk}/ballots/{ballot.pk}/close/").status_code == 409  # not open yet
    assert client.post(f"/council/{session.pk}/ballots/999999/close/").status_code == 404
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 409
    assert client.get(f"/council/{session.pk}/minutes/").status_code == 404
    login(client, people["hoidong1"])
    assert client.post(f"/council/{session.pk}/vote/{ballot.pk}/", {"choice": "maybe"}).status_code == 400
    assert client.post(f"/council/{session.pk}/vote/{ballot.pk}/", {"choice": "approve"}).status_code in (403, 409)
    assert Participation.objects.count() == 0
