"""Reads of deadlines for pages and the API: one query for any number of tasks."""

from django.utils import timezone

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
