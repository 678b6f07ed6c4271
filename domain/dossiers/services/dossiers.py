"""What happens to a dossier: every mutation here, atomic, audited, through one status pipeline.

Step services (``dossier_accept`` ...) are called by the process layer once it has checked that
the acting user holds the step's task; department actions check their policy here.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ground.audit.services import record_event
from ground.base import errors, reference
from ground.base.bulk import rows_update
from ground.base.kept import kept
from ground.organisation.models import AwardType, Department, Period, StaffMember
from ground.organisation.selectors import staff_of

from .. import policies
from ..models import Document, Dossier, DossierStatus
from .numbering import number_take

S = DossierStatus


def awards_in_force(period):
    """The catalog under the legal regime in force for the period (judged on its last day), by code: read from the
    catalog kept in memory (no statement)."""
    day = date(period.year, 12, 31)
    return sorted(
        (
            award
            for award in reference.rows(AwardType)
            if award.regime.effective_from <= day
            and (award.regime.effective_to is None or award.regime.effective_to >= day)
        ),
        key=lambda award: award.code,
    )


def award_for_period(code, period):
    """The award ``code`` under the regime in force for the period."""
    award = max(
        (a for a in awards_in_force(period) if a.code == code), key=lambda a: a.regime.effective_from, default=None
    )
    if award is None:
        raise errors.InvalidInput(errors={"award": [_("This award does not exist for the chosen period.")]})
    return award


_STATUS_FIELDS = ["status", "status_reason", "version", "updated_at"]


def _move(dossier, status, reason):
    """The one place a dossier's status changes (in memory): refuses what the pipeline does not allow."""
    if not dossier.can_move_to(status):
        raise errors.InvalidTransition()
    old = dossier.status
    dossier.status = status
    dossier.status_reason = reason
    dossier.version += 1
    return old


def dossier_set_status(dossier, status, *, reason="", also=()):
    """Move the dossier and save it. ``also``: fields the caller has set on the dossier for this step, saved in the
    same UPDATE."""
    old = _move(dossier, status, reason)
    dossier.save(update_fields=[*_STATUS_FIELDS, *also])
    return old


def dossier_transition(dossier, status, *, actor, action, step="", comment="", data=None, obj=None, also=()):
    """Move the dossier through the pipeline and record the step: its status before and after, the comment as reason."""
    old = dossier_set_status(dossier, status, reason=comment, also=also)
    _record_move(dossier, old, actor=actor, action=action, step=step, comment=comment, data=data, obj=obj)


def _record_move(dossier, old, *, actor, action, step, comment, data, obj):
    record_event(
        actor=actor,
        action=action,
        dossier=dossier,
        obj=obj,
        step=step,
        comment=comment,
        changes={"status": [old, dossier.status]},
        data=data,
    )


def dossiers_transition(moves, *, actor, step):
    """Many dossiers through the pipeline at once (a session's conclusion): one UPDATE for all, an event for each.

    ``moves``: ``(dossier, status, action, comment, data, obj)``, the dossiers locked by the caller."""
    now = timezone.now()
    olds = []
    for dossier, status, _action, comment, _data, _obj in moves:
        olds.append(_move(dossier, status, comment))
        dossier.updated_at = now  # what ``auto_now`` would set on save
    rows_update([move[0] for move in moves], _STATUS_FIELDS)
    for (dossier, _status, action, comment, data, obj), old in zip(moves, olds, strict=True):
        _record_move(dossier, old, actor=actor, action=action, step=step, comment=comment, data=data, obj=obj)


_LOCKED = kept(
    lambda pk: (
        Dossier.objects.select_for_update(of=("self",), no_key=True)
        .select_related("award", "organisation", "period")
        .filter(pk=pk)
        .order_by()  # one row by its key: no sort
    ),
    pk=int,
)


def dossier_locked(dossier_id):
    """The dossier, its own row locked (never its award's, organisation's or period's), read with them in one
    query (compiled once): what a step needs. ``Dossier.DoesNotExist`` if there is none."""
    return _LOCKED.get(pk=dossier_id)


_PERIOD = kept(
    lambda organisation, year: Period.objects.filter(organisation_id=organisation, year=year).order_by(),
    organisation=int,
    year=int,
)
_MEMBER = kept(
    lambda pk, department: StaffMember.objects.filter(pk=pk, department_id=department, is_active=True).order_by(),
    pk=int,
    department=int,
)


def _duplicate(relation):
    """The live dossier of a nominee (``relation``: ``nominee_person`` or ``nominee_department``, by its key) for an
    award in a period."""
    return kept(
        lambda period, award, nominee: (
            Dossier.objects.filter(period_id=period, award__code=award, **{f"{relation}_id": nominee})
            .exclude(status__in=[S.WITHDRAWN, S.REJECTED])
            .order_by()
            .values_list("pk", flat=True)[:1]
        ),
        period=int,
        award=str,
        nominee=int,
    )


_DUPLICATE = {relation: _duplicate(relation) for relation in ("nominee_person", "nominee_department")}


def _whole(value):
    """``value`` as a whole number, or 0 (which no key or year is) when it is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _nominee(head_staff, kind, nominee_id):
    if kind == "person":
        person = _MEMBER.first(pk=_whole(nominee_id), department=head_staff.department_id)
        if person is None:
            raise errors.InvalidInput(errors={"nominee": [_("Choose a member of your department.")]})
        return {"nominee_person": person}
    if kind == "department":
        if str(nominee_id) != str(head_staff.department_id):
            raise errors.InvalidInput(errors={"nominee": [_("A department can only nominate itself.")]})
        return {"nominee_department": Department.objects.get(pk=nominee_id)}
    raise errors.InvalidInput(errors={"nominee": [_("Choose a person or a department.")]})


def dossier_create(*, acting_user, period_year, award_code, nominee_kind, nominee_id, achievements=""):
    """A department head nominates a member of their department, or the department itself (a draft)."""
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    policies.require_nominate(acting_user, staff.department)
    period = _PERIOD.first(organisation=staff.organisation_id, year=_whole(period_year))
    if period is None or not period.is_open:
        raise errors.InvalidInput(errors={"period": [_("This period is not open for nominations.")]})
    award = award_for_period(award_code, period)
    if not award.accepts(nominee_kind):
        raise errors.InvalidInput(errors={"award": [_("This award is not given to this kind of nominee.")]})
    nominee = _nominee(staff, nominee_kind, nominee_id)
    with transaction.atomic():
        [(relation, person_or_department)] = nominee.items()
        # The number first: its row lock holds the unit's other nominations until this one commits, so the check
        # below sees a twin nominated at the same moment (a refusal rolls the number back with everything else).
        number = number_take(organisation=staff.organisation, year=period.year, doc_type="HS")
        if _DUPLICATE[relation](period=period.pk, award=award.code, nominee=person_or_department.pk):
            raise errors.InvalidInput(
                errors={"nominee": [_("This nominee already has a dossier for this award and period.")]}
            )
        dossier = Dossier.objects.create(
            organisation=staff.organisation,
            reference=f"HS-{period.year}-{number:05d}",
            period=period,
            award=award,
            department=staff.department,
            achievements=achievements,
            created_by=acting_user,
            **nominee,
        )
        record_event(
            actor=acting_user,
            action="dossier_created",
            dossier=dossier,
            step="nominate",
            data={"award": award.code, "regime": award.regime.code, "nominee": str(dossier.nominee)},
        )
    return dossier


def dossier_update(*, acting_user, dossier_id, version, achievements):
    """The department corrects its dossier; a form from an older version is refused."""
    with transaction.atomic():
        dossier = dossier_locked(dossier_id)
        policies.require_department_action(acting_user, dossier)
        if not dossier.is_editable:
            raise errors.InvalidTransition()
        if int(version) != dossier.version:
            raise errors.StaleVersion()
        old = dossier.achievements
        dossier.achievements = achievements
        dossier.version += 1
        dossier.save(update_fields=["achievements", "version", "updated_at"])
        record_event(
            actor=acting_user,
            action="dossier_updated",
            dossier=dossier,
            changes={"achievements": [old, achievements]},
        )
    return dossier


_REPORT = kept(
    lambda dossier: (
        Document.objects.filter(dossier_id=dossier, kind="achievement_report", is_current=True)
        .order_by()
        .values_list("pk", flat=True)[:1]
    ),
    dossier=int,
)


def dossier_check_submittable(dossier):
    if not _REPORT(dossier=dossier.pk):
        raise errors.InvalidInput(
            _("Attach the achievement report (form 01/02) before submitting."),
            errors={"documents": [_("The achievement report is missing.")]},
        )


def dossier_mark_submitted(*, acting_user, dossier, comment=""):
    """Hồ sơ nộp: the nominating department hands the dossier to the secretariat (caller holds the lock)."""
    policies.require_department_action(acting_user, dossier)
    dossier_check_submittable(dossier)
    resubmitted = dossier.status == S.RETURNED
    dossier.submitted_at = timezone.now()
    dossier_transition(
        dossier,
        S.SUBMITTED,
        actor=acting_user,
        action="dossier_resubmitted" if resubmitted else "dossier_submitted",
        step="correct" if resubmitted else "nominate",
        comment=comment,
        also=("submitted_at",),
    )


def dossier_withdraw(*, acting_user, dossier, reason):
    """Rút hồ sơ: the nominating department, before the council decides (caller holds the lock).

    The process layer (``workflows.services.dossier_withdraw``) also takes the dossier off a pending ballot."""
    policies.require_department_action(acting_user, dossier)
    if not reason.strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reason for withdrawing.")]})
    if dossier.status == S.WITHDRAWN:
        raise errors.InvalidTransition(_("This dossier has already been withdrawn."))
    if not dossier.is_withdrawable:
        raise errors.InvalidTransition(_("The council has already decided: the dossier can no longer be withdrawn."))
    dossier_transition(dossier, S.WITHDRAWN, actor=acting_user, action="dossier_withdrawn", comment=reason)


def dossier_accept(*, actor, dossier, comment=""):
    dossier_transition(
        dossier, S.ACCEPTED, actor=actor, action="completeness_accepted", step="check_completeness", comment=comment
    )


def dossier_return(*, actor, dossier, reason, step):
    """Return to the nominating department with the reason (from the check, or from the principal)."""
    if not reason.strip():
        raise errors.InvalidInput(errors={"comment": [_("Give the reason for returning the dossier.")]})
    target = S.RETURNED if dossier.status == S.SUBMITTED else S.SUBMITTED
    dossier_transition(dossier, target, actor=actor, action="dossier_returned", step=step, comment=reason)


def dossier_mark_forwarded(*, dossier, delivery_data):
    dossier_transition(
        dossier, S.FORWARDED, actor=None, action="forwarded_to_province", step="forward", data=delivery_data
    )


def award_choices(awards):
    """Choices of a drop-down of awards: grouped by level (school, province, state: who decides), each group by name;
    the names are in the page's language, the codes stay out of sight."""
    levels = [
        (AwardType.DecidedBy.UNIT, _("School level")),
        (AwardType.DecidedBy.PROVINCE, _("Province level")),
        (AwardType.DecidedBy.NATIONAL, _("State level")),
    ]
    groups = []
    for level, label in levels:
        items = sorted(((a.code, a.name) for a in awards if a.decided_by == level), key=lambda item: item[1])
        if items:
            groups.append((label, items))
    return groups


def award_choices_for(period):
    """The awards that can be proposed in a period, grouped by level, with an empty first choice (none chosen)."""
    if period is None:
        return [("", "—")]
    return [("", _("— Choose an award —"))] + award_choices(awards_in_force(period))
