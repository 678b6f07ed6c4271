"""Phiếu bầu: a member votes on several ballots of a session at once, all or none, through the service, the page and
the API; a sheet costs the statements of one vote, whatever the number of ballots on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.council.models import Ballot, Participation
from domain.council.services import ballots
from ground.audit.models import AuditEvent
from ground.base import errors
from tests import test_concurrency as web
from tests.api import conftest as api_fixtures
from tests.council.conftest import open_session
from tests.helpers import login

pytestmark = pytest.mark.django_db
API = api_fixtures.API
api = api_fixtures.api  # the fixture: a token client per user


def _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH", "LDTT", "LDTT"), nominees=None):
    nominees = nominees or _llcs(staff)
    session = open_session(people, [accepted(award, person=nominees[i]) for i, award in enumerate(awards)])
    return session, list(session.ballots.order_by("pk"))


def _llcs(staff):
    return sorted(staff("llcs"), key=lambda person: person.pk)


def _statements(context):
    """The statements a step sent, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in context.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def test_a_sheet_records_every_marked_ballot_in_the_statements_of_one_vote(people, accepted, staff):
    session, (first, *rest) = _session(people, accepted, staff)
    member = people["hoidong2"]
    ballots.vote_cast(acting_user=member, ballot_id=first.pk, choice="approve")  # the member's permissions read once
    choices = {rest[0].pk: "approve", rest[1].pk: "reject", rest[2].pk: "approve"}
    with CaptureQueriesContext(connection) as sent:
        receipts = ballots.votes_cast(acting_user=member, session_id=session.pk, choices=choices)
    # the lock of the three ballots, the participations, the secret paper into its box, the audit events
    assert len(_statements(sent)) <= 4, _statements(sent)
    secret = rest[0]
    assert secret.secret and receipts[secret.pk].startswith(f"P{secret.pk}-")
    assert receipts[rest[1].pk] is None and receipts[rest[2].pk] is None  # open votes: no receipt
    voted = Participation.objects.filter(member__user=member)
    assert voted.count() == 4
    assert dict(voted.filter(ballot__secret=False).values_list("ballot_id", "choice")) == {
        first.pk: "approve",
        rest[1].pk: "reject",
        rest[2].pk: "approve",
    }
    assert voted.get(ballot=secret).choice == ""  # a secret paper is in the box only
    secret.refresh_from_db()
    assert [choice for _digest, choice in secret.box] == ["approve"]
    events = AuditEvent.objects.filter(actor=member, action="vote_cast")
    assert events.count() == 4 and "choice" not in events.get(object_id=str(secret.pk)).data


@pytest.mark.parametrize(
    "spoil",
    ["voted_already", "other_session", "bad_choice", "recused", "closed"],
)
def test_one_refused_ballot_refuses_the_whole_sheet(people, accepted, staff, spoil):
    member = people["hoidong3"]
    nominees = _llcs(staff)
    if spoil == "recused":  # the member is the nominee of a dossier on the agenda
        nominees = [member.staff, *nominees]
    session, marked = _session(people, accepted, staff, awards=("LDTT", "LDTT", "LDTT"), nominees=nominees)
    choices = {b.pk: "approve" for b in marked}
    expected = errors.DomainError
    if spoil == "voted_already":
        ballots.vote_cast(acting_user=member, ballot_id=marked[1].pk, choice="reject")
        expected = errors.AlreadyVoted
    elif spoil == "other_session":
        _other, (elsewhere,) = _session(people, accepted, staff, awards=("LDTT",), nominees=_llcs(staff)[3:])
        choices[elsewhere.pk] = "approve"
        expected = errors.InvalidInput
    elif spoil == "bad_choice":
        choices[marked[2].pk] = "maybe"
        expected = errors.InvalidInput
    elif spoil == "recused":
        expected = errors.NotAllowed
    elif spoil == "closed":
        for seat in session.attendance.select_related("member__user"):
            ballots.vote_cast(acting_user=seat.member.user, ballot_id=marked[2].pk, choice="approve")
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=marked[2].pk)
        expected = errors.BallotNotOpen
    before = Participation.objects.filter(member__user=member).count()
    events = AuditEvent.objects.count()
    with pytest.raises(expected):
        ballots.votes_cast(acting_user=member, session_id=session.pk, choices=choices)
    assert Participation.objects.filter(member__user=member).count() == before  # nothing of the sheet stored
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    "choices",
    [{}, [], {"x": "approve"}, {None: "approve"}, "approve", {1: ["approve"]}, {"9" * 30: "approve"}, {"-1": "a"}],
)
def test_a_malformed_sheet_is_refused_with_a_reason(people, accepted, staff, choices):
    session, _marked = _session(people, accepted, staff, awards=("LDTT",))
    with pytest.raises(errors.InvalidInput) as refused:
        ballots.votes_cast(acting_user=people["hoidong1"], session_id=session.pk, choices=choices)
    assert refused.value.errors
    assert not Participation.objects.exists()


def test_the_vote_page_offers_the_sheet_and_shows_one_receipt_per_secret_ballot(client, people, accepted, staff):
    session, marked = _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH", "LDTT"))
    login(client, people["hoidong4"])
    page = client.get(f"/council/{session.pk}/vote/")
    assert page.status_code == 200 and 'data-testid="vote-sheet"' in page.content.decode()
    assert "Phiếu bầu" in page.content.decode()
    url = f"/council/{session.pk}/vote/sheet/"
    # a spoiled sheet: the reason on the page, nothing stored
    refused = client.post(url, {f"ballot-{marked[0].pk}": "approve", f"ballot-{marked[1].pk}": "perhaps"})
    assert refused.status_code == 400 and "Hãy chọn đồng ý hoặc không đồng ý." in refused.content.decode()
    assert not Participation.objects.exists()
    nothing = client.post(url, {f"ballot-{b.pk}": "" for b in marked})
    assert nothing.status_code == 400 and not Participation.objects.exists()
    # two ballots marked, the third left for later
    done = client.post(url, {f"ballot-{marked[0].pk}": "reject", f"ballot-{marked[1].pk}": "approve"})
    assert done.status_code == 200 and done["Cache-Control"].startswith("no-store")
    body = done.content.decode()
    assert body.count('data-testid="receipt"') == 1 and f"P{marked[1].pk}-" in body
    assert set(Participation.objects.values_list("ballot_id", flat=True)) == {marked[0].pk, marked[1].pk}
    page = client.get(f"/council/{session.pk}/vote/").content.decode()
    assert 'data-testid="vote-sheet"' not in page  # one ballot left: its own buttons are enough
    assert f'data-ballot="{marked[2].pk}" data-ballot-status="open" data-voted="false"' in page


def test_the_api_takes_a_sheet_all_or_none(api, people, accepted, staff):
    session, marked = _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH"))
    url = f"{API}/council/sessions/{session.pk}/votes/"
    member = api("hoidong5")
    for body in ({}, {"votes": {}}, {"votes": []}, {"votes": {"abc": "approve"}}, {"votes": {"1": "maybe"}}):
        answer = member.post(url, body, format="json")
        assert answer.status_code == 400, (body, answer.content)
        assert answer.json()["code"] == "invalid" and answer.json()["errors"]
    assert api("hieutruong").post(url, {"votes": {str(marked[0].pk): "approve"}}, format="json").status_code == 403
    answer = member.post(url, {"votes": {str(b.pk): "approve" for b in marked}}, format="json")
    assert answer.status_code == 201, answer.content
    receipts = answer.json()["receipts"]
    assert receipts[str(marked[0].pk)] is None and receipts[str(marked[1].pk)].startswith(f"P{marked[1].pk}-")
    again = member.post(url, {"votes": {str(marked[0].pk): "reject"}}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    assert Participation.objects.count() == 2


def test_the_secretary_closes_every_open_ballot_at_once_as_each_would_be_counted(people, accepted, staff):
    session, marked = _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH", "LDTT"))
    sec = people["thuongtruc"]
    present = [row.member.user for row in session.attendance.select_related("member__user")]
    for i, user in enumerate(present):  # the first ballot approved by all, the second by half, the third by none
        ballots.votes_cast(
            acting_user=user,
            session_id=session.pk,
            choices={marked[0].pk: "approve", marked[1].pk: "approve" if i % 2 else "reject", marked[2].pk: "reject"},
        )
    with pytest.raises(errors.NotAllowed):  # a member votes; the secretariat counts
        ballots.ballots_close(acting_user=people["hoidong1"], session_id=session.pk)
    ballots.ballot_close(acting_user=sec, ballot_id=marked[0].pk)  # one closed on its own: left as it is
    with CaptureQueriesContext(connection) as sent:
        closed = ballots.ballots_close(acting_user=sec, session_id=session.pk)
    # the session, the lock of the ballots, the attendance, the votes, the results, the audit events
    assert len(_statements(sent)) <= 6, _statements(sent)
    assert [b.pk for b in closed] == [marked[1].pk, marked[2].pk]
    results = {b.pk: (b.status, b.approvals, b.rejections, b.passed) for b in session.ballots.all()}
    half = len(present) // 2
    assert results == {
        marked[0].pk: ("closed", len(present), 0, True),
        marked[1].pk: ("closed", half, len(present) - half, False),
        marked[2].pk: ("closed", 0, len(present), False),
    }
    assert AuditEvent.objects.filter(action="ballot_closed").count() == 3
    with pytest.raises(errors.BallotNotOpen):  # nothing left open
        ballots.ballots_close(acting_user=sec, session_id=session.pk)


def test_a_ballot_that_cannot_be_counted_keeps_every_ballot_open(people, accepted, staff):
    session, marked = _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH"))
    secret = marked[1]
    ballots.votes_cast(acting_user=people["hoidong1"], session_id=session.pk, choices={b.pk: "approve" for b in marked})
    Ballot.objects.filter(pk=secret.pk).update(box=[])  # the box no longer matches who voted
    with pytest.raises(errors.Conflict) as refused:
        ballots.ballots_close(acting_user=people["thuongtruc"], session_id=session.pk)
    assert str(refused.value.message).startswith(secret.dossier.reference)  # the ballot names itself
    assert set(session.ballots.values_list("status", flat=True)) == {"open"}
    assert not AuditEvent.objects.filter(action="ballot_closed").exists()


def test_the_session_page_and_the_api_close_every_open_ballot(client, api, people, accepted, staff):
    session, marked = _session(people, accepted, staff, awards=("LDTT", "LDTT"))
    login(client, people["thuongtruc"])
    page = client.get(f"/council/{session.pk}/").content.decode()
    assert 'data-testid="close-all"' in page and "Kết thúc biểu quyết và kiểm phiếu 2 hồ sơ" in page
    login(client, people["hoidong2"])
    assert 'data-testid="close-all"' not in client.get(f"/council/{session.pk}/").content.decode()
    assert client.post(f"/council/{session.pk}/ballots/close/").status_code == 403
    assert api("hoidong2").post(f"{API}/council/sessions/{session.pk}/close-ballots/").status_code == 403
    login(client, people["thuongtruc"])
    done = client.post(f"/council/{session.pk}/ballots/close/")
    assert done.status_code == 302 and set(session.ballots.values_list("status", flat=True)) == {"closed"}
    answer = api("thuongtruc").post(f"{API}/council/sessions/{session.pk}/close-ballots/")
    assert answer.status_code == 409 and answer.json()["code"] == "ballot_not_open"


@pytest.mark.django_db(transaction=True)
def test_sheets_sent_at_the_same_moment_lose_no_paper_and_a_double_submit_counts_once(
    live_server, people, accepted, staff
):
    """Over real HTTP on the real database: four members send their sheets at once, then one member sends the same
    sheet from two tabs at once. Each sheet waits for the ballots' locks in one order: no deadlock, no lost paper in
    the secret ballot's box, and the second tab is told the member has voted."""
    session, marked = _session(people, accepted, staff, awards=("LDTT", "CSTD_TINH", "LDTT"))
    sheet = {f"ballot-{b.pk}": "approve" for b in marked}
    voters = ["hoidong1", "hoidong2", "hoidong3", "hoidong4"]
    answers = web._post_all_at_once(
        live_server, [web._session(live_server, u) for u in voters], f"/council/{session.pk}/vote/sheet/", sheet
    )
    assert [a.status_code for a in answers] == [200] * 4  # each shown the receipt of its secret paper
    secret = Ballot.objects.get(pk=marked[1].pk)
    assert len(secret.box) == 4 and Participation.objects.count() == 12
    tab = web._session(live_server, "hoidong5")
    answers = web._post_all_at_once(live_server, [tab, tab], f"/council/{session.pk}/vote/sheet/", sheet)
    assert sorted(a.status_code for a in answers) == [200, 409]
    assert "đã biểu quyết" in next(a for a in answers if a.status_code == 409).text
    secret.refresh_from_db()
    assert len(secret.box) == 5 and Participation.objects.filter(member__user__username="hoidong5").count() == 3
