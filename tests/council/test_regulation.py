"""The school's regulation (Quy chế thi đua, khen thưởng) is what the council reads: a new version moves the
threshold and the quorum for the next session, never for one already concluded; the secretary votes only when
the regulation says so."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from domain.council.models import Ballot
from domain.council.services import ballots, results, sessions
from ground.base import errors
from ground.organisation.models import SchoolRegulation
from tests.council.conftest import new_session, seats

pytestmark = pytest.mark.django_db


def _regulation(people, number, effective_from, **values):
    org = people["depts"]["llcs"].organisation
    return SchoolRegulation.objects.create(
        organisation=org, number=number, signed_on=effective_from, effective_from=effective_from, **values
    )


def _run(people, session, approve):
    """Everyone present; the first ``approve`` members approve, the rest reject; the ballot closed."""
    sec = people["thuongtruc"]
    members = seats(session)
    present = [m.pk for m in members.values()]
    sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=present)
    sessions.session_open(acting_user=sec, session_id=session.pk)
    ballot = session.ballots.get()
    voters = session.attendance.select_related("member__user").order_by("member__pk")
    for i, row in enumerate(voters):
        choice = "approve" if i < approve else "reject"
        ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice=choice)
    ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)
    return Ballot.objects.get(pk=ballot.pk)


def test_a_new_version_moves_the_threshold_of_the_next_session_not_of_a_concluded_one(people, accepted):
    first = _regulation(people, "01/QĐ-TCT", date(2026, 1, 1))
    session = new_session(people, [accepted("LDTT")])
    assert session.regulation == first and session.regulation_values["number"] == "01/QĐ-TCT"
    ballot = _run(people, session, approve=6)  # 6 of 8 = 75 %: passes 70 %
    assert ballot.threshold_percent == Decimal("70") and ballot.passed
    results.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)

    # The school adopts a new regulation: 80 %, quorum 7/8, 3 days of posting.
    _regulation(
        people,
        "02/QĐ-TCT",
        timezone.localdate(),
        threshold_percent=Decimal("80"),
        quorum_numerator=7,
        quorum_denominator=8,
        posting_days_school=3,
    )
    later = new_session(people, [accepted("LDTT", dept="xdd")], title="Phiên họp sau")
    assert later.regulation.number == "02/QĐ-TCT"
    assert sessions.quorum(later) == (0, 8, 7)
    ballot_later = _run(people, later, approve=6)  # the same 75 % now fails 80 %
    assert ballot_later.threshold_percent == Decimal("80") and not ballot_later.passed

    # The concluded session is what it was: its threshold, result, quorum and posting.
    session.refresh_from_db()
    ballot.refresh_from_db()
    assert (ballot.threshold_percent, ballot.passed) == (Decimal("70"), True)
    assert sessions.quorum(session) == (8, 8, 6)
    entry = session.postings.get()
    assert (entry.closes_on - entry.opens_on).days >= 4  # 5 working days, not 3


def test_the_secretary_votes_only_when_the_regulation_says_so(people, accepted):
    _regulation(people, "03/QĐ-TCT", date(2026, 1, 1), secretary_votes=False)
    session = new_session(people, [accepted("LDTT")])
    members = seats(session)
    assert session.attendance.count() == len(members) - 1
    assert not session.attendance.filter(member=members["thuongtruc"]).exists()
    sec = people["thuongtruc"]
    present = list(session.attendance.values_list("member_id", flat=True))
    sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=present)
    sessions.session_open(acting_user=sec, session_id=session.pk)
    ballot = session.ballots.get()
    with pytest.raises(errors.NotAllowed) as refused:
        ballots.vote_cast(acting_user=sec, ballot_id=ballot.pk, choice="approve")
    assert "Thư ký Hội đồng" in str(refused.value.message)


def test_without_a_regulation_the_defaults_apply_and_are_recorded(people, accepted):
    session = new_session(people, [accepted("CSTD_TINH")])
    assert session.regulation is None
    assert session.regulation_values["quorum"] == [2, 3]
    ballot = session.ballots.get()
    assert ballot.secret and ballot.threshold_percent == Decimal("90")
