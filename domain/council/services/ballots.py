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
from ground.base.bulk import rows_update

from .. import policies
from ..models import Attendance, Ballot, Choice, CouncilMember, CouncilSession, Participation, ThresholdBase
from .rules import session_values

_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or copied by hand


def receipt_digest(code):
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _new_receipt(ballot):
    groups = ["".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(4)) for _ in range(3)]
    return f"P{ballot.pk}-" + "-".join(groups)


def _ballots(voter=None):
    """Ballots, locked (their rows only, in the order of their keys), with their session, council and dossier (or
    initiative); for a ``voter``, in the same query, their seat on the council, whether they are recorded present and
    whether they have voted already (who they are in the unit is their staff record, read once per user by the
    policies). The dossier's award is not read: neither a vote nor the count needs it."""
    found = (
        Ballot.objects.select_for_update(of=("self",), no_key=True)
        .select_related("session__council", "dossier", "initiative")
        .order_by("pk")  # one lock order for a vote, a voting sheet and a count
    )
    if voter is None:
        return found
    seat = CouncilMember.objects.filter(council_id=OuterRef("session__council_id"), user=voter).order_by()
    return found.annotate(
        voter_seat=Subquery(seat.values("pk")[:1]),
        # A session's attendance and a ballot's votes belong to one council: the user stands for the seat.
        voter_present=Exists(
            Attendance.objects.filter(session_id=OuterRef("session_id"), member__user=voter, present=True)
        ),
        voter_voted=Exists(Participation.objects.filter(ballot_id=OuterRef("pk"), member__user=voter)),
    )


def _locked_ballot(ballot_id, voter=None):
    ballot = _ballots(voter).filter(pk=ballot_id).order_by().first()  # one row by its key: no sort
    if ballot is None:
        raise errors.NotVisible()
    return ballot


def _present_seat(ballot, user):
    """The seat of a member present at the ballot's session, who may vote on its subject (read by ``_ballots``)."""
    policies.require_see_session(user, ballot.session)
    if ballot.voter_seat is None:
        raise errors.NotAllowed(_("Only members of the council vote."))
    if not ballot.voter_present:
        secretary = CouncilMember.objects.filter(pk=ballot.voter_seat, role=CouncilMember.Role.SECRETARY)
        if not session_values(ballot.session)["secretary_votes"] and secretary.exists():
            raise errors.NotAllowed(_("Under the school's regulation the council's secretary does not vote."))
        raise errors.NotAllowed(
            _("You are recorded as absent: an absent member votes in writing, through the secretary.")
        )
    seat = CouncilMember(pk=ballot.voter_seat, council_id=ballot.session.council_id, user=user)
    policies.require_not_recused(seat, ballot.subject, ballot.session.council)  # the voter's staff record: read already
    return seat


def _paper(ballot, seat, choice, *, written, voted):
    """The participation a valid vote stores (nothing is written yet)."""
    if choice not in Choice.values:
        raise errors.InvalidInput(errors={"choice": [_("Choose approve or reject.")]})
    if ballot.status != Ballot.Status.OPEN:
        raise errors.BallotNotOpen()
    if voted:
        raise errors.AlreadyVoted()
    return Participation(ballot=ballot, member=seat, written=written, choice="" if ballot.secret else choice)


def _store(papers, choices, *, actor):
    """Store checked papers: the participations in one insert, the secret papers into their boxes in one update, an
    audit event per vote (written together at commit). Returns ``{ballot id: receipt or None}``."""
    # Every vote on these ballots holds their row locks, so the checks stand; the unique constraint stays as the
    # last guard (its error then ends the whole transaction, which changes nothing).
    try:
        Participation.objects.bulk_create(papers)
    except IntegrityError as exc:
        raise errors.AlreadyVoted() from exc
    receipts, boxes = {}, []
    for paper in papers:
        ballot, choice = paper.ballot, choices[paper.ballot_id]
        receipts[ballot.pk] = None
        if ballot.secret:
            receipts[ballot.pk] = _new_receipt(ballot)
            bisect.insort(ballot.box, [receipt_digest(receipts[ballot.pk]), choice])
            boxes.append(ballot)
        data = {"ballot": ballot.pk, "member": str(paper.member), "written": paper.written, "secret": ballot.secret}
        if not ballot.secret:
            data["choice"] = choice  # an open vote is public: the minutes list it too
        record_event(
            actor=actor,
            action="written_vote_recorded" if paper.written else "vote_cast",
            dossier=ballot.dossier,
            obj=ballot,
            step="council_review" if ballot.dossier_id else "initiatives_council",
            data=data,
        )
    if boxes:
        rows_update(boxes, ["box"])
    return receipts


@transaction.atomic
def vote_cast(*, acting_user, ballot_id, choice):
    """A present member votes on one dossier; returns the receipt code of a secret ballot (else None)."""
    ballot = _locked_ballot(ballot_id, voter=acting_user)  # one query for everything the vote checks
    seat = _present_seat(ballot, acting_user)
    paper = _paper(ballot, seat, choice, written=False, voted=ballot.voter_voted)
    return _store([paper], {ballot.pk: choice}, actor=acting_user)[ballot.pk]


MAX_SHEET = 500  # more ballots than any session's agenda holds


def _ballot_number(key):
    """A sheet's ballot key as a key of the table (a number no database refuses: SQLite's integers end at 2⁶³)."""
    text = str(key).strip()
    if not text.isdigit() or not 0 < int(text) < 2**31:
        raise errors.InvalidInput(errors={"votes": [_("A ballot is named by its number.")]})
    return int(text)


def _sheet_choices(choices):
    """``{ballot id: choice}`` from a voting sheet, or a clear refusal of a malformed one."""
    if not isinstance(choices, dict) or not choices:
        raise errors.InvalidInput(errors={"votes": [_("Mark at least one ballot on the voting sheet.")]})
    if len(choices) > MAX_SHEET:
        too_many = _("A voting sheet holds at most %(n)s ballots.") % {"n": MAX_SHEET}
        raise errors.InvalidInput(errors={"votes": [too_many]})
    clean = {}
    for key, choice in choices.items():
        ballot_id = _ballot_number(key)
        if choice not in Choice.values:
            raise errors.InvalidInput(errors={"choice": [_("Choose approve or reject.")]})
        clean[ballot_id] = choice
    return clean


@transaction.atomic
def votes_cast(*, acting_user, session_id, choices):
    """Phiếu bầu: a present member votes on several ballots of a session at once, all or none.

    ``choices`` maps ballot ids to ``approve`` or ``reject``. Every ballot is checked as a single vote is; one refusal
    refuses the whole sheet and nothing is stored. Returns ``{ballot id: receipt of a secret ballot or None}``.
    The ballots are locked in the order of their keys, as a single vote and a count lock theirs.
    """
    choices = _sheet_choices(choices)
    ballots = list(_ballots(voter=acting_user).filter(session_id=session_id, pk__in=list(choices)))
    if len(ballots) != len(choices):
        raise errors.InvalidInput(errors={"votes": [_("A ballot on this sheet is not on this session's agenda.")]})
    papers = []
    for ballot in ballots:
        seat = _present_seat(ballot, acting_user)
        papers.append(_paper(ballot, seat, choices[ballot.pk], written=False, voted=ballot.voter_voted))
    return _store(papers, choices, actor=acting_user)


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
    voted = Participation.objects.filter(ballot=ballot, member=row.member).exists()
    paper = _paper(ballot, row.member, choice, written=True, voted=voted)
    return _store([paper], {ballot.pk: choice}, actor=acting_user)[ballot.pk]


def _tally(ballot, papers):
    """(approvals, rejections, papers taken): from the box for a secret ballot, from the named votes otherwise.
    ``papers`` are the ballot's participations as ``(choice, written)``."""
    if ballot.secret:
        choices = [choice for _digest, choice in ballot.box]
        if len(choices) != len(papers):
            raise errors.Conflict(_("The ballot box does not match the members who voted: the count is refused."))
    else:  # one named vote per member who voted
        choices = [choice for choice, _written in papers]
    return choices.count(Choice.APPROVE), choices.count(Choice.REJECT), len(papers)


def threshold_reached(approvals, base, percent):
    """At least ``percent`` % of ``base`` approve (70 % of 10 is 7: reached; 9 of 13 is 69.2 %: not)."""
    return base > 0 and approvals * 100 >= percent * base


def _count(ballot, everyone, papers):
    """Count a locked open ballot against the rule copied onto it: sets its result (nothing is written yet) and
    returns what the audit event says. ``everyone``: the session's attendance with each member's staff record."""
    session = ballot.session
    approvals, rejections, taken = _tally(ballot, papers)
    # Recused members (conflict of interest) are outside the ballot: not in its members, base or quorum.
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
        base = present + sum(1 for _choice, written in papers if written)
    ballot.approvals, ballot.rejections = approvals, rejections
    ballot.members_count, ballot.base_count = members, base
    ballot.recused = sorted(recused)
    ballot.passed = threshold_reached(approvals, base, ballot.threshold_percent)
    ballot.status = Ballot.Status.CLOSED
    return {
        "approvals": approvals,
        "rejections": rejections,
        "votes": taken,
        "members": members,
        "base": base,
        "recused": [str(m) for m in aside],
        "threshold": str(ballot.threshold_percent),
        "passed": ballot.passed,
        "secret": ballot.secret,
    }


_RESULT_FIELDS = ["approvals", "rejections", "members_count", "base_count", "recused", "passed", "status"]


def _record_closed(ballot, data, *, actor):
    record_event(
        actor=actor,
        action="ballot_closed",
        dossier=ballot.dossier,
        obj=ballot,
        step="council_review" if ballot.dossier_id else "initiatives_council",
        data=data,
    )


def _attendance(session):
    return list(session.attendance.select_related("member__user__staff"))  # one query: no staff per member


def _papers(ballots):
    """``{ballot id: [(choice, written), ...]}`` of these ballots' participations, in one query."""
    papers = {ballot.pk: [] for ballot in ballots}
    rows = Participation.objects.filter(ballot__in=ballots).values_list("ballot_id", "choice", "written")
    for ballot_id, choice, written in rows:
        papers[ballot_id].append((choice, written))
    return papers


@transaction.atomic
def ballot_close(*, acting_user, ballot_id):
    """Kết thúc bỏ phiếu: count the votes and compute the result against the rule copied onto the ballot."""
    ballot = _locked_ballot(ballot_id)
    session = ballot.session
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != CouncilSession.Status.IN_PROGRESS or ballot.status != Ballot.Status.OPEN:
        raise errors.BallotNotOpen()
    data = _count(ballot, _attendance(session), _papers([ballot])[ballot.pk])
    ballot.save(update_fields=_RESULT_FIELDS)
    _record_closed(ballot, data, actor=acting_user)
    return ballot


@transaction.atomic
def ballots_close(*, acting_user, session_id):
    """Kết thúc bỏ phiếu for every ballot of the session still open, each counted as ``ballot_close`` counts it;
    all or none (a ballot that cannot be counted names itself, and nothing is closed). Returns the closed ballots."""
    session = CouncilSession.objects.select_related("council").filter(pk=session_id).first()
    if session is None:
        raise errors.NotVisible()
    policies.require_run_sessions(acting_user, session.organisation_id)
    found = list(_ballots().filter(session_id=session_id, status=Ballot.Status.OPEN))  # locked in the order of keys
    if session.status != CouncilSession.Status.IN_PROGRESS or not found:
        raise errors.BallotNotOpen(_("No ballot of this session is open."))
    everyone, papers, results = _attendance(session), _papers(found), []
    for ballot in found:
        ballot.session = session  # one session object: its values and council read once
        try:
            results.append((ballot, _count(ballot, everyone, papers[ballot.pk])))
        except errors.Conflict as exc:
            raise errors.Conflict(f"{ballot.label}: {exc.message}") from exc
    rows_update(found, _RESULT_FIELDS)
    for ballot, data in results:
        _record_closed(ballot, data, actor=acting_user)
    return found


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
