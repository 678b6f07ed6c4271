"""Who may take and complete a task of the dossier process (one check, used by UI, API and flow)."""

from domain.dossiers.policies import can_act_on_step, can_view_dossier
from domain.dossiers.steps import STEPS


def dossier_of(task):
    return task.process.coerced.dossier


def can_claim(user, task):
    """A queued task: the user holds the step's permission and may see the dossier."""
    if task.owner_id or not user.is_authenticated:
        return False
    return can_act_on_step(user, task.owner_permission, dossier_of(task))


def can_complete(user, task):
    """The owner of the task, or someone who could take it from the queue."""
    if task.owner_id:
        return task.owner_id == user.pk and can_view_dossier(user, dossier_of(task))
    return can_claim(user, task)


def can_release(user, task):
    step = STEPS.get(task.flow_task.name)
    return bool(step and step.queue and task.owner_id == user.pk)
