"""Deadlines, reminders, escalation and the period's hard dates (the computing is in ``schedule``).

A human task gets a ``TaskDeadline`` when it is created (its due time from the service level, in
working days) and loses its schedule when it finishes. The beat sweep reads only the deadlines whose
``next_reminder_at`` has come, in batches locked with SKIP LOCKED, so two sweeps share the work.
Each reminder claims its unique (task, slot, recipient) row with INSERT … ON CONFLICT DO NOTHING
before anything is sent, in the same transaction as the notification it writes: a sweep that runs
twice, or a worker killed mid-batch (its transaction rolls back), never sends a reminder twice.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import get_resolver, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from domain.dossiers.models import Dossier, DossierStatus
from domain.dossiers.services.dossiers import dossier_set_status
from ground.audit.services import record_event
from ground.base.bulk import rows_update
from ground.base.language import records_language
from ground.notifications.services import Message, digests_redispatch, notifications_create, outbox_redispatch
from ground.organisation.models import AwardType
from ground.organisation.people import People
from ground.workdays import services as cal

from .messages import message_for
from .models import Reminder, TaskDeadline
from .policies import escalation
from .schedule import current_slot, due_at, escalation_at, misses_province, next_check, service_level_for

log = logging.getLogger(__name__)
OPEN = {STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED}


# --- a task's deadline -----------------------------------------------------------------------------


def _dossier_of(task):
    """The task's dossier as its process holds it when the flow has read it already, with its award and period,
    in the step's transaction; else read."""
    process = task.process
    held = process._meta.get_field("dossier") if hasattr(process, "dossier_id") else None
    dossier = held.get_cached_value(process, None) if held else None  # never a lazy read of its own
    if dossier is None or not (Dossier.award.is_cached(dossier) and Dossier.period.is_cached(dossier)):
        dossier = Dossier.objects.select_related("award", "period").get(process__pk=task.process_id)
    return dossier


def deadlines_open(tasks):
    """Human tasks just created (HumanStep's on-create hook, inside the flow's transaction) get their deadlines, in
    one insert: those a batch creates (a session's conclusion, a letter's answer) together."""
    deadlines = [_deadline_for(task) for task in tasks]
    TaskDeadline.objects.bulk_create(deadlines)  # new tasks' deadlines: INSERT alone (their keys are given)
    risky = [deadline for deadline in deadlines if deadline.province_risk]
    if risky:
        people = People()
        for deadline in risky:
            _warn_province_risk(deadline, people)


def _deadline_for(task):
    dossier = _dossier_of(task)
    step = task.flow_task.name
    start = task.created or timezone.now()
    level = service_level_for(
        step, award_id=dossier.award_id, period_id=dossier.period_id, on_date=cal.local_date(start)
    )
    deadline = TaskDeadline(
        task=task,
        dossier=dossier,
        step=step,
        started_at=start,
        due_at=due_at(start, level.working_days, dossier.organisation_id),
        remind_before=level.remind_before,
        remind_every=level.remind_every,
        escalate_after=level.escalate_after,
    )
    deadline.next_reminder_at = next_check(deadline, start)
    deadline.province_risk = misses_province(dossier, step, deadline.due_at)
    return deadline


def _warn_province_risk(deadline, people):
    """Tell the secretariat once per task (the slot is unique) and put it on the dossier's record."""
    targets = people.secretariat(deadline.dossier)
    if _send([_Out(deadline, "province-risk", "province_risk", uid) for uid in targets]) or not targets:
        record_event(
            actor=None,
            action="province_date_at_risk",
            dossier=deadline.dossier,
            step=deadline.step,
            data={"task": deadline.task_id},
        )


@transaction.atomic
def period_recheck_deadlines(period):
    """The administrator moved a period's hard dates: re-check its open tasks against the province's date."""
    people = People()
    rows = TaskDeadline.objects.filter(dossier__period=period, closed_at__isnull=True).select_related(
        "task", "dossier__award", "dossier__period"
    )
    flagged = 0
    for deadline in rows:
        risk = misses_province(deadline.dossier, deadline.step, deadline.due_at)
        if risk != deadline.province_risk:
            deadline.province_risk = risk
            deadline.save(update_fields=["province_risk"])
            if risk:
                _warn_province_risk(deadline, people)
                flagged += 1
    return flagged


CLOSED = {STATUS.DONE, STATUS.CANCELED, STATUS.ERROR, STATUS.REVIVED}


def deadlines_close(tasks):
    """Those of the tasks that finished or were cancelled stop their reminders (human tasks: the others have none)."""
    task_ids = [task.pk for task in tasks if task.status in CLOSED and task.flow_task_type == "HUMAN"]
    if not task_ids:
        return
    TaskDeadline.objects.filter(task_id__in=task_ids, closed_at__isnull=True).update(
        closed_at=timezone.now(), next_reminder_at=None
    )


# --- what is sent ----------------------------------------------------------------------------------


@dataclass
class _Out:
    deadline: TaskDeadline
    slot: str
    kind: str
    recipient_id: int


def _claim(outs):
    """INSERT the reminder rows, ignoring those that exist; returns the keys this call inserted."""
    if not outs:
        return set()
    table = Reminder._meta.db_table
    now = timezone.now()
    params = []
    for o in outs:
        params += [o.deadline.pk, o.slot, o.recipient_id, now]
    values = ",".join(["(%s, %s, %s, %s)"] * len(outs))
    sql = (
        f"INSERT INTO {table} (deadline_id, slot, recipient_id, created_at) VALUES {values} "
        "ON CONFLICT (deadline_id, slot, recipient_id) DO NOTHING RETURNING deadline_id, slot, recipient_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return set(cursor.fetchall())


def _load_urls():
    # A worker or a script has not imported the URLconf yet: the flow's URL names exist only after it.
    get_resolver().url_patterns  # noqa: B018


def _send(outs):
    """Claim each slot, then notify for exactly the rows this call inserted."""
    _load_urls()
    claimed = _claim(outs)
    fresh = [o for o in outs if (o.deadline.pk, o.slot, o.recipient_id) in claimed]
    notifications_create([message_for(o) for o in fresh])
    return len(fresh)


# --- the sweep -------------------------------------------------------------------------------------


def _due_batch(now, size):
    return list(
        TaskDeadline.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(next_reminder_at__lte=now)
        .select_related("task", "dossier__period")
        .order_by("next_reminder_at")[:size]
    )


def _plan(deadline, now, people, outs, escalated):
    if deadline.task.status not in OPEN:
        deadline.closed_at, deadline.next_reminder_at = deadline.closed_at or now, None
        return
    slot = current_slot(deadline, now)
    if slot:
        outs += [_Out(deadline, slot, "reminder", uid) for uid in people.can_act(deadline.task, deadline.dossier)]
    if deadline.escalated_at is None and escalation_at(deadline) <= now:
        deadline.escalated_at = now
        targets = escalation(people, deadline.step, deadline.dossier)
        outs += [_Out(deadline, "escalation", "escalation", uid) for uid in targets]
        escalated.append((deadline, targets))
    deadline.next_reminder_at = next_check(deadline, now)


def _save_schedules(batch):
    """Write the batch's new schedule in one statement."""
    rows_update(batch, ["next_reminder_at", "escalated_at", "closed_at"])


def reminders_sweep(now=None, batch_size=None):
    """Send every reminder and escalation that has come; returns how many notifications went out."""
    now = now or timezone.now()
    batch_size = batch_size or settings.DEADLINE_SWEEP_BATCH
    people = People()
    sent = 0
    while True:
        with transaction.atomic():
            batch = _due_batch(now, batch_size)
            if not batch:
                return sent
            outs, escalated = [], []
            for deadline in batch:
                _plan(deadline, now, people, outs, escalated)
            sent += _send(outs)
            for deadline, targets in escalated:
                record_event(
                    actor=None,
                    action="task_escalated",
                    dossier=deadline.dossier,
                    step=deadline.step,
                    data={"task": deadline.task_id, "due_at": deadline.due_at.isoformat(), "notified": targets},
                )
            _save_schedules(batch)


def drafts_close_late(now=None, limit=1000):
    """Drafts still unsubmitted after the period's hard date are closed as late; the department is told."""
    today = cal.local_date(now or timezone.now())
    past = Q(period__nominations_close__lt=today) | (
        Q(period__province_submission_date__lt=today) & ~Q(award__decided_by=AwardType.DecidedBy.UNIT)
    )
    ids = list(Dossier.objects.filter(status=DossierStatus.DRAFT).filter(past).values_list("pk", flat=True)[:limit])
    people = People() if ids else None
    closed = 0
    for pk in ids:
        closed += _close_late(pk, people)
    return closed


def _close_late(dossier_id, people):
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("period", "award")
            .filter(pk=dossier_id, status=DossierStatus.DRAFT)
            .first()
        )
        if dossier is None:
            return 0
        with records_language():
            reason = _("Not submitted before the period's closing date.")
        old = dossier_set_status(dossier, DossierStatus.LATE, reason=reason)
        record_event(
            actor=None,
            action="dossier_closed_late",
            dossier=dossier,
            comment=reason,
            changes={"status": [old, DossierStatus.LATE]},
        )
        heads = people.department_heads(dossier)

        def render():
            names = {"reference": dossier.reference}
            return (
                _("Dossier %(reference)s was closed as late") % names,
                _("The draft %(reference)s was not submitted before the period's closing date.") % names,
            )

        link = reverse("dossiers:detail", args=[dossier.pk])
        notifications_create([Message(uid, "late", render, link, dossier.pk) for uid in heads])
        return 1


def sweep(now=None):
    """The one periodic sweep (beat): reminders and escalation, late drafts, mails due for a retry."""

    now = now or timezone.now()
    result = {
        "reminders": reminders_sweep(now),
        "late": drafts_close_late(now),
        "mails": outbox_redispatch(now),
        "digests": digests_redispatch(now),
    }
    log.info("Deadline sweep: %s", result)
    return result
