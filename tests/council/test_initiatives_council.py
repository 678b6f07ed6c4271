"""Issue 20: the Initiatives Council (Hội đồng sáng kiến) as a council session: its members vote on the submitted
initiatives, an author stands aside on their own, the school's regulation sets the threshold (copied into the
session), and concluding recognises each initiative that reached it (school level, the meeting day, the session's
minutes as evidence) and rejects the others, which the eligibility rules then do not count."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from domain.council.models import Ballot, CouncilMember, CouncilSession
from domain.council.selectors import ballots_waiting_for, initiative_candidates, minutes_of
from domain.council.services import ballots, sessions
from domain.eligibility.services import eligibility_evaluate
from domain.records.models import Initiative
from ground.audit.models import AuditEvent
from ground.base import errors
from ground.organisation.models import Period, SchoolRegulation
from process.workflows import council as process
from tests.eligibility_rules.history import give, rate, register
from tests.helpers import member

pytestmark = pytest.mark.django_db


def _submitted(people, title, *authors):
    item = Initiative.objects.create(
        organisation=people["org"], title=title, year=2026, status=Initiative.Status.SUBMITTED
    )
    item.authors.set(authors)
    return item


def _regulation(people, **values):
    return SchoolRegulation.objects.create(
        organisation=people["org"],
        number="07/QĐ-TCT",
        signed_on=date(2026, 1, 2),
        effective_from=date(2026, 1, 5),
        **values,
    )


def _session(people, items):
    return sessions.session_create(
        acting_user=people["thuongtruc"],
        period=Period.objects.get(organisation=people["org"], year=2026),
        title="",
        meeting_date=timezone.localdate(),
        kind=CouncilSession.Kind.INITIATIVES,
        initiative_ids=[i.pk for i in items],
    )


def _open(people, session):
    sec = people["thuongtruc"]
    present = list(session.attendance.values_list("member_id", flat=True))
    sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=present)
    return sessions.session_open(acting_user=sec, session_id=session.pk)


def _vote(session, ballot, approve, skip=()):
    """The first ``approve`` voting members approve, the others reject; ``skip``: usernames who do not vote."""
    rows = session.attendance.select_related("member__user").order_by("member__pk")
    voters = [r.member.user for r in rows if r.member.user.username not in skip]
    for i, user in enumerate(voters):
        ballots.vote_cast(acting_user=user, ballot_id=ballot.pk, choice="approve" if i < approve else "reject")


def test_the_initiatives_council_recognises_what_reaches_the_regulations_threshold(people):
    """60 % of the members (the regulation's value for this council): 5 of 7 (hoidong3 is an author and stands
    aside) passes; 4 of 8 (50 %, just below 4.8) fails."""
    _regulation(people, initiatives_threshold_percent=Decimal("60"))
    author = people["hoidong3"].staff
    nominee = member(people, "llcs")
    own = _submitted(people, "Số hóa hồ sơ thi đua", author, nominee)
    other = _submitted(people, "Bài giảng điện tử môn Lịch sử Đảng", member(people, "xdd"))
    draft = Initiative.objects.create(organisation=people["org"], title="Nháp", year=2026)
    assert set(initiative_candidates(people["thuongtruc"], people["org"].pk)) == {own, other}
    with pytest.raises(errors.InvalidInput):  # only submitted initiatives go on the agenda
        _session(people, [own, draft])

    session = _session(people, [own, other])
    assert session.kind == "initiatives" and session.title.startswith("Phiên họp Hội đồng sáng kiến")
    assert session.regulation_values["initiatives"] == {"threshold_percent": "60.00", "secret": False}
    assert {b.threshold_percent for b in session.ballots.all()} == {Decimal("60")}
    assert initiative_candidates(people["thuongtruc"], people["org"].pk).count() == 0  # on an unfinished session
    with pytest.raises(errors.InvalidInput):  # not twice on two sessions
        _session(people, [own])
    # a later regulation does not move this session's threshold
    SchoolRegulation.objects.filter(number="07/QĐ-TCT").update(initiatives_threshold_percent=Decimal("90"))

    _open(people, session)
    ballot_own = session.ballots.get(initiative=own)
    ballot_other = session.ballots.get(initiative=other)
    # the author does not vote on his initiative, and it is not a task of his; he votes on the other one
    with pytest.raises(errors.NotAllowed):
        ballots.vote_cast(acting_user=people["hoidong3"], ballot_id=ballot_own.pk, choice="approve")
    assert [b.pk for b in ballots_waiting_for(people["hoidong3"])] == [ballot_other.pk]
    assert {b.pk for b in ballots_waiting_for(people["hoidong4"])} == {ballot_own.pk, ballot_other.pk}
    _vote(session, ballot_own, approve=5, skip={"hoidong3"})
    _vote(session, ballot_other, approve=4)
    closed_own = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot_own.pk)
    closed_other = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot_other.pk)
    seat = CouncilMember.objects.get(council=session.council, user=people["hoidong3"])
    assert (closed_own.approvals, closed_own.base_count, closed_own.recused, closed_own.passed) == (
        5,
        7,
        [seat.pk],
        True,
    )
    assert (closed_other.approvals, closed_other.base_count, closed_other.passed) == (4, 8, False)

    assert process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk) == []
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == Initiative.Status.RECOGNISED and own.scope == Initiative.Scope.SCHOOL
    assert own.recognised_on == session.meeting_date and own.council_vote == "5/7 (71,43%)"
    assert own.recognised_by == "Hội đồng sáng kiến" and f"phiên số {session.number}" in own.document
    assert other.status == Initiative.Status.REJECTED and other.council_vote == "4/8 (50%)"
    event = AuditEvent.objects.get(action="initiative_recognised", object_id=str(own.pk))
    assert event.data["by_council"] and event.data["session"] == session.pk and event.data["approvals"] == 5
    assert AuditEvent.objects.filter(action="initiative_rejected", object_id=str(other.pk)).exists()
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.CONCLUDED

    # the minutes (reusing the council's renderer): the Initiatives Council's, with the tallies and the recusal
    minutes = minutes_of(session)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(minutes.file.open("rb")).pages).split())
    assert "HỘI ĐỒNG SÁNG KIẾN" in text and "Số hóa hồ sơ thi đua" in text
    assert "Công nhận" in text and "Không công nhận" in text and "xung đột lợi ích" in text

    # the eligibility rules count the recognised initiative only: CSTĐCS 2026 (HTTNV: the initiative decides)
    for person in (nominee, other.authors.get()):
        give(person, "LDTT", 2026)
        rate(person, "HTTNV", 2026)
        register(person, 2026, "CSTDCS")
    with translation.override("en"):
        assert eligibility_evaluate(nominee=nominee, award="CSTDCS", year=2026, on=date(2027, 1, 15))["eligible"]
        assert not eligibility_evaluate(nominee=other.authors.get(), award="CSTDCS", year=2026, on=date(2027, 1, 15))[
            "eligible"
        ]


def test_the_agenda_of_an_initiatives_session_takes_initiatives_and_a_secret_ballot_from_the_regulation(people):
    _regulation(people, initiatives_secret_ballot=True)
    first = _submitted(people, "Sáng kiến A", member(people, "llcs"))
    second = _submitted(people, "Sáng kiến B", member(people, "xdd"))
    session = _session(people, [first])
    sessions.session_add_initiatives(
        acting_user=people["thuongtruc"], session_id=session.pk, initiative_ids=[second.pk]
    )
    assert list(session.ballots.order_by("position").values_list("initiative_id", flat=True)) == [first.pk, second.pk]
    ballot = session.ballots.get(initiative=first)
    assert ballot.secret and ballot.dossier_id is None and ballot.threshold_percent == Decimal("70")
    with pytest.raises(errors.InvalidInput):  # no dossier on the Initiatives Council's agenda
        sessions.session_add_dossiers(acting_user=people["thuongtruc"], session_id=session.pk, dossier_ids=[1])
    with pytest.raises(errors.NotAllowed):
        sessions.session_add_initiatives(acting_user=people["hoidong1"], session_id=session.pk, initiative_ids=[])
    _open(people, session)
    receipt = ballots.vote_cast(acting_user=people["hoidong1"], ballot_id=ballot.pk, choice="approve")
    assert receipt  # a secret paper: its receipt, never the choice
    assert Ballot.objects.get(pk=ballot.pk).participations.get().choice == ""
    with pytest.raises(errors.Conflict):
        sessions.session_add_initiatives(
            acting_user=people["thuongtruc"], session_id=session.pk, initiative_ids=[second.pk]
        )
    # an initiative decided meanwhile outside the session (a higher body) is left as it is at the conclusion
    sec = people["thuongtruc"]
    for ballot in session.ballots.all():
        for row in session.attendance.select_related("member__user"):
            if not ballot.participations.filter(member=row.member).exists():
                ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice="approve")
        ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    Initiative.objects.filter(pk=second.pk).update(status=Initiative.Status.REJECTED)
    process.session_conclude(acting_user=sec, session_id=session.pk)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Initiative.Status.RECOGNISED, Initiative.Status.REJECTED)
    concluded = AuditEvent.objects.get(action="council_session_concluded", object_id=str(session.pk))
    assert concluded.data["decided_before"] == ["Sáng kiến B"]


def test_the_pages_convene_vote_conclude_and_give_the_minutes(client, people):
    """The secretariat convenes the Initiatives Council and adds to its agenda; a member votes from "Việc của tôi";
    the conclusion recognises; the minutes download."""
    first = _submitted(people, "Phần mềm chấm điểm thi đua", member(people, "llcs"))
    second = _submitted(people, "Đề tài: lịch sử Đảng bộ tỉnh", member(people, "xdd"))
    sec = people["thuongtruc"]
    client.force_login(sec)
    page = client.get("/council/initiatives/new/")
    assert page.status_code == 200 and "Phần mềm chấm điểm thi đua" in page.content.decode()
    period = Period.objects.get(organisation=people["org"], year=2026)
    answer = client.post(
        "/council/initiatives/new/",
        {
            "period": period.pk,
            "title": "",
            "meeting_date": timezone.localdate().strftime("%d/%m/%Y"),
            "place": "Phòng họp",
            "initiatives": [first.pk],
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    session = CouncilSession.objects.get(kind="initiatives")
    detail = client.get(f"/council/{session.pk}/").content.decode()
    assert f'data-initiative="{first.pk}"' in detail and 'data-testid="add-initiatives"' in detail
    assert client.post(f"/council/{session.pk}/initiatives/", {"initiatives": [second.pk]}).status_code == 302
    assert session.ballots.count() == 2
    assert "Hội đồng sáng kiến" in client.get("/council/").content.decode()
    # a member may not convene
    client.force_login(people["hoidong1"])
    assert client.get("/council/initiatives/new/").status_code == 403

    _open(people, session)
    client.force_login(people["hoidong1"])
    inbox = client.get("/process/inbox/").content.decode()
    assert 'id="inbox-ballots"' in inbox and "Phần mềm chấm điểm thi đua" in inbox
    assert "Phần mềm chấm điểm thi đua" in client.get("/home/").content.decode()  # home: waiting for my vote
    vote_page = client.get(f"/council/{session.pk}/vote/").content.decode()
    assert f'data-initiative="{first.pk}"' in vote_page
    for ballot in session.ballots.all():
        _vote(session, ballot, approve=8)
        ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    client.force_login(sec)
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 302
    first.refresh_from_db()
    assert first.status == Initiative.Status.RECOGNISED
    minutes = client.get(f"/council/{session.pk}/minutes/")
    assert minutes.status_code == 200 and minutes["Content-Type"] == "application/pdf"
    assert b"".join(minutes.streaming_content).startswith(b"%PDF")
    # the council's results list the award council's dossiers; an initiative's closed ballot is not one of them
    results = client.get("/council/results/")
    assert results.status_code == 200 and "Phần mềm chấm điểm thi đua" not in results.content.decode()
    assert client.get("/council/results/", {"export": "xlsx"}).status_code == 200


def test_the_api_convenes_an_initiatives_session_and_shows_its_ballots(people):
    from rest_framework.test import APIClient

    from tests.api.conftest import API, token_for

    item = _submitted(people, "Sáng kiến qua API", member(people, "llcs"))
    sec = APIClient()
    sec.credentials(HTTP_AUTHORIZATION=f"Token {token_for('thuongtruc')}")
    body = {
        "period": 2026,
        "meeting_date": "2026-12-01",
        "kind": "initiatives",
        "dossiers": [],
        "initiatives": [item.pk],
    }
    response = sec.post(f"{API}/council/sessions/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["kind"] == "initiatives"
    (ballot,) = data["ballots"]
    assert ballot["dossier"] is None and ballot["initiative"]["id"] == item.pk
    listed = sec.get(f"{API}/council/sessions/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["kind"] for r in rows] == ["initiatives"]
    refused = sec.post(f"{API}/council/sessions/", {**body, "initiatives": [item.pk]}, format="json")
    assert refused.status_code == 400  # already on an unfinished session
