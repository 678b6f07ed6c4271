"""Reads of the council's work for the pages and the API: visibility applied, a fixed number of queries."""

import os
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.db.models import Case, CharField, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from domain.dossiers.models import Document, Dossier, DossierStatus
from domain.dossiers.policies import require_view
from domain.dossiers.selectors import awards_catalog, nominee_name
from domain.records.models import Initiative
from ground.base import errors
from ground.organisation.models import Period
from ground.organisation.selectors import staff_of

from . import policies
from .models import Attendance, Ballot, CouncilMember, CouncilSession, Objection, Participation, PostingEntry, Quota
from .services.quotas import SELECTED, quota_checks, ratio_for
from .services.rules import DEFAULT_VALUES, quotas_for, regulation_for_session
from .services.sessions import quorum

_DOSSIER = (
    "dossier__award",
    "dossier__period",
    "dossier__department",
    "dossier__nominee_person",
    "dossier__nominee_department",
)


def _organisation_id(user):
    staff = staff_of(user)
    return staff.organisation_id if staff else None


def sessions_for(user):
    """The sessions of the user's unit, newest first, with their number of dossiers (one query)."""
    org = _organisation_id(user)
    if org is None or not policies.can_see_sessions(user, org):
        return CouncilSession.objects.none()
    return (
        CouncilSession.objects.filter(organisation_id=org)
        .select_related("council__period")
        .annotate(dossier_count=Count("ballots", filter=~Q(ballots__status=Ballot.Status.WITHDRAWN)))
        .order_by("-meeting_date", "-number")
    )


def results_for(user):
    """Kết quả xét chọn: the closed ballots on dossiers of the user's unit (tallies are never shown while a vote is
    open; the Initiatives Council's ballots are on initiatives, not dossiers), for whoever sees the sessions; each with
    its session and dossier (one query), newest session first."""
    org = _organisation_id(user)
    if org is None or not policies.can_see_sessions(user, org):
        return Ballot.objects.none()
    return (
        Ballot.objects.filter(session__organisation_id=org, status=Ballot.Status.CLOSED, dossier__isnull=False)
        .select_related("session__council__period", *_DOSSIER)
        .annotate(nominee_name=nominee_name("dossier__"))
        .order_by("-session__meeting_date", "-session__number", "position")
    )


def result_q(result):
    """Ballots by their outcome: ``selected``, ``not_passed`` (below the threshold) or ``quota_cut``."""
    return {
        "selected": Q(passed=True, quota_cut=False),
        "not_passed": Q(passed=False),
        "quota_cut": Q(passed=True, quota_cut=True),
    }.get(result, Q())


@dataclass
class SessionView:
    session: CouncilSession
    attendance: list
    ballots: list
    present: int
    members: int
    needed: int
    seat: object = None  # the user's own seat, when they have one
    present_self: bool = False
    voted: set = field(default_factory=set)  # ids of the ballots this user has voted on (who voted is public)
    recused: dict = field(default_factory=dict)  # {ballot id: why this user does not vote on it} (conflict of interest)
    quotas: list = field(default_factory=list)
    can_run: bool = False

    @property
    def has_quorum(self):
        return self.members > 0 and self.present >= self.needed

    @property
    def all_closed(self):
        return all(b.status in (Ballot.Status.CLOSED, Ballot.Status.WITHDRAWN) for b in self.ballots)

    @property
    def quota_pending(self):
        return [q for q in self.quotas if q.exceeded and q.decision is None]

    @property
    def can_conclude(self):
        """What ``results.session_conclude`` will accept: offered only then (the service checks it again)."""
        in_progress = self.session.status == CouncilSession.Status.IN_PROGRESS
        return self.can_run and in_progress and self.all_closed and not self.quota_pending


def session_get(user, session_id):
    session = CouncilSession.objects.select_related("council__period", "organisation").filter(pk=session_id).first()
    if session is None:
        raise errors.NotVisible()
    policies.require_see_session(user, session)
    return session


def session_view(user, session_id):
    """A session's page: attendance, agenda with each dossier's ballot, the user's seat and votes, quotas."""
    session = session_get(user, session_id)
    attendance = list(session.attendance.select_related("member__user__staff").order_by("member__pk"))
    voters = Participation.objects.select_related("member__user").order_by("member__pk")
    ballots = list(
        session.ballots.select_related(*_DOSSIER, "initiative")
        .prefetch_related(Prefetch("participations", queryset=voters, to_attr="voters"), "initiative__authors")
        .order_by("position")
    )
    present, members, needed = quorum(session)
    seat = policies.seat_of(user, session.council_id)
    view = SessionView(
        session=session,
        attendance=attendance,
        ballots=ballots,
        present=present,
        members=members,
        needed=needed,
        seat=seat,
        can_run=policies.can_run_sessions(user, session.organisation_id),
    )
    _recusals(session, attendance, ballots)
    if seat is not None:
        view.present_self = any(row.member_id == seat.pk and row.present for row in attendance)
        view.voted = {b.pk for b in ballots for p in b.voters if p.member_id == seat.pk}
        view.recused = {b.pk: reason for b in ballots for member, reason in b.recusals if member.pk == seat.pk}
    if view.all_closed and session.status == CouncilSession.Status.IN_PROGRESS:
        view.quotas = quota_checks(session)
    elif session.status == CouncilSession.Status.CONCLUDED:
        view.quotas = [q for q in quota_checks(session) if q.decision is not None]
    return view


def _recusals(session, attendance, ballots):
    """Sets ``ballot.recusals``: [(member, reason)] of the members who do not vote on it (conflict of interest), by
    the policies' one rule (``recusal_reason``, as the vote and the count apply it); a closed ballot keeps those its
    count left out (``Ballot.recused``). No query per ballot: the members' staff records come with the attendance,
    the initiatives' authors with the ballots; the heads among the members in one query, when the council recuses
    them."""
    heads = None
    if session.council.recuse_department_head and ballots:
        heads = policies.heads_among([row.member.user for row in attendance])
    for ballot in ballots:
        ballot.recusals = []
        if ballot.status == Ballot.Status.WITHDRAWN:
            continue
        counted = set(ballot.recused or []) if ballot.status == Ballot.Status.CLOSED else None
        for row in attendance:
            if counted is not None and row.member_id not in counted:
                continue
            reason = policies.recusal_reason(row.member, ballot.subject, session.council, heads=heads)
            if reason or counted is not None:
                ballot.recusals.append((row.member, reason or ""))


def agenda_candidates(user, period):
    """Accepted dossiers of the period not on the agenda of an unfinished session: what a session may take."""
    if not policies.can_run_sessions(user, period.organisation_id):
        return Dossier.objects.none()
    busy = Ballot.objects.filter(
        dossier=OuterRef("pk"), status__in=[Ballot.Status.PENDING, Ballot.Status.OPEN, Ballot.Status.CLOSED]
    ).exclude(session__status=CouncilSession.Status.CONCLUDED)
    return (
        Dossier.objects.filter(period=period, organisation_id=period.organisation_id, status=DossierStatus.ACCEPTED)
        .exclude(Exists(busy))
        .select_related("award", "department", "nominee_person", "nominee_department")
        .order_by("award__code", "reference")
    )


def initiative_candidates(user, organisation_id):
    """Initiatives submitted to the Initiatives Council and not on the agenda of an unfinished session."""
    if not policies.can_run_sessions(user, organisation_id):
        return Initiative.objects.none()
    busy = Ballot.objects.filter(
        initiative=OuterRef("pk"), status__in=[Ballot.Status.PENDING, Ballot.Status.OPEN, Ballot.Status.CLOSED]
    ).exclude(session__status=CouncilSession.Status.CONCLUDED)
    return (
        Initiative.objects.filter(organisation_id=organisation_id, status=Initiative.Status.SUBMITTED)
        .exclude(Exists(busy))
        .prefetch_related("authors__department")
        .order_by("-year", "title")
    )


class PostingPhase:
    """Where a posting entry stands (``with_posting_phase``)."""

    UPCOMING = "upcoming"  # its first day has not come: not posted yet
    OPEN = "open"  # đang công khai: on the posted list now (the public page shows it)
    SUSPENDED = "suspended"  # an objection is being examined
    OVER = "over"  # the window has ended (or the dossier left the list)


def posted_now_q(now=None):
    """Đang công khai: the entries on the posted list at ``now`` — from the window's first day (the working day after
    the session concluded) until 17:00 of its last day, not closed, the dossier still posted (not suspended). The one
    rule of the staff's posted list, their home page and the public page."""
    now = now or timezone.now()
    return Q(
        closed_at__isnull=True,
        opens_on__lte=timezone.localdate(now),
        closes_at__gt=now,
        dossier__status=DossierStatus.POSTED,
    )


def with_posting_phase(rows, now=None):
    """Posting entries annotated with ``phase`` (a ``PostingPhase``) at ``now``, by ``posted_now_q``."""
    now = now or timezone.now()
    upcoming = Q(closed_at__isnull=True, opens_on__gt=timezone.localdate(now), dossier__status=DossierStatus.POSTED)
    return rows.annotate(
        phase=Case(
            When(dossier__status=DossierStatus.SUSPENDED, then=Value(PostingPhase.SUSPENDED)),
            When(posted_now_q(now), then=Value(PostingPhase.OPEN)),
            When(upcoming, then=Value(PostingPhase.UPCOMING)),
            default=Value(PostingPhase.OVER),
            output_field=CharField(),
        )
    )


def postings_for(user, *, include_closed=False, now=None):
    """The posted list (công khai) of the user's unit: open windows first, with their open objections counted, each
    with its ``phase`` (a window that opens tomorrow is not posted yet)."""
    org = _organisation_id(user)
    if org is None or not policies.can_see_posting(user, org):
        return PostingEntry.objects.none()
    rows = PostingEntry.objects.filter(session__organisation_id=org)
    if not include_closed:
        rows = rows.filter(Q(closed_at__isnull=True) | Q(dossier__status=DossierStatus.SUSPENDED))
    return (
        with_posting_phase(rows, now)
        .select_related(*_DOSSIER, "session")
        .annotate(open_objections=Count("objections", filter=Q(objections__status=Objection.Status.OPEN)))
        .order_by("closes_on", "dossier__reference")
    )


def posting_get(user, entry_id):
    entry = PostingEntry.objects.select_related(*_DOSSIER, "session").filter(pk=entry_id).first()
    if entry is None or not policies.can_see_posting(user, entry.session.organisation_id):
        raise errors.NotVisible()
    return entry


def objections_of(user, dossier):
    """A dossier's objections, for whoever may see the dossier; the author's name only for ``can_see_objector``."""

    require_view(user, dossier)
    rows = list(dossier.objections.select_related("filed_by", "resolved_by").order_by("filed_at", "pk"))
    if not policies.can_see_objector(user, dossier.organisation_id):
        for row in rows:
            withhold_objector(row)
    return rows


def withhold_objector(objection):
    """Blank the author of an objection (in memory) for a reader who may not know it."""
    objection.signed_name, objection.signed_position = str(WITHHELD), ""
    objection.filed_by = objection.filed_by_id = None


WITHHELD = gettext_lazy("A staff member (name known to the secretariat)")


def withhold_objectors_in_trail(user, dossier, events):
    """The dossier's trail as this user may read it: who filed an objection is withheld, as on the objection."""
    if policies.can_see_objector(user, dossier.organisation_id):
        return events
    for event in events:
        if event.action == "objection_filed":
            event.actor, event.actor_name, event.role = None, str(WITHHELD), ""
            event.data = {k: v for k, v in (event.data or {}).items() if k != "signed_by"}
    return events


def ballots_waiting_for(user):
    """Open ballots of sessions where the user sits and is present, that they have not voted on yet: a task of
    theirs until they vote or the ballot closes (one query)."""
    if not user.is_authenticated:
        return []
    mine = Participation.objects.filter(ballot=OuterRef("pk"), member__user=user)
    present = Attendance.objects.filter(session=OuterRef("session"), member__user=user, present=True)
    ballots = list(
        Ballot.objects.filter(status=Ballot.Status.OPEN)
        .filter(Exists(present))
        .exclude(Exists(mine))
        .select_related("session__council", *_DOSSIER, "initiative")
        .order_by("session__meeting_date", "session_id", "position")
    )
    seats = {m.council_id: m for m in CouncilMember.objects.filter(user=user).select_related("user")} if ballots else {}
    # a recused member (conflict of interest: the nominee, an initiative's author) has nothing to do on that ballot
    return [
        b for b in ballots if not policies.recusal_reason(seats[b.session.council_id], b.subject, b.session.council)
    ]


def attendance_of(session):
    return list(Attendance.objects.filter(session=session).select_related("member__user").order_by("member__pk"))


# --- reads of the REST API (one call per view) ---------------------------------------------------


def period_of(user, year):
    """The emulation period ``year`` of the user's unit (a session is set up for it), else invalid input."""

    org = _organisation_id(user)
    period = Period.objects.filter(organisation_id=org, year=year).first() if org else None
    if period is None:
        raise errors.InvalidInput(errors={"period": [_("Choose the emulation period.")]})
    return period


def session_candidates(user, session_id):
    """What the secretariat may add to a session's agenda; others who see the session are refused (403)."""
    session = session_get(user, session_id)
    policies.require_run_sessions(user, session.organisation_id)
    return agenda_candidates(user, session.council.period)


def ballot_get(user, ballot_id):
    """One ballot of a session the user may see, with ``voted_by_me`` (whether the user's seat took part)."""
    voters = Participation.objects.order_by("member__pk")
    ballot = (
        Ballot.objects.select_related("session__organisation", *_DOSSIER, "initiative")
        .prefetch_related(Prefetch("participations", queryset=voters, to_attr="voters"))
        .filter(pk=ballot_id)
        .first()
    )
    if ballot is None:
        raise errors.NotVisible()
    policies.require_see_session(user, ballot.session)
    seat = policies.seat_of(user, ballot.session.council_id)
    ballot.voted_by_me = seat is not None and any(p.member_id == seat.pk for p in ballot.voters)
    return ballot


def minutes_of(session):
    """The stored minutes of a concluded session (every dossier of it holds the same PDF), or None."""

    if session.status != CouncilSession.Status.CONCLUDED or not session.minutes_sha256:
        return None
    if session.for_initiatives:  # no dossier: the minutes are the session's own file
        if not session.minutes_file:
            return None
        return SimpleNamespace(file=session.minutes_file, filename=os.path.basename(session.minutes_file.name))
    return (
        Document.objects.filter(
            dossier__ballots__session=session, kind=Document.Kind.COUNCIL_MINUTES, sha256=session.minutes_sha256
        )
        .order_by("pk")
        .first()
    )


def session_minutes(user, session_id):
    """The minutes (biên bản) of a concluded session the user may see, else not found."""
    document = minutes_of(session_get(user, session_id))
    if document is None:
        raise errors.NotVisible()
    return document


@dataclass
class QuotaUse:
    award_code: str
    award_name: str
    base_code: str
    base_name: str
    percent: object  # Decimal: the ratio that binds (the law's ceiling or the school's, the lower)
    source: str
    recipients: int  # dossiers of the base award selected in the period
    used: int  # dossiers of the capped award selected in the period

    @property
    def cap(self):
        return int(self.recipients * self.percent // 100)

    @property
    def left(self):
        return self.cap - self.used

    @property
    def share(self):
        """Used places as a percentage of the cap (None without a cap)."""
        return round(100 * self.used / self.cap, 1) if self.cap else None


def selected_by_award(organisation_id, year):
    """{award code: dossiers the council selected in the period} (one query)."""
    return dict(
        Dossier.objects.filter(organisation_id=organisation_id, period__year=year, status__in=SELECTED)
        .values_list("award__code")
        .annotate(n=Count("pk"))
        .order_by()
    )


def quota_use(organisation_id, year, *, selected=None):
    """Tỷ lệ khen thưởng: each quota in force for the year (the law's and the school regulation's), with the places
    it gives and those the council's selections have used so far (four queries, whatever the number of dossiers;
    three when the caller gives ``selected``, as ``selected_by_award`` counts it)."""
    values = {**DEFAULT_VALUES, **regulation_for_session(organisation_id, date(int(year), 12, 31))[1]}
    awards = list(awards_catalog(period_year=year))
    names = {a.code: a.name for a in awards}
    regimes = {a.regime_id for a in awards}
    quotas = quotas_for(regimes)
    known = {q.award_code for q in quotas}
    for code, ratio in sorted((values.get("quotas") or {}).items()):
        if code not in known:  # a ratio only the school sets: an unsaved row, never written by a read
            quotas.append(Quota(award_code=code, base_award_code=ratio["base"]))
    if selected is None:
        selected = selected_by_award(organisation_id, year)
    rows = []
    for quota in quotas:
        ratio = ratio_for(quota, values)
        if ratio is None:
            continue
        percent, base, source = ratio
        rows.append(
            QuotaUse(
                award_code=quota.award_code,
                award_name=str(names.get(quota.award_code, quota.award_code)),
                base_code=base,
                base_name=str(names.get(base, base)),
                percent=percent,
                source=str(source or ""),
                recipients=selected.get(base, 0),
                used=selected.get(quota.award_code, 0),
            )
        )
    return sorted(rows, key=lambda r: r.award_code)
