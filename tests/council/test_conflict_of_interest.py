"""Issue 16: a council member who is a nominee on the agenda (or, by the school's rule, the head of the nominee's
department) does not vote on that dossier; the ballot's base and quorum leave them out; the minutes say so."""

import pytest
from django.contrib.auth.models import Group
from pypdf import PdfReader

from domain.council.models import Ballot, CouncilMember, CouncilSession, Participation
from domain.council.selectors import minutes_of
from domain.council.services import ballots, sessions
from ground.base import errors
from ground.organisation import roles
from interfaces.demo.seed import run_session
from tests.helpers import act, member, nominate, submit

pytestmark = pytest.mark.django_db


def _accepted(client, people, award, person):
    head = people["truongkhoa.llcs"]
    head.groups.add(Group.objects.get(name=roles.COUNCIL_MEMBER))  # the head also sits on the council
    head = type(head).objects.get(pk=head.pk)  # permissions read afresh
    dossier = nominate(client, head, award=award, person=person)
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept")
    dossier.refresh_from_db()
    return dossier


def test_the_nominee_cannot_vote_on_his_own_dossier_and_is_outside_the_base(client, people):
    own = _accepted(client, people, "LDTT", people["hoidong3"].staff)
    other = _accepted(client, people, "LDTT", member(people, "llcs"))
    session = run_session(people["thuongtruc"], [own, other], conclude=False)
    ballot = Ballot.objects.get(session=session, dossier=own)
    with pytest.raises(errors.NotAllowed):
        ballots.vote_cast(acting_user=people["hoidong3"], ballot_id=ballot.pk, choice="approve")
    assert not Participation.objects.filter(ballot=ballot, member__user=people["hoidong3"]).exists()
    # on the other dossier he votes as usual
    other_ballot = Ballot.objects.get(session=session, dossier=other)
    ballots.vote_cast(acting_user=people["hoidong3"], ballot_id=other_ballot.pk, choice="approve")

    seats = list(session.council.members.select_related("user").exclude(user=people["hoidong3"]))
    for seat in seats:
        ballots.vote_cast(acting_user=seat.user, ballot_id=ballot.pk, choice="approve")
    closed = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    everyone = session.attendance.count()
    assert closed.recused == [CouncilMember.objects.get(council=session.council, user=people["hoidong3"]).pk]
    assert closed.members_count == everyone - 1 and closed.base_count == everyone - 1
    assert closed.passed


def test_the_ballot_is_not_a_task_of_the_recused_member(client, people):
    own = _accepted(client, people, "LDTT", people["hoidong3"].staff)
    run_session(people["thuongtruc"], [own], conclude=False)
    client.force_login(people["hoidong3"])
    assert "inbox-ballots" not in client.get("/process/inbox/").content.decode()
    client.force_login(people["hoidong4"])
    assert "inbox-ballots" in client.get("/process/inbox/").content.decode()


def test_the_department_head_is_recused_where_the_school_says_so_and_quorum_counts_without_them(client, people):
    dossier = _accepted(client, people, "LDTT", member(people, "llcs"))
    council = dossier.period.council
    council.recuse_department_head = True
    council.save()
    head = people["truongkhoa.llcs"]
    head.groups.add(Group.objects.get(name=roles.COUNCIL_MEMBER))  # the head also sits on the council
    head = type(head).objects.get(pk=head.pk)  # permissions read afresh
    seat = CouncilMember.objects.create(council=council, user=head, role=CouncilMember.Role.MEMBER)
    session = run_session(people["thuongtruc"], [dossier], conclude=False)
    ballot = Ballot.objects.get(session=session)
    with pytest.raises(errors.NotAllowed):
        ballots.vote_cast(acting_user=head, ballot_id=ballot.pk, choice="approve")
    for other in session.council.members.select_related("user").exclude(pk=seat.pk):
        ballots.vote_cast(acting_user=other.user, ballot_id=ballot.pk, choice="approve")
    closed = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    assert closed.recused == [seat.pk]
    present, members, needed = sessions.quorum(session)
    assert closed.members_count == members - 1


def test_the_minutes_name_the_recused_member(client, people):
    own = _accepted(client, people, "LDTT", people["hoidong3"].staff)
    session = run_session(people["thuongtruc"], [own])
    ballot = Ballot.objects.get(session=session)
    assert ballot.recused
    minutes = minutes_of(CouncilSession.objects.get(pk=session.pk))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(minutes.file.path).pages).split())
    assert "xung đột lợi ích" in text and "Hoàng Đức Long" in text
