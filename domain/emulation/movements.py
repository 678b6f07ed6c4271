"""Movements (phong trào thi đua): the dossiers a movement leads to, the method its awards carry into the
history, and its half-year / year-end summaries (sơ kết, tổng kết) drafted from the data."""

from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from ground.audit.services import record_event
from ground.base import errors
from ground.base.kept import kept

from . import policies
from .models import Movement, MovementSummary, Registration


def _movement(acting_user, movement_id, *, lock=False):
    staff = policies.require_manage_movements(acting_user)
    qs = Movement.objects.filter(organisation_id=staff.organisation_id)
    if lock:
        qs = qs.select_for_update(of=("self",), no_key=True)
    movement = qs.filter(pk=movement_id).first()
    if movement is None:
        raise errors.NotVisible()
    return movement


def movement_dossiers_link(*, acting_user, movement_id, dossier_ids):
    """Attach dossiers to a movement; an award already recorded takes the movement's method at once."""
    with transaction.atomic():
        movement = _movement(acting_user, movement_id)
        dossiers = list(Dossier.objects.filter(organisation_id=movement.organisation_id, pk__in=dossier_ids))
        if len(dossiers) != len(set(dossier_ids)):
            raise errors.InvalidInput(errors={"dossiers": [_("Choose dossiers of your unit.")]})
        movement.dossiers.add(*dossiers)
        updated = AwardRecord.objects.filter(dossier__in=dossiers).update(method=movement.kind)
        record_event(
            actor=acting_user,
            action="movement_dossiers_linked",
            obj=movement,
            data={"dossiers": [d.reference for d in dossiers], "awards_marked": updated, "method": movement.kind},
        )
    return dossiers


_METHOD = kept(  # every award the province grants asks it: compiled once
    lambda dossier: (
        Movement.objects.filter(dossiers=dossier)
        .exclude(kind=Movement.Kind.REGULAR)
        .order_by("pk")
        .values_list("kind", flat=True)[:1]
    ),
    dossier=int,
)


def award_record_take_method(sender, instance, created, **kwargs):
    """post_save of AwardRecord: an award won through a thematic, one-off or long-service movement is flagged so
    the eligibility rules do not count it toward higher awards."""
    if not created or not instance.dossier_id:
        return
    kind = _METHOD.first(dossier=instance.dossier_id)
    if kind and instance.method != kind:
        AwardRecord.objects.filter(pk=instance.pk).update(method=kind)
        instance.method = kind


def _cutoff(stage, year):
    return date(year, 6, 30) if stage == MovementSummary.Stage.HALF_YEAR else date(year, 12, 31)


def movement_figures(movement, stage, year):
    """Registrations, dossiers and awards of the movement per department, up to the stage's cut-off day."""
    cutoff = _cutoff(stage, year)
    per_dept = {}

    def row(name):
        return per_dept.setdefault(name, {"department": name, "registrations": 0, "dossiers": 0, "awards": 0})

    registrations = Registration.objects.filter(movement=movement, year=year, registered_at__date__lte=cutoff)
    for r in registrations.values("department__name").annotate(n=Count("pk")):
        row(r["department__name"])["registrations"] = r["n"]
    dossiers = movement.dossiers.filter(period__year=year, created_at__date__lte=cutoff)
    counted = dossiers.values("department__name").annotate(
        n=Count("pk"),
        awarded=Count("pk", filter=Q(status=DossierStatus.AWARDED, award_record__decision_date__lte=cutoff)),
    )
    for r in counted:
        row(r["department__name"]).update(dossiers=r["n"], awards=r["awarded"])
    rows = sorted(per_dept.values(), key=lambda r: r["department"])
    total = {k: sum(r[k] for r in rows) for k in ("registrations", "dossiers", "awards")}
    return {"cutoff": cutoff.isoformat(), "rows": rows, "total": total}


def movement_summary_draft(*, acting_user, movement_id, stage, year):
    """Draft (or redraft) the figures of a summary; the secretariat's text is kept."""
    if stage not in MovementSummary.Stage.values:
        raise errors.InvalidInput(errors={"stage": [_("Choose the half-year or the year-end review.")]})
    with transaction.atomic():
        movement = _movement(acting_user, movement_id, lock=True)
        figures = movement_figures(movement, stage, year)
        summary, created = MovementSummary.objects.update_or_create(
            movement=movement,
            stage=stage,
            year=year,
            defaults={"figures": figures, "drafted_at": timezone.now()},
        )
        record_event(
            actor=acting_user,
            action="movement_summary_drafted",
            obj=summary,
            data={"movement": movement.pk, "stage": stage, "year": year, "total": figures["total"]},
        )
    return summary


def movement_summary_complete(*, acting_user, summary_id, results, shortcomings, next_steps, document=""):
    """The secretariat writes the assessment and the report's number; the summary is complete."""
    if not results.strip():
        raise errors.InvalidInput(errors={"results": [_("Write the results of the movement.")]})
    with transaction.atomic():
        staff = policies.require_manage_movements(acting_user)
        summary = (
            MovementSummary.objects.select_for_update(of=("self",), no_key=True)
            .filter(pk=summary_id, movement__organisation_id=staff.organisation_id)
            .first()
        )
        if summary is None:
            raise errors.NotVisible()
        before = {f: getattr(summary, f) for f in ("results", "shortcomings", "next_steps", "document")}
        summary.results, summary.shortcomings = results.strip(), shortcomings.strip()
        summary.next_steps, summary.document = next_steps.strip(), document.strip()
        summary.completed_at, summary.completed_by = timezone.now(), acting_user
        summary.save()
        record_event(
            actor=acting_user,
            action="movement_summary_completed",
            obj=summary,
            changes={f: [v, getattr(summary, f)] for f, v in before.items() if v != getattr(summary, f)},
        )
    return summary
