"""The council's review through the REST API: sessions, attendance and quorum, votes (open, written, secret),
thresholds, quotas, minutes, the posted list and objections, each role with its own token."""

import re
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from domain.council.models import Ballot, Council, CouncilMember, CouncilSession, Participation, Quota, VotingRule
from domain.dossiers.models import Dossier
from domain.dossiers.services import documents, dossiers
from ground.audit.models import AuditEvent
from ground.organisation import roles
from ground.organisation.models import StaffMember
from process.workflows import services as process
from process.workflows.council import postings_close_due
from tests.api.conftest import API, complete, task_of

pytestmark = pytest.mark.django_db

MEMBERS = [f"hoidong{i}" for i in range(1, 8)] + ["thuongtruc"]  # the demo council's eight seats
RECEIPT = re.compile(r"^P\d+-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


@pytest.fixture(autouse=True)
def _many_logins(settings):
    """Every member logs in with their own token, all from the test client's one address."""
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token": "1000/min"}


@pytest.fixture
def accepted(people):
    """``accepted(award, n=1, dept="llcs")``: dossiers nominated, submitted and accepted (services: not the topic)."""

    def make(award, n=1, dept="llcs"):
        head = people[f"truongkhoa.{dept}"]
        made = []
        for person in StaffMember.objects.filter(department=people["depts"][dept], user__isnull=True)[:n]:
            dossier = dossiers.dossier_create(
                acting_user=head, period_year=2026, award_code=award, nominee_kind="person", nominee_id=person.pk
            )
            documents.document_upload(
                acting_user=head,
                dossier_id=dossier.pk,
                kind="achievement_report",
                uploaded=ContentFile(b"%PDF-1.4\n%%EOF\n", "r.pdf"),
            )
            process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
            task = Task.objects.get(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")
            process.task_complete(acting_user=people["thuongtruc"], task_id=task.pk, action="accept")
            made.append(dossier.pk)
        return made

    return make


def assert_error(response, status, code):
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert body["code"] == code and body["detail"], body
    return body


def new_session(sec, dossier_ids, **extra):
    body = {"period": 2026, "title": "Phiên họp bình xét", "meeting_date": "2026-12-01", "dossiers": dossier_ids}
    response = sec.post(f"{API}/council/sessions/", {**body, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def seat_ids(session):
    return {row["username"]: row["member"] for row in session["attendance"]}


def attend(sec, session, absent=()):
    present = [member for username, member in seat_ids(session).items() if username not in absent]
    response = sec.post(f"{API}/council/sessions/{session['id']}/attendance/", {"present": present}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def opened(sec, dossier_ids, absent=()):
    session = new_session(sec, dossier_ids)
    attend(sec, session, absent)
    response = sec.post(f"{API}/council/sessions/{session['id']}/open/")
    assert response.status_code == 200, response.content
    return response.json()


def vote(api, username, ballot_id, choice="approve"):
    return api(username).post(f"{API}/council/ballots/{ballot_id}/vote/", {"choice": choice}, format="json")


def vote_all(api, ballot_id, approve, voters=MEMBERS):
    """The first ``approve`` voters approve, the others reject."""
    for i, username in enumerate(voters):
        response = vote(api, username, ballot_id, "approve" if i < approve else "reject")
        assert response.status_code == 201, (username, response.content)


def close(sec, ballot_id):
    response = sec.post(f"{API}/council/ballots/{ballot_id}/close/")
    assert response.status_code == 200, response.content
    return response.json()


def detail(client, session_id):
    response = client.get(f"{API}/council/sessions/{session_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def snapshot(session_id):
    session = CouncilSession.objects.get(pk=session_id)
    ballots = list(Ballot.objects.filter(session=session).order_by("pk").values_list("status", flat=True))
    present = list(session.attendance.order_by("pk").values_list("present", flat=True))
    return session.status, session.version, ballots, present, AuditEvent.objects.count()


def test_without_quorum_nothing_opens(api, people, accepted):
    sec = api("thuongtruc")
    session = new_session(sec, accepted("LDTT"))
    sid = session["id"]
    assert session["quorum"] == {"present": 0, "members": 8, "needed": 6, "reached": False}
    five = attend(sec, session, absent={"hoidong5", "hoidong6", "hoidong7"})
    assert five["quorum"] == {"present": 5, "members": 8, "needed": 6, "reached": False}
    before = snapshot(sid)
    refused = assert_error(sec.post(f"{API}/council/sessions/{sid}/open/", HTTP_ACCEPT_LANGUAGE="en"), 409, "no_quorum")
    assert "5 of 8 members present, 6 needed" in refused["detail"]
    assert snapshot(sid) == before  # nothing changed: no ballot open, no event
    assert_error(vote(api, "hoidong1", session["ballots"][0]["id"]), 409, "ballot_not_open")

    six = attend(sec, session, absent={"hoidong6", "hoidong7"})
    assert six["quorum"]["reached"] is True
    assert sec.post(f"{API}/council/sessions/{sid}/open/").json()["status"] == "in_progress"
    assert_error(sec.post(f"{API}/council/sessions/{sid}/open/"), 409, "conflict")  # already open
    late = sec.post(f"{API}/council/sessions/{sid}/attendance/", {"present": []}, format="json")
    assert_error(late, 409, "conflict")  # the attendance is the minutes' record once open


def test_votes_who_may_vote_and_no_tallies_before_closing(api, people, accepted):
    sec = api("thuongtruc")
    session = opened(sec, accepted("LDTT"), absent={"hoidong7"})
    sid, ballot_id = session["id"], session["ballots"][0]["id"]
    seats = seat_ids(session)

    first = vote(api, "hoidong1", ballot_id)
    assert first.status_code == 201 and first.json()["receipt"] is None
    assert first.json()["ballot"]["voted_by_me"] is True and first.json()["ballot"]["voters"] == [seats["hoidong1"]]
    assert_error(vote(api, "hoidong1", ballot_id, "reject"), 409, "already_voted")
    assert_error(vote(api, "hoidong7", ballot_id), 403, "permission_denied")  # absent: votes in writing
    assert_error(vote(api, "kiemtra", ballot_id), 403, "permission_denied")  # the auditor holds no seat
    assert_error(vote(api, "hieutruong", ballot_id), 403, "permission_denied")  # nor does the principal
    assert_error(vote(api, "canbo", ballot_id), 404, "not_found")  # a staff member does not see sessions
    bad = api("hoidong2").post(f"{API}/council/ballots/{ballot_id}/vote/", {"choice": "maybe"}, format="json")
    assert list(assert_error(bad, 400, "invalid")["errors"]) == ["choice"]
    assert Participation.objects.filter(ballot_id=ballot_id).count() == 1

    # The secretary enters the absent member's written vote; nobody else may, and a present member votes in person.
    written = {"member": seats["hoidong7"], "choice": "reject"}
    url = f"{API}/council/ballots/{ballot_id}/written-votes/"
    assert_error(api("hoidong1").post(url, written, format="json"), 403, "permission_denied")
    in_person = api("thuongtruc").post(url, {"member": seats["hoidong2"], "choice": "approve"}, format="json")
    assert list(assert_error(in_person, 400, "invalid")["errors"]) == ["member"]
    recorded = sec.post(url, written, format="json")
    assert recorded.status_code == 201, recorded.content
    assert (recorded.json()["receipt"], recorded.json()["ballot"]["voted_by_me"]) == (None, False)
    assert_error(sec.post(url, written, format="json"), 409, "already_voted")
    assert Participation.objects.get(ballot_id=ballot_id, member_id=seats["hoidong7"]).written is True
    event = AuditEvent.objects.filter(action="written_vote_recorded").get()
    assert (event.actor.username, event.data["choice"]) == ("thuongtruc", "reject")

    for username in ("hoidong2", "hoidong3", "hoidong4", "hoidong5", "hoidong6"):
        assert vote(api, username, ballot_id).status_code == 201
    # Before closing, nobody sees a count: not the members, not the secretariat, not the auditor.
    for client in (api("hoidong1"), sec, api("kiemtra")):
        row = detail(client, sid)["ballots"][0]
        assert row["status"] == "open" and len(row["voters"]) == 7
        counts = {k: row[k] for k in ("approvals", "rejections", "base_count", "percent", "passed", "selected")}
        assert set(counts.values()) == {None}, counts
    assert detail(api("hoidong1"), sid)["ballots"][0]["voted_by_me"] is True
    assert detail(api("hoidong1"), sid)["my_seat"] == {"member": seats["hoidong1"], "role": "chair", "present": True}
    assert detail(api("hoidong7"), sid)["ballots"][0]["voted_by_me"] is True  # their written vote
    assert detail(api("kiemtra"), sid)["my_seat"] is None
    assert detail(sec, sid)["ballots"][0]["voted_by_me"] is False  # the secretary has not voted yet
    assert_error(api("canbo").get(f"{API}/council/sessions/{sid}/"), 404, "not_found")

    assert_error(api("hoidong1").post(f"{API}/council/ballots/{ballot_id}/close/"), 403, "permission_denied")
    assert_error(sec.post(f"{API}/council/sessions/{sid}/conclude/"), 409, "conflict")  # a ballot is open
    counted = close(sec, ballot_id)  # 6 approve of 8 members (the secretary did not vote): 75 %
    assert (counted["approvals"], counted["rejections"], counted["base_count"]) == (6, 1, 8)
    assert (counted["percent"], counted["passed"], counted["selected"]) == (75.0, True, True)
    assert_error(vote(api, "thuongtruc", ballot_id), 409, "ballot_not_open")
    assert_error(sec.post(f"{API}/council/ballots/{ballot_id}/close/"), 409, "ballot_not_open")
    assert detail(api("hoidong3"), sid)["ballots"][0]["approvals"] == 6  # now public


def _add_seats(people, *usernames):
    """Two more members on the 2026 council (ten seats): 7 of 10 is exactly 70 %."""
    council = Council.objects.get(period__organisation=people["org"], period__year=2026)
    group = Group.objects.get(name=roles.COUNCIL_MEMBER)
    for username in usernames:
        user = get_user_model().objects.create_user(username, password="demo", first_name=f"Ủy viên {username}")
        user.groups.add(group)
        StaffMember.objects.create(
            organisation=people["org"], department=people["depts"]["llcs"], full_name=user.first_name, user=user
        )
        CouncilMember.objects.create(council=council, user=user)


def test_threshold_exactly_70_percent_passes_and_just_below_fails(api, people, accepted):
    _add_seats(people, "hoidong8", "hoidong9")
    members = MEMBERS + ["hoidong8", "hoidong9"]
    sec = api("thuongtruc")
    exact, below = accepted("LDTT", n=2)
    session = opened(sec, [exact, below])
    assert session["quorum"] == {"present": 10, "members": 10, "needed": 7, "reached": True}
    ballots = {b["dossier"]["id"]: b["id"] for b in session["ballots"]}
    vote_all(api, ballots[exact], 7, members)  # 7 of 10 = 70 %
    vote_all(api, ballots[below], 6, members)  # 6 of 10 = 60 %
    assert (close(sec, ballots[exact])["percent"], close(sec, ballots[below])["percent"]) == (70.0, 60.0)
    concluded = sec.post(f"{API}/council/sessions/{session['id']}/conclude/").json()
    results = {b["dossier"]["id"]: (b["approvals"], b["base_count"], b["passed"]) for b in concluded["ballots"]}
    assert results == {exact: (7, 10, True), below: (6, 10, False)}
    assert Dossier.objects.get(pk=exact).status == "posted"
    rejected = Dossier.objects.get(pk=below)
    assert rejected.status == "rejected" and "6" in rejected.status_reason and "70" in rejected.status_reason


def test_threshold_measured_against_the_members_present(api, people, accepted):
    """With the rule measured against those present (and written votes): 5 of 7 present is 71.4 %, 4 of 6 fails."""
    VotingRule.objects.filter(award__code="LDTT").update(threshold_base="present")
    sec = api("thuongtruc")
    passes, fails = accepted("LDTT", n=2)
    session = opened(sec, [passes, fails], absent={"hoidong7"})
    ballots = {b["dossier"]["id"]: b for b in session["ballots"]}
    assert ballots[passes]["threshold_base"] == "present"
    present = MEMBERS[:6] + ["thuongtruc"]
    vote_all(api, ballots[passes]["id"], 5, present)
    vote_all(api, ballots[fails]["id"], 4, MEMBERS[:6])  # one present member does not vote: 4 of 7
    assert close(sec, ballots[passes]["id"])["percent"] == 71.43
    counted = close(sec, ballots[fails]["id"])
    assert (counted["approvals"], counted["base_count"], counted["passed"]) == (4, 7, False)


def test_secret_ballot_gives_a_receipt_that_is_counted(api, people, accepted):
    # A secret ballot on LĐTT with the rule's own 70 % (the school regulation's default for secret ballots is 90 %).
    VotingRule.objects.filter(award__code="LDTT").update(secret_ballot=True, threshold_percent=70)
    sec = api("thuongtruc")
    session = opened(sec, accepted("LDTT"), absent={"hoidong7"})
    ballot = session["ballots"][0]
    assert ballot["secret"] is True
    receipts = {}
    for i, username in enumerate(MEMBERS[:6]):
        response = vote(api, username, ballot["id"], "approve" if i < 5 else "reject")
        assert response.status_code == 201
        receipts[username] = response.json()["receipt"]
        assert RECEIPT.match(receipts[username]), receipts[username]
    written = sec.post(
        f"{API}/council/ballots/{ballot['id']}/written-votes/",
        {"member": seat_ids(session)["hoidong7"], "choice": "approve"},
        format="json",
    )
    assert written.status_code == 201 and RECEIPT.match(written.json()["receipt"])  # handed to the absent member
    assert len(set(receipts.values())) == 6
    assert set(Participation.objects.filter(ballot_id=ballot["id"]).values_list("choice", flat=True)) == {""}

    check = api("hoidong1").post(f"{API}/council/receipts/check/", {"receipt": receipts["hoidong1"]}, format="json")
    assert check.status_code == 200, check.content
    dossier_ref = Dossier.objects.get(pk=ballot["dossier"]["id"]).reference
    assert check.json() == {
        "ballot": ballot["id"],
        "dossier": {"id": ballot["dossier"]["id"], "reference": dossier_ref},
        "counted": True,
    }
    lower = api("hoidong2").post(f"{API}/council/receipts/check/", {"receipt": receipts["hoidong2"].lower()})
    assert lower.json()["counted"] is True  # copied by hand
    forged = f"P{ballot['id']}-AAAA-BBBB-CCCC"
    assert api("hoidong1").post(f"{API}/council/receipts/check/", {"receipt": forged}).json()["counted"] is False
    assert_error(api("hoidong1").post(f"{API}/council/receipts/check/", {"receipt": "xin chào"}), 400, "invalid")
    outsider = api("truongkhoa.llcs").post(f"{API}/council/receipts/check/", {"receipt": receipts["hoidong1"]})
    assert_error(outsider, 404, "not_found")  # a department head does not see the council's sessions

    counted = close(sec, ballot["id"])
    assert (counted["approvals"], counted["rejections"], counted["passed"]) == (6, 1, True)  # 6 of 8 = 75 %
    again = api("hoidong3").post(f"{API}/council/receipts/check/", {"receipt": receipts["hoidong3"]})
    assert again.json()["counted"] is True


def test_a_default_title_is_written_in_vietnamese_whatever_the_clients_language(api, accepted):
    """What the system writes into a record is in the organisation's language: a secretary reading in English
    leaves a session that every reader sees as it is stored, in Vietnamese."""
    sec = api("thuongtruc")
    body = {"period": 2026, "title": "", "meeting_date": "2026-12-01", "dossiers": accepted("LDTT", n=1)}
    response = sec.post(f"{API}/council/sessions/", body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Phiên họp Hội đồng số 1, năm 2026"


def test_sessions_list_candidates_agenda_and_permissions(api, people, accepted):
    sec, member, head = api("thuongtruc"), api("hoidong1"), api("truongkhoa.llcs")
    first, second = accepted("LDTT", n=2)
    body = {"period": 2026, "meeting_date": "2026-12-01", "dossiers": [first]}
    assert_error(head.post(f"{API}/council/sessions/", body, format="json"), 403, "permission_denied")
    assert_error(member.post(f"{API}/council/sessions/", body, format="json"), 403, "permission_denied")
    invalid = sec.post(f"{API}/council/sessions/", {"period": 2026, "dossiers": [first, 2**31]}, format="json")
    assert set(assert_error(invalid, 400, "invalid")["errors"]) == {"meeting_date", "dossiers.1"}
    no_period = sec.post(f"{API}/council/sessions/", {**body, "period": 2001}, format="json")
    assert list(assert_error(no_period, 400, "invalid")["errors"]) == ["period"]
    draft = dossiers.dossier_create(  # a draft: not waiting for the council
        acting_user=people["truongkhoa.xdd"],
        period_year=2026,
        award_code="LDTT",
        nominee_kind="person",
        nominee_id=StaffMember.objects.filter(department=people["depts"]["xdd"], user__isnull=True).first().pk,
    )
    wrong = sec.post(f"{API}/council/sessions/", {**body, "dossiers": [draft.pk]}, format="json")
    assert list(assert_error(wrong, 400, "invalid")["errors"]) == ["dossiers"]
    assert CouncilSession.objects.count() == 0

    session = new_session(sec, [first], title="", place="Phòng họp tầng 2")
    sid = session["id"]
    assert (session["number"], session["period"], session["place"]) == (1, 2026, "Phòng họp tầng 2")
    assert session["title"]  # a default title when none is given
    candidates = sec.get(f"{API}/council/sessions/{sid}/candidates/").json()
    assert [c["id"] for c in candidates["results"]] == [second]
    assert candidates["results"][0]["award"] == "LDTT" and candidates["results"][0]["nominee"]["type"] == "person"
    assert_error(member.get(f"{API}/council/sessions/{sid}/candidates/"), 403, "permission_denied")
    added = sec.post(f"{API}/council/sessions/{sid}/dossiers/", {"dossiers": [second]}, format="json")
    assert [b["dossier"]["id"] for b in added.json()["ballots"]] == [first, second]
    assert [b["position"] for b in added.json()["ballots"]] == [1, 2]
    assert sec.get(f"{API}/council/sessions/{sid}/candidates/").json()["count"] == 0

    listed = member.get(f"{API}/council/sessions/").json()
    assert [(s["id"], s["dossier_count"], s["status"]) for s in listed["results"]] == [(sid, 2, "prepared")]
    assert api("kiemtra").get(f"{API}/council/sessions/").json()["count"] == 1  # auditors see sessions
    assert api("canbo").get(f"{API}/council/sessions/").json()["count"] == 0
    assert_error(head.get(f"{API}/council/sessions/{sid}/"), 404, "not_found")
    assert_error(sec.get(f"{API}/council/sessions/{sid}/minutes/"), 404, "not_found")  # not concluded
    assert detail(sec, sid)["minutes"] is None and detail(sec, sid)["can_run"] is True
    assert detail(member, sid)["can_run"] is False


def test_list_queries_do_not_grow(api, people, accepted):
    sec = api("thuongtruc")
    ids = accepted("LDTT", n=3)
    for pk in ids:
        new_session(sec, [pk])

    def queries(url, size):
        with CaptureQueriesContext(connection) as ctx:
            response = sec.get(url, {"page_size": size})
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.json()["results"])

    for url in (f"{API}/council/sessions/",):
        (small, n_small), (large, n_large) = queries(url, 1), queries(url, 200)
        assert (n_small, n_large) == (1, 3) and small == large, (url, small, large)


def _posted(api, accepted, n=2):
    """n dossiers selected in a concluded session (posted for objections); returns (ids, session detail)."""
    sec = api("thuongtruc")
    ids = accepted("LDTT", n=n)
    session = opened(sec, ids)
    for ballot in session["ballots"]:
        vote_all(api, ballot["id"], 8)
        close(sec, ballot["id"])
    concluded = sec.post(f"{API}/council/sessions/{session['id']}/conclude/")
    assert concluded.status_code == 200, concluded.content
    return ids, concluded.json()


def test_objections_dismissed_and_upheld_through_the_task(api, people, accepted):
    sec, staff, auditor = api("thuongtruc"), api("canbo"), api("kiemtra")
    (dismissed, upheld), session = _posted(api, accepted)
    assert session["minutes"].endswith(f"/council/sessions/{session['id']}/minutes/")
    text = {"text": "Đồng chí này bị nhắc nhở trong năm, đề nghị xem xét lại."}

    assert_error(auditor.post(f"{API}/dossiers/{dismissed}/objections/", text, format="json"), 403, "permission_denied")
    short = staff.post(f"{API}/dossiers/{dismissed}/objections/", {"text": "Không"}, format="json")
    assert list(assert_error(short, 400, "invalid")["errors"]) == ["text"]
    filed = staff.post(f"{API}/dossiers/{dismissed}/objections/", text, format="json")
    assert filed.status_code == 201, filed.content
    objection = filed.json()
    assert (objection["status"], objection["filed_by"], objection["signed_name"]) == (
        "open",
        "canbo",
        "Lê Thị Thanh Hà",
    )
    assert Dossier.objects.get(pk=dismissed).status == "suspended"
    postings = {p["dossier"]["id"]: p for p in staff.get(f"{API}/council/postings/").json()["results"]}
    assert (postings[dismissed]["status"], postings[dismissed]["open_objections"]) == ("suspended", 1)
    assert (postings[upheld]["status"], postings[upheld]["open_objections"]) == ("open", 0)
    assert auditor.get(f"{API}/council/postings/").json()["count"] == 2

    listed = sec.get(f"{API}/dossiers/{dismissed}/objections/").json()["results"]
    assert [o["id"] for o in listed] == [objection["id"]]
    assert auditor.get(f"{API}/dossiers/{dismissed}/objections/").json()["count"] == 1
    assert_error(staff.get(f"{API}/dossiers/{dismissed}/objections/"), 404, "not_found")  # cannot see the dossier

    task = task_of(sec, dismissed)
    assert (task["step"], task["actions"]) == ("resolve_objection", ["uphold", "dismiss"])
    no_reason = complete(sec, dismissed, "dismiss", expect=400, objection=objection["id"])
    assert list(no_reason["errors"]) == ["comment"]
    done = complete(sec, dismissed, "dismiss", comment="Không có căn cứ.", objection=objection["id"])
    assert done["status"] == "posted"  # the window is still open: posted again
    resolved = sec.get(f"{API}/dossiers/{dismissed}/objections/").json()["results"][0]
    assert (resolved["status"], resolved["resolution"], resolved["resolved_by"]) == (
        "dismissed",
        "Không có căn cứ.",
        "thuongtruc",
    )

    first = staff.post(f"{API}/dossiers/{upheld}/objections/", text, format="json").json()
    second = api("truongkhoa.xdd").post(
        f"{API}/dossiers/{upheld}/objections/", {"text": "Thành tích kê khai chưa đúng thực tế."}, format="json"
    )
    assert second.status_code == 201 and Dossier.objects.get(pk=upheld).status == "suspended"
    wrong = complete(sec, upheld, "uphold", expect=400, comment="Có căn cứ.", objection=objection["id"])
    assert list(wrong["errors"]) == ["objection"]  # not an objection of this dossier
    done = complete(sec, upheld, "uphold", comment="Có căn cứ: bị nhắc nhở.", objection=first["id"])
    assert (done["status"], done["tasks"]) == ("rejected", [])
    statuses = {o["id"]: o["status"] for o in sec.get(f"{API}/dossiers/{upheld}/objections/").json()["results"]}
    assert statuses == {first["id"]: "upheld", second.json()["id"]: "moot"}

    # The window passes (the beat job): the dismissed one moves on; objections are now refused.
    closes_at = max(datetime.fromisoformat(p["closes_at"]) for p in postings.values())
    assert postings_close_due(now=closes_at + timedelta(seconds=1)) == 1
    assert Dossier.objects.get(pk=dismissed).status == "approved"
    late = staff.post(f"{API}/dossiers/{dismissed}/objections/", text, format="json")
    assert_error(late, 409, "posting_closed")
    assert staff.get(f"{API}/council/postings/").json()["count"] == 0
    closed = staff.get(f"{API}/council/postings/", {"include_closed": "true"}).json()["results"]
    assert {p["dossier"]["id"]: p["status"] for p in closed} == {dismissed: "closed", upheld: "closed"}


def test_minutes_are_served_once_concluded(api, people, accepted):
    _ids, session = _posted(api, accepted, n=1)
    response = api("kiemtra").get(f"{API}/council/sessions/{session['id']}/minutes/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert_error(api("truongkhoa.llcs").get(f"{API}/council/sessions/{session['id']}/minutes/"), 404, "not_found")


def test_an_exceeded_quota_is_decided_before_concluding(api, people, accepted):
    sec = api("thuongtruc")
    ldtt = accepted("LDTT", n=4)  # 4 LĐTT recipients
    cstdcs = accepted("CSTDCS", n=2)
    regime = Dossier.objects.get(pk=ldtt[0]).award.regime
    quota = Quota.objects.create(regime=regime, award_code="CSTDCS", base_award_code="LDTT", percent=Decimal("30"))
    session = opened(sec, ldtt + cstdcs)
    sid = session["id"]
    approvals = {cstdcs[0]: 6, cstdcs[1]: 8}  # both pass; 4 × 30 % = 1 place
    for ballot in session["ballots"]:
        vote_all(api, ballot["id"], approvals.get(ballot["dossier"]["id"], 8))
        close(sec, ballot["id"])

    (check,) = detail(sec, sid)["quotas"]
    by_dossier = {c["dossier"]["id"]: c for c in check["candidates"]}
    assert (check["id"], check["recipients"], check["cap"], check["places"]) == (quota.pk, 4, 1, 1)
    assert [c["dossier"]["id"] for c in check["candidates"]] == [cstdcs[1], cstdcs[0]]  # ranked by votes
    assert by_dossier[cstdcs[1]]["proposed"] is True and check["decision"] is None
    assert_error(sec.post(f"{API}/council/sessions/{sid}/conclude/"), 409, "quota_undecided")

    url = f"{API}/council/sessions/{sid}/quotas/{quota.pk}/"
    keep_lower = {"kept": [by_dossier[cstdcs[0]]["ballot"]], "reason": "Theo xếp hạng"}
    assert list(assert_error(sec.post(url, keep_lower, format="json"), 400, "invalid")["errors"]) == ["kept"]
    assert_error(api("hoidong1").post(url, keep_lower, format="json"), 403, "permission_denied")
    decided = sec.post(url, {"kept": [by_dossier[cstdcs[1]]["ballot"]], "reason": "Theo số phiếu"}, format="json")
    assert decided.status_code == 200, decided.content
    (check,) = decided.json()["quotas"]
    assert check["decision"]["kept"] == [by_dossier[cstdcs[1]]["ballot"]]
    assert_error(sec.post(url, {"kept": [], "reason": "lại"}, format="json"), 409, "conflict")
    concluded = sec.post(f"{API}/council/sessions/{sid}/conclude/").json()
    selected = {b["dossier"]["id"]: b["selected"] for b in concluded["ballots"]}
    assert (selected[cstdcs[1]], selected[cstdcs[0]]) == (True, False)
    assert len(concluded["quotas"]) == 1 and concluded["quotas"][0]["candidates"][1]["kept"] is False
