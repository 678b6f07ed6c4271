"""Our node types: human steps whose pages go through our services, and a Celery job node."""

from contextlib import nullcontext

from django.db import transaction
from django.urls import path
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.context import context
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import mixins as flow_mixins
from viewflow.workflow.flow import views as flow_views
from viewflow.workflow.nodes.if_gate import IfActivation
from viewflow.workflow.nodes.job import AbstractJob, AbstractJobActivation
from viewflow.workflow.nodes.switch import SwitchActivation
from viewflow.workflow.status import STATUS

from domain.deadlines.services import deadline_open
from domain.dossiers.steps import STEPS


class HumanStep(flow.View):
    """A human task of the dossier process.

    Its execute, assign and unassign pages call ``workflows.services`` (one permission check,
    the lock, the audit event), so a task taken or finished by someone else answers a clear
    message instead of viewflow's bare 403/500.
    """

    def __init__(self, step_name):
        from . import views

        self.step = STEPS[step_name]
        super().__init__(views.TaskExecuteView.as_view())
        self._claim_view = views.TaskClaimView.as_view()
        self._release_view = views.TaskReleaseView.as_view()
        self.Annotation(title=self.step.title)
        # Every human task gets its deadline in the transaction that creates it.
        self._on_create = _open_deadline

    @property
    def view_path(self):
        return path(f"<int:process_pk>/{self.name}/<int:task_pk>/execute/", self.view, name="execute")

    @property
    def assign_path(self):
        return path(f"<int:process_pk>/{self.name}/<int:task_pk>/assign/", self._claim_view, name="assign")

    @property
    def unassign_path(self):
        return path(f"<int:process_pk>/{self.name}/<int:task_pk>/unassign/", self._release_view, name="unassign")

    def can_assign(self, user, task):
        from .policies import can_claim

        return can_claim(user, task)


def _open_deadline(activation):

    deadline_open(activation.task)


class CeleryJobActivation(AbstractJobActivation):
    @Activation.status.super()
    def activate(self):
        """Schedule the Celery task once the transaction that created the job commits."""
        self.task.status = STATUS.SCHEDULED
        self.task.save()
        job = self.flow_task
        task_pk = self.task.pk
        # robust: a broker that is down must not fail the committed change; the relay sends it later.
        transaction.on_commit(lambda: job.dispatch(task_pk), robust=True)


class CeleryJob(flow_mixins.NodeDetailMixin, AbstractJob):
    """A service task run by a Celery worker; the task row in the database is the source of truth.

    It has index and detail pages like viewflow's own nodes: the next task's page links back to it.
    """

    activation_class = CeleryJobActivation
    index_view_class = flow_views.IndexTaskView
    detail_view_class = flow_views.DetailTaskView

    def __init__(self, celery_task, **kwargs):
        super().__init__(**kwargs)
        self.celery_task = celery_task

    def dispatch(self, task_pk):
        self.celery_task.apply_async(args=[task_pk])


# --- gateways without a savepoint of their own -----------------------------------------------------------------------


def _gateway_savepoint():
    """viewflow runs a gateway's conditions in a savepoint so that, where errors are kept on the task instead of
    raised (``propagate_exception=False``), a failed condition leaves nothing behind. Our steps raise: the step's
    whole transaction rolls back, and the savepoint would only cost two statements per gateway."""
    return nullcontext() if context.propagate_exception else transaction.atomic(savepoint=True)


class _IfActivation(IfActivation):
    @Activation.status.super()
    def activate(self):
        with self.exception_guard(), _gateway_savepoint():
            self._condition_result = self.flow_task._condition(self)


class _SwitchActivation(SwitchActivation):
    @Activation.status.super()
    def activate(self):
        with self.exception_guard(), _gateway_savepoint():
            for node, cond in self.flow_task._branches:
                if cond is None:
                    self.next_task = node  # the default: taken if no case after it holds
                elif cond(self):
                    self.next_task = node
                    break
            if not self.next_task:
                raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class If(flow.If):
    activation_class = _IfActivation


class Switch(flow.Switch):
    activation_class = _SwitchActivation
