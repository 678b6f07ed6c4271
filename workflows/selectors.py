from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from deadlines.selectors import deadline_of, due_at_by_task, is_overdue

from .models import DossierProcess
from .policies import can_claim, can_complete

OPEN = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED, STATUS.SCHEDULED, STATUS.ERROR]


def dossier_process_info(user, dossier):
    """The process of a dossier for its page: open tasks (with what this user may do) and the chart."""
    process = DossierProcess.objects.filter(dossier=dossier).first()
    if process is None:
        return None
    tasks = list(
        Task.objects.filter(process_id=process.pk, status__in=OPEN)
        .select_related("owner", "process", "deadline")
        .order_by("created")
    )
    for task in tasks:
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
