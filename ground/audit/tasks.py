"""Events written by a Celery task carry the task's id as their request id."""

from celery.signals import task_postrun, task_prerun

from . import context

_tokens = {}


@task_prerun.connect(dispatch_uid="audit-task-origin")
def _task_started(task_id=None, **kwargs):
    _tokens[task_id] = context.enter(request_id=f"task:{task_id}")


@task_postrun.connect(dispatch_uid="audit-task-origin-end")
def _task_finished(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    if token is not None:
        context.leave(token)
