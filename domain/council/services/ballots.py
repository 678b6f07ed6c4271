"""Votes (biểu quyết / bỏ phiếu kín) and their count.

Secrecy of a secret ballot, by construction:
- ``Participation`` records that a member voted (once: a unique constraint), never the choice, never a time;
- the paper goes into ``Ballot.box`` as ``[sha256(receipt), choice]``, and the box is kept sorted by digest, so
  the position of a paper says nothing about when it was cast, and nothing stores who cast it;
- the audit event of a vote names the member and the ballot, never the choice or the receipt;
- the receipt code is shown once to the voter and stored only as its digest.
The count at closing is taken from the papers in the box, and must equal the number of members who took part.
"""

import bisect
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors

from .. import policies
from ..models import Attendance, Ballot, Choice, CouncilMember, CouncilSession, Participation, ThresholdBase
from .rules import session_values

_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or copied by hand


def receipt_digest(code):
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _new_receipt(ballot):
    groups = ["".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(4)) for _ in range(3)]
    return f"P{ballot.pk}-" + "-".join(groups)


def _locked_ballot(ballot_id, voter=None):
    """The ballot, locked (its row only), with its session, council and dossier (or initiative); for a ``voter``, in
    the same query, their seat on the council, whether they are recorded present and whether they have voted
    already (who they are in the unit is their staff record, read once per user by the policies). The dossier's award
    is not read: neither a vote nor the count needs it."""
    found = (
        Ballot.objects.select_for_update(of=("self",), no_key=True)
        .select_related("session__council", "dossier", "initiative")
        .filter(pk=ballot_id)
        .order_by()  # one row by its key: no sort by the session's date
    )
    if voter is not None:
        seat = CouncilMember.objects.filter(council_id=OuterRef("session__council_id"), user=voter).order_by()
        found = found.annotate(
            voter_seat=Subquery(seat.values("pk")[:1]),
            # A session's attendance and a ballot's votes belong to one council: the user stands for the seat.
            voter_present=Exists(
                Attendance.objects.filter(session_id=OuterRef("session_id"), member__user=voter, present=True)
            ),
            voter_voted=Exists(Participation.objects.filter(ballot_id=OuterRef("pk"), member__user=voter)),
        )
    ballot = found.first()
    if ballot is None:
        raise errors.NotVisible()
    return ballot


def _cast(ballot, seat, choice, *, actor, written, voted=None):
    if choice not in Choice.values:
        raise errors.InvalidInput(errors={"choice": [_("Choose approve or reject.")]})
    if ballot.status != Ballot.Status.OPEN:
        raise errors.BallotNotOpen()
    if voted is None:
        voted = Participation.objects.filter(ballot=ballot, member=seat).exists()
    if voted:
        raise errors.AlreadyVoted()
    # Every vote on this ballot holds its row lock, so the check above stands; the unique constraint stays as the
    # last guard (its error then ends the whole transaction, which changes nothing).
    try:
        Participation.objects.create(
            ballot=ballot, member=seat, written=written, choice="" if ballot.secret else choice
        )
    except IntegrityError as exc:
        raise errors.AlreadyVoted() from exc
    receipt = None
    if ballot.secret:
        receipt = _new_receipt(ballot)
        bisect.insort(ballot.box, [receipt_digest(receipt), choice])
        ballot.save(update_fields=["box"])
    data = {"ballot": ballot.pk, "member": str(seat), "written": written, "secret": ballot.secret}
    if not ballot.secret:
        data["choice"] = choice  # an open vote is public: the minutes list it too
    record_event(
        actor=actor,
        action="written_vote_recorded" if written else "vote_cast",
        dossier=ballot.dossier,
        obj=ballot,
        step="council_review" if ballot.dossier_id else "initiatives_council",
        data=data,
    )
    return receipt


@transaction.atomic
def vote_cast(*, acting_user, ballot_id, choice):
    """A present member votes on one dossier; returns the receipt code of a secret ballot (else None)."""
    ballot = _locked_ballot(ballot_id, voter=acting_user)  # one query for everything the vote checks
    policies.require_see_session(acting_user, ballot.session)
    if ballot.voter_seat is None:
        raise errors.NotAllowed(_("Only members of the council vote."))
    if not ballot.voter_present:
        secretary = CouncilMember.objects.filter(pk=ballot.voter_seat, role=CouncilMember.Role.SECRETARY)
        if not session_values(ballot.session)["secretary_votes"] and secretary.exists():
            raise errors.NotAllowed(_("Under the school's regulation the council's secretary does not vote."))
        raise errors.NotAllowed(
            _("You are recorded as absent: an absent member votes in writing, through the secretary.")
        )
    seat = CouncilMember(pk=ballot.voter_seat, council_id=ballot.session.council_id, user=acting_user)
    policies.require_not_recused(seat, ballot.subject, ballot.session.council)  # the voter's staff record: read already
    return _cast(ballot, seat, choice, actor=acting_user, written=False, voted=ballot.voter_voted)


@transaction.atomic
def vote_record_written(*, acting_user, ballot_id, member_id, choice):
    """The secretary enters the written vote (phiếu bằng văn bản) of an absent member; returns its receipt."""
    ballot = _locked_ballot(ballot_id)
    policies.require_run_sessions(acting_user, ballot.session.organisation_id)
    row = ballot.session.attendance.select_related("member__user").filter(member_id=member_id).first()
    if row is None:
        raise errors.InvalidInput(errors={"member": [_("Choose a member of this session's council.")]})
    if row.present:
        raise errors.InvalidInput(errors={"member": [_("This member is present and votes in person.")]})
    policies.require_not_recused(row.member, ballot.subject, ballot.session.council)
    return _cast(ballot, row.member, choice, actor=acting_user, written=True)


def _tally(ballot):
    """(approvals, rejections, papers): from the box for a secret ballot, from the named votes otherwise."""
    if ballot.secret:
        taken = ballot.participations.count()
        choices = [choice for _digest, choice in ballot.box]
        if len(choices) != taken:
            raise errors.Conflict(_("The ballot box does not match the members who voted: the count is refused."))
    else:  # one named vote per member who voted
        choices = list(ballot.participations.values_list("choice", flat=True))
        taken = len(choices)
    return choices.count(Choice.APPROVE), choices.count(Choice.REJECT), taken


def threshold_reached(approvals, base, percent):
    """At least ``percent`` % of ``base`` approve (70 % of 10 is 7: reached; 9 of 13 is 69.2 %: not)."""
    return base > 0 and approvals * 100 >= percent * base


@transaction.atomic
def ballot_close(*, acting_user, ballot_id):
    """Kết thúc bỏ phiếu: count the votes and compute the result against the rule copied onto the ballot."""
    ballot = _locked_ballot(ballot_id)
    session = ballot.session
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != CouncilSession.Status.IN_PROGRESS or ballot.status != Ballot.Status.OPEN:
        raise errors.BallotNotOpen()
    approvals, rejections, papers = _tally(ballot)
    # Recused members (conflict of interest) are outside the ballot: not in its members, base or quorum.
    everyone = list(session.attendance.select_related("member__user__staff"))  # one query: no staff per member
    subject = ballot.subject
    aside = [r.member for r in everyone if policies.recusal_reason(r.member, subject, session.council)]
    recused = [m.pk for m in aside]
    rows = [r for r in everyone if r.member_id not in recused]
    members = len(rows)
    present = sum(1 for r in rows if r.present)
    numerator, denominator = session_values(session)["quorum"]
    needed = -(-members * numerator // denominator)
    if present < needed:
        raise errors.Conflict(
            _("Without the recused members, %(present)s of %(members)s are present: %(needed)s are needed.")
            % {"present": present, "members": members, "needed": needed}
        )
    if ballot.threshold_base == ThresholdBase.MEMBERS:
        base = members
    else:
        base = present + ballot.participations.filter(written=True).count()
    ballot.approvals, ballot.rejections = approvals, rejections
    ballot.members_count, ballot.base_count = members, base
    ballot.recused = sorted(recused)
    ballot.passed = threshold_reached(approvals, base, ballot.threshold_percent)
    ballot.status = Ballot.Status.CLOSED
    ballot.save(update_fields=["approvals", "rejections", "members_count", "base_count", "recused", "passed", "status"])
    record_event(
        actor=acting_user,
        action="ballot_closed",
        dossier=ballot.dossier,
        obj=ballot,
        step="council_review" if ballot.dossier_id else "initiatives_council",
        data={
            "approvals": approvals,
            "rejections": rejections,
            "votes": papers,
            "members": members,
            "base": base,
            "recused": [str(m) for m in aside],
            "threshold": str(ballot.threshold_percent),
            "passed": ballot.passed,
            "secret": ballot.secret,
        },
    )
    return ballot


def receipt_check(*, acting_user, receipt):
    """Whether the paper of this receipt is in its ballot's box (and so in the count): ``(ballot, counted)``.

    It proves inclusion only, not the choice: a receipt that showed the choice could be demanded of a member.
    Whoever may see the session may check (a member, the secretariat, auditors).
    """
    code = receipt.strip().upper()
    head = code.split("-", 1)[0]
    if not head.startswith("P") or not head[1:].isdigit():
        raise errors.InvalidInput(errors={"receipt": [_("This is not a receipt code.")]})
    found = Ballot.objects.select_related("session", "dossier", "initiative").filter(pk=int(head[1:]), secret=True)
    ballot = found.first()
    if ballot is None:  # a well-formed code of no ballot: nothing to see (404), not a malformed request
        raise errors.NotVisible(errors={"receipt": [_("No secret ballot has this receipt.")]})
    policies.require_see_session(acting_user, ballot.session)
    digest = receipt_digest(code)
    return ballot, any(d == digest for d, _choice in ballot.box)
