"""Reads of the process for pages and the API: visibility applied, a fixed number of queries."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from domain.deadlines.selectors import deadline_of, due_at_by_task, is_overdue
from domain.dossiers.models import Dossier
from domain.dossiers.policies import visibility_q

from .flows import DossierFlow
from .models import DossierProcess
from .policies import can_claim, can_complete

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR]
HUMAN_OPEN = [STATUS.NEW, STATUS.ASSIGNED]


def with_open_tasks(dossiers):
    """Dossiers with their open tasks prefetched (``dossier_open_tasks``): two queries whatever the page size."""
    open_tasks = Task.objects.filter(status__in=OPEN).select_related("owner", "deadline").order_by("created", "id")
    return dossiers.select_related("process").prefetch_related(
        Prefetch("process__task_set", queryset=open_tasks, to_attr="open_tasks")
    )


def dossier_open_tasks(dossier):
    try:
        process = dossier.process
    except ObjectDoesNotExist:
        return []
    if process is None:
        return []
    if hasattr(process, "open_tasks"):
        return process.open_tasks
    return list(Task.objects.filter(process_id=process.pk, status__in=OPEN).order_by("created", "id"))


def dossier_current_task(dossier):
    tasks = dossier_open_tasks(dossier)
    return tasks[0] if tasks else None


def tasks_for(user):
    """Open human tasks this user may act on: their own, or queued ones they could take.

    The same rule as ``policies.can_complete`` / ``can_claim`` (the step's permission and the
    dossier's visibility), written as one query for the task list.
    """
    if not user.is_authenticated:
        return Task.objects.none()
    visible = Dossier.objects.filter(visibility_q(user)).values("pk")
    may_take = Q(owner__isnull=True, owner_permission__in=user.get_all_permissions())
    return (
        Task.objects.filter(
            flow_task_type="HUMAN",
            status__in=HUMAN_OPEN,
            process__flow_class=DossierFlow,
            process__dossierprocess__dossier__in=visible,
        )
        .filter(Q(owner=user) | may_take)
        .select_related("owner", "deadline", "process__dossierprocess__dossier")
        .order_by("created", "id")
    )


def dossier_process_info(user, dossier):
    """The process of a dossier for its page: open tasks (with what this user may do) and the chart."""
    process = DossierProcess.objects.filter(dossier=dossier).first()
    if process is None:
        return None
    tasks = list(
        Task.objects.filter(process_id=process.pk, status__in=OPEN)
        .select_related("owner", "process__dossierprocess", "deadline")
        .order_by("created")
    )
    for task in tasks:
        task.process.dossierprocess.dossier = dossier  # the policies below read it: the page's own, no query
        task.due = deadline_of(task)
        task.overdue = is_overdue(task.due)
        human = task.flow_task_type == "HUMAN"
        task.user_can_complete = human and can_complete(user, task)
        task.user_can_claim = human and can_claim(user, task)
        if human:
            task.execute_url = task.flow_task.reverse("execute", args=[process.pk, task.pk])
            task.claim_url = task.flow_task.reverse("assign", args=[process.pk, task.pk])
    chart_url = reverse("process:process_chart", args=[process.pk])
    return {"process": process, "tasks": tasks, "chart_url": chart_url}


def task_due_at(task):
    """The due time of one task (aware datetime), or None for a task without a deadline."""
    deadline = deadline_of(task)
    return deadline.due_at if deadline else None


def tasks_due_at(tasks):
    """{task id: due_at} for a list of tasks (or ids), in one query: for API lists."""
    return due_at_by_task(t if isinstance(t, int) else t.pk for t in tasks)
