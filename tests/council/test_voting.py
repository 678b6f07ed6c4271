"""Quorum, one vote per member, written votes, thresholds: the council's rules at their edges."""

from decimal import Decimal

import pytest

from domain.council.models import Ballot, CouncilMember, CouncilSession, Participation, VotingRule
from domain.council.services import ballots, sessions
from domain.council.services.ballots import threshold_reached
from domain.dossiers.models import DossierStatus
from ground.audit.models import AuditEvent
from ground.base import errors
from process.workflows import council as process
from process.workflows.services import dossier_withdraw
from tests.council.conftest import new_session, open_session, seats

pytestmark = pytest.mark.django_db


def _vote_all(session, ballot, approve, people):
    """The first ``approve`` present members approve, the other present ones reject."""
    present = session.attendance.filter(present=True).select_related("member__user").order_by("member__pk")
    for i, row in enumerate(present):
        choice = "approve" if i < approve else "reject"
        ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice=choice)


def test_no_vote_opens_without_quorum(people, accepted):
    sec = people["thuongtruc"]
    session = new_session(people, [accepted("LDTT")])
    members = list(seats(session).values())
    assert len(members) == 8  # quorum 2/3 of 8: 6 present
    sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=[m.pk for m in members[:5]])
    with pytest.raises(errors.NoQuorum) as refused:
        sessions.session_open(acting_user=sec, session_id=session.pk)
    assert "5" in str(refused.value.message) and "6" in str(refused.value.message)
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.PREPARED
    assert session.ballots.get().status == Ballot.Status.PENDING
    ballot = session.ballots.get()
    with pytest.raises(errors.BallotNotOpen):
        ballots.vote_cast(acting_user=members[0].user, ballot_id=ballot.pk, choice="approve")
    assert not AuditEvent.objects.filter(action="council_session_opened").exists()

    sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=[m.pk for m in members[:6]])
    sessions.session_open(acting_user=sec, session_id=session.pk)
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.IN_PROGRESS
    assert session.ballots.get().status == Ballot.Status.OPEN
    with pytest.raises(errors.Conflict):  # attendance is the minutes' record once the session opened
        sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=[])


def test_a_member_voting_twice_is_refused(people, accepted):
    session = open_session(people, [accepted("LDTT")])
    ballot = session.ballots.get()
    member = people["hoidong3"]
    assert ballots.vote_cast(acting_user=member, ballot_id=ballot.pk, choice="approve") is None  # open vote
    for choice in ("approve", "reject"):
        with pytest.raises(errors.AlreadyVoted):
            ballots.vote_cast(acting_user=member, ballot_id=ballot.pk, choice=choice)
    assert list(Participation.objects.filter(ballot=ballot).values_list("choice", flat=True)) == ["approve"]
    assert AuditEvent.objects.filter(action="vote_cast", actor=member).count() == 1


def test_only_present_members_vote_in_person(people, accepted):
    session = open_session(people, [accepted("LDTT")], absent={"hoidong7"})
    ballot = session.ballots.get()
    with pytest.raises(errors.NotAllowed):  # absent: votes in writing, through the secretary
        ballots.vote_cast(acting_user=people["hoidong7"], ballot_id=ballot.pk, choice="approve")
    for outsider in ("hieutruong", "kiemtra"):  # they see the session, but have no seat
        with pytest.raises(errors.NotAllowed):
            ballots.vote_cast(acting_user=people[outsider], ballot_id=ballot.pk, choice="approve")
    with pytest.raises(errors.NotVisible):  # a department head does not even see the session
        ballots.vote_cast(acting_user=people["truongkhoa.llcs"], ballot_id=ballot.pk, choice="approve")
    assert not Participation.objects.exists()


def test_written_vote_of_an_absent_member(people, accepted):
    sec = people["thuongtruc"]
    session = open_session(people, [accepted("LDTT")], absent={"hoidong7"})
    ballot = session.ballots.get()
    absent, present = seats(session)["hoidong7"], seats(session)["hoidong1"]
    with pytest.raises(errors.InvalidInput):  # a present member votes in person
        ballots.vote_record_written(acting_user=sec, ballot_id=ballot.pk, member_id=present.pk, choice="approve")
    with pytest.raises(errors.NotAllowed):  # only the secretariat records written votes
        ballots.vote_record_written(
            acting_user=people["hoidong1"], ballot_id=ballot.pk, member_id=absent.pk, choice="approve"
        )
    ballots.vote_record_written(acting_user=sec, ballot_id=ballot.pk, member_id=absent.pk, choice="approve")
    with pytest.raises(errors.AlreadyVoted):
        ballots.vote_record_written(acting_user=sec, ballot_id=ballot.pk, member_id=absent.pk, choice="reject")
    vote = Participation.objects.get(ballot=ballot)
    assert (vote.member, vote.written, vote.choice) == (absent, True, "approve")
    event = AuditEvent.objects.get(action="written_vote_recorded")
    assert (event.actor, event.data["member"], event.data["written"]) == (sec, str(absent), True)
    _vote_all(session, ballot, 6, people)  # 6 of the 7 present approve, one rejects
    closed = ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    assert (closed.approvals, closed.rejections, closed.base_count, closed.passed) == (7, 1, 8, True)


def test_threshold_function_at_its_edge():
    assert threshold_reached(7, 10, Decimal("70"))  # exactly 70 %
    assert not threshold_reached(9, 13, Decimal("70"))  # 69.2 %
    assert not threshold_reached(6, 10, Decimal("70"))
    assert threshold_reached(9, 10, Decimal("90")) and not threshold_reached(8, 9, Decimal("90"))  # 88.9 %
    assert not threshold_reached(0, 0, Decimal("70"))


def test_thresholds_at_exactly_70_percent_and_just_below(people, accepted, staff):
    sec = people["thuongtruc"]
    council = people["org"].periods.get(year=2026).council
    for name in ("hieutruong", "admin"):  # ten seats: 7 of 10 is exactly 70 %
        CouncilMember.objects.create(council=council, user=people[name])
    nominees = staff("llcs")
    exactly, below = accepted("LDTT", person=nominees[0]), accepted("LDTT", person=nominees[1])
    session = open_session(people, [exactly, below])
    assert session.attendance.count() == 10
    first, second = session.ballots.order_by("position")
    _vote_all(session, first, 7, people)
    _vote_all(session, second, 6, people)
    first = ballots.ballot_close(acting_user=sec, ballot_id=first.pk)
    second = ballots.ballot_close(acting_user=sec, ballot_id=second.pk)
    assert (first.approvals, first.base_count, first.percent, first.passed) == (7, 10, 70.0, True)
    assert (second.approvals, second.base_count, second.percent, second.passed) == (6, 10, 60.0, False)
    process.session_conclude(acting_user=sec, session_id=session.pk)
    exactly.refresh_from_db(), below.refresh_from_db()
    assert (exactly.status, below.status) == (DossierStatus.POSTED, DossierStatus.REJECTED)
    assert "6" in below.status_reason and "70" in below.status_reason
    assert below.process.status == "DONE"


def test_threshold_measured_against_those_present_when_configured(people, accepted, staff):
    sec = people["thuongtruc"]
    dossier = accepted("LDTT")
    VotingRule.objects.filter(award=dossier.award).update(threshold_base="present")
    session = open_session(people, [dossier], absent={"hoidong6", "hoidong7"})  # 6 of 8 present
    ballot = session.ballots.get()
    _vote_all(session, ballot, 5, people)  # 5 of 6 present = 83 %, but only 62.5 % of all 8 members
    ballot = ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    assert (ballot.threshold_base, ballot.base_count, ballot.passed) == ("present", 6, True)


def test_a_rule_changed_later_does_not_change_a_session_already_set_up(people, accepted):
    dossier = accepted("LDTT")
    session = new_session(people, [dossier])
    VotingRule.objects.filter(award=dossier.award).update(threshold_percent=90, secret_ballot=True)
    ballot = session.ballots.get()
    assert (ballot.threshold_percent, ballot.secret) == (Decimal("70"), False)


def test_no_withdrawal_once_the_council_votes(people, accepted):
    dossier = accepted("LDTT")
    head = people["truongkhoa.llcs"]
    session = new_session(people, [dossier])  # prepared, not yet voting: the department may still withdraw
    other = accepted("CSTDCS")
    session2 = open_session(people, [other])
    with pytest.raises(errors.InvalidTransition):
        dossier_withdraw(acting_user=head, dossier_id=other.pk, reason="Xin rút")
    other.refresh_from_db()
    assert other.status == DossierStatus.ACCEPTED and session2.ballots.get().status == Ballot.Status.OPEN

    dossier_withdraw(acting_user=head, dossier_id=dossier.pk, reason="Xin rút")
    assert session.ballots.get().status == Ballot.Status.WITHDRAWN
