"""Reads of deadlines for pages and the API: one query for any number of tasks."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.translation import ngettext

from .models import TaskDeadline


def due_at_by_task(task_ids):
    """{task id: due_at} for the given tasks (tasks without a deadline are absent)."""
    return dict(TaskDeadline.objects.filter(task_id__in=list(task_ids)).values_list("task_id", "due_at"))


def deadline_of(task):
    """The task's deadline row, from ``select_related("deadline")`` when the caller did it, else one query."""
    try:
        return task.deadline
    except TaskDeadline.DoesNotExist:
        return None


def is_overdue(deadline, now=None):
    return bool(deadline and deadline.closed_at is None and deadline.due_at < (now or timezone.now()))


def with_deadlines(dossiers):
    """Annotate a dossier queryset with its open task's ``due_at``, ``step`` and ``province_risk`` (subqueries,
    no N+1)."""
    open_rows = TaskDeadline.objects.filter(dossier=OuterRef("pk"), closed_at__isnull=True)
    return dossiers.annotate(
        due_at=Subquery(open_rows.order_by("due_at").values("due_at")[:1]),
        step=Subquery(open_rows.order_by("due_at").values("step")[:1]),
        province_risk=Exists(open_rows.filter(province_risk=True)),
    )


def dossiers_at_step(dossiers, step):
    """The dossiers waiting at a human step (an open task of that step)."""
    return dossiers.filter(
        Exists(TaskDeadline.objects.filter(dossier=OuterRef("pk"), closed_at__isnull=True, step=step))
    )


def dossiers_late(dossiers, now=None):
    """The dossiers with an open task past its deadline."""
    overdue = TaskDeadline.objects.filter(
        dossier=OuterRef("pk"), closed_at__isnull=True, due_at__lt=now or timezone.now()
    )
    return dossiers.filter(Exists(overdue))


def tasks_late_q(now=None, prefix="deadline__"):
    """Open tasks past their deadline, as a filter on tasks (``prefix`` reaches the task's deadline row)."""
    return Q(**{f"{prefix}closed_at__isnull": True, f"{prefix}due_at__lt": now or timezone.now()})


def due_text(due_at, now=None):
    """A deadline as the lists show it: ``dd/mm/yyyy hh:mm``, and how late it is when past."""
    if due_at is None:
        return ""
    now = now or timezone.now()
    text = formats.date_format(timezone.localtime(due_at), "SHORT_DATETIME_FORMAT")
    if due_at < now:
        days = (now - due_at).days
        text += " · " + ngettext("late by %(days)s day", "late by %(days)s days", days) % {"days": days}
    return text
