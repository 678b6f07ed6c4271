"""Council sessions (phiên họp bình xét): the agenda, attendance and quorum, opening and concluding."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import Dossier, DossierStatus
from domain.records.services import initiatives_on_agenda
from ground.audit.services import record_event
from ground.base import errors
from ground.base.language import records_language
from ground.organisation.models import Period

from .. import notices, policies
from ..models import Attendance, Ballot, Council, CouncilMember, CouncilSession
from .rules import effective_rule, regulation_for_session, session_values

S = CouncilSession.Status


def council_for(period):
    council, _created = Council.objects.get_or_create(period=period)
    return council


def council_set_members(*, council, seats):
    """Seats of a period's council: ``[(user, role), ...]`` (demo data and the administrator's import)."""
    for user, role in seats:
        CouncilMember.objects.update_or_create(council=council, user=user, defaults={"role": role})


def locked_session(session_id):
    session = (
        CouncilSession.objects.select_for_update(of=("self",), no_key=True)
        .select_related("council__period")
        .filter(pk=session_id)
    )
    session = session.first()
    if session is None:
        raise errors.NotVisible()
    return session


def quorum(session):
    """(present, members, needed): the quorum holds when at least ``needed`` members are present."""
    rows = list(session.attendance.values_list("present", flat=True))
    members, present = len(rows), sum(rows)
    numerator, denominator = session_values(session)["quorum"]
    needed = -(-members * numerator // denominator)  # ceiling
    return present, members, needed


def has_quorum(session):
    present, members, needed = quorum(session)
    return members > 0 and present >= needed


def _agenda_dossiers(session, dossier_ids):
    """Accepted dossiers of the session's period, not already on the agenda of an unfinished session."""
    wanted = set(int(pk) for pk in dossier_ids)
    if not wanted:
        raise errors.InvalidInput(errors={"dossiers": [_("Choose at least one dossier for the session.")]})
    dossiers = list(
        Dossier.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk__in=wanted, organisation_id=session.organisation_id, period_id=session.council.period_id)
        .select_related("award")
        .order_by("pk")
    )
    busy = set(
        Ballot.objects.filter(dossier__in=dossiers)
        .exclude(status=Ballot.Status.WITHDRAWN)
        .exclude(session__status=S.CONCLUDED)
        .exclude(session=session)
        .values_list("dossier_id", flat=True)
    )
    wrong = [d for d in dossiers if d.status != DossierStatus.ACCEPTED or d.pk in busy]
    if len(dossiers) != len(wanted) or wrong:
        raise errors.InvalidInput(
            errors={"dossiers": [_("Only dossiers waiting for the council, and not on another session, can be added.")]}
        )
    return dossiers


def _agenda_initiatives(session, initiative_ids):
    """Submitted initiatives of the unit, not already on the agenda of an unfinished session."""
    if not initiative_ids:
        raise errors.InvalidInput(errors={"initiatives": [_("Choose at least one initiative for the session.")]})
    initiatives = initiatives_on_agenda(session.organisation_id, initiative_ids)
    busy = (
        Ballot.objects.filter(initiative__in=initiatives)
        .exclude(status=Ballot.Status.WITHDRAWN)
        .exclude(session__status=S.CONCLUDED)
        .exclude(session=session)
    )
    if busy.exists():
        raise errors.InvalidInput(
            errors={"initiatives": [_("An initiative is already on the agenda of another session.")]}
        )
    return initiatives


@transaction.atomic
def session_create(
    *, acting_user, period, title, meeting_date, place="", dossier_ids=(), kind="awards", initiative_ids=()
):
    """Triệu tập phiên họp: the secretariat sets the date and the agenda; every seat gets its attendance line.

    ``kind="initiatives"``: a session of the Initiatives Council (Hội đồng sáng kiến), its agenda the submitted
    initiatives ``initiative_ids``; the same members, quorum and voting, the thresholds of the school's regulation.
    """
    if not isinstance(period, Period):
        raise errors.InvalidInput(errors={"period": [_("Choose the emulation period.")]})
    policies.require_run_sessions(acting_user, period.organisation_id)
    council = Council.objects.select_for_update(of=("self",), no_key=True).filter(period=period).first()
    if council is None or not council.members.exists():
        raise errors.InvalidInput(errors={"period": [_("The council of this period has no members yet.")]})
    if kind not in CouncilSession.Kind.values:
        raise errors.InvalidInput(errors={"kind": [_("Choose the council.")]})
    number = (council.sessions.aggregate(n=Max("number"))["n"] or 0) + 1
    regulation, values = regulation_for_session(period.organisation_id, meeting_date)
    with records_language():
        if kind == CouncilSession.Kind.INITIATIVES:
            default_title = _("Initiatives Council session %(number)s, %(year)s")
        else:
            default_title = _("Council session %(number)s, %(year)s")
    session = CouncilSession.objects.create(
        kind=kind,
        regulation=regulation,
        regulation_values=values,
        organisation_id=period.organisation_id,
        council=council,
        number=number,
        title=title.strip() or default_title % {"number": number, "year": period.year},
        meeting_date=meeting_date,
        place=place,
        created_by=acting_user,
    )
    # The seats that vote: the secretary's only when the school's regulation gives it a vote.
    seats = council.members.all()
    if not values["secretary_votes"]:
        seats = seats.exclude(role=CouncilMember.Role.SECRETARY)
    Attendance.objects.bulk_create(Attendance(session=session, member=m) for m in seats)
    if session.for_initiatives:
        initiatives = _agenda_initiatives(session, initiative_ids)
        _add_initiative_ballots(session, initiatives)
        record_event(
            actor=acting_user,
            action="council_session_created",
            obj=session,
            data={
                "kind": kind,
                "meeting_date": meeting_date.isoformat(),
                "initiatives": [i.title for i in initiatives],
                "regulation": values["number"],
            },
        )
        for initiative in initiatives:
            record_event(actor=acting_user, action="council_agenda_added", obj=initiative, data={"session": session.pk})
        notices.session_called(session, len(initiatives))
        return session
    dossiers = _agenda_dossiers(session, dossier_ids)
    _add_ballots(session, dossiers)
    record_event(
        actor=acting_user,
        action="council_session_created",
        obj=session,
        data={
            "meeting_date": meeting_date.isoformat(),
            "dossiers": [d.reference for d in dossiers],
            "regulation": values["number"],
        },
    )
    for dossier in dossiers:
        record_event(actor=acting_user, action="council_agenda_added", dossier=dossier, obj=session)
    notices.session_called(session, len(dossiers))
    return session


def _add_ballots(session, dossiers):
    start = session.ballots.count()
    values = session_values(session)
    for position, dossier in enumerate(dossiers, start=start + 1):
        rule = effective_rule(dossier.award, values)
        Ballot.objects.create(
            session=session,
            dossier=dossier,
            position=position,
            secret=rule.secret_ballot,
            threshold_percent=rule.threshold_percent,
            threshold_base=rule.threshold_base,
        )


def _add_initiative_ballots(session, initiatives):
    """The Initiatives Council's rule, from the regulation copied into the session (threshold, secrecy, base)."""
    start = session.ballots.count()
    values = session_values(session)
    rule = values["initiatives"]
    for position, initiative in enumerate(initiatives, start=start + 1):
        Ballot.objects.create(
            session=session,
            initiative=initiative,
            position=position,
            secret=rule["secret"],
            threshold_percent=rule["threshold_percent"],
            threshold_base=values["threshold_base"],
        )


@transaction.atomic
def session_add_initiatives(*, acting_user, session_id, initiative_ids):
    """Thêm sáng kiến vào chương trình: while the Initiatives Council's session is being prepared."""
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if not session.for_initiatives:
        raise errors.InvalidInput(errors={"initiatives": [_("This session is not the Initiatives Council's.")]})
    if session.status != S.PREPARED:
        raise errors.Conflict(_("The session has started: its agenda is fixed."))
    already = set(session.ballots.values_list("initiative_id", flat=True))
    initiatives = _agenda_initiatives(session, [pk for pk in initiative_ids if int(pk) not in already])
    _add_initiative_ballots(session, initiatives)
    for initiative in initiatives:
        record_event(actor=acting_user, action="council_agenda_added", obj=initiative, data={"session": session.pk})
    return session


@transaction.atomic
def session_add_dossiers(*, acting_user, session_id, dossier_ids):
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != S.PREPARED:
        raise errors.Conflict(_("The session has started: its agenda is fixed."))
    if session.for_initiatives:
        raise errors.InvalidInput(errors={"dossiers": [_("The Initiatives Council's agenda holds initiatives.")]})
    already = set(session.ballots.values_list("dossier_id", flat=True))
    dossiers = _agenda_dossiers(session, [pk for pk in dossier_ids if int(pk) not in already])
    _add_ballots(session, dossiers)
    for dossier in dossiers:
        record_event(actor=acting_user, action="council_agenda_added", dossier=dossier, obj=session)
    return session


@transaction.atomic
def attendance_record(*, acting_user, session_id, present_member_ids):
    """Điểm danh: who is present, written down before the session opens (then it is the minutes' record)."""
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != S.PREPARED:
        raise errors.Conflict(_("The session has opened: its attendance is recorded."))
    present = set(int(pk) for pk in present_member_ids)
    rows = list(session.attendance.select_related("member__user"))
    unknown = present - {row.member_id for row in rows}
    if unknown:
        raise errors.InvalidInput(errors={"present": [_("Choose members of this session's council.")]})
    changes = {}
    for row in rows:
        if row.present != (row.member_id in present):
            changes[str(row.member)] = [row.present, not row.present]
            row.present = not row.present
            row.save(update_fields=["present"])
    now_present, members, needed = quorum(session)
    record_event(
        actor=acting_user,
        action="attendance_recorded",
        obj=session,
        changes=changes,
        data={"present": now_present, "members": members, "quorum": needed},
    )
    return session


@transaction.atomic
def session_open(*, acting_user, session_id):
    """Khai mạc: with the quorum present, every dossier of the agenda opens for voting. Without it, nothing opens."""
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != S.PREPARED:
        raise errors.Conflict(_("The session is already open."))
    present, members, needed = quorum(session)
    if members == 0 or present < needed:
        raise errors.NoQuorum(
            _("The quorum is not reached: %(present)s of %(members)s members present, %(needed)s needed.")
            % {"present": present, "members": members, "needed": needed}
        )
    session.status = S.IN_PROGRESS
    session.opened_at = timezone.now()
    session.version += 1
    session.save(update_fields=["status", "opened_at", "version"])
    opened = session.ballots.filter(status=Ballot.Status.PENDING).update(status=Ballot.Status.OPEN)
    record_event(
        actor=acting_user,
        action="council_session_opened",
        obj=session,
        changes={"status": [S.PREPARED, S.IN_PROGRESS]},
        data={"present": present, "members": members, "quorum": needed, "ballots": opened},
    )
    notices.voting_opened(session)
    return session


def ballot_withdraw_pending(dossier):
    """The department withdraws an accepted dossier: refused once the council votes on it, else off the agenda."""
    ballots = (
        Ballot.objects.select_for_update(of=("self",), no_key=True)
        .filter(dossier=dossier)
        .exclude(session__status=S.CONCLUDED)
        .exclude(status=Ballot.Status.WITHDRAWN)
    )
    for ballot in ballots:
        if ballot.status != Ballot.Status.PENDING:
            raise errors.InvalidTransition(_("The council is voting on this dossier: it can no longer be withdrawn."))
        ballot.status = Ballot.Status.WITHDRAWN
        ballot.save(update_fields=["status"])
