"""Our node types: human steps whose pages go through our services, a Celery job node, and viewflow's start,
gateways and end as they are, less the rows they wrote twice and the savepoints and lock they did not need."""

import functools
import threading
import uuid
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.urls import path
from django.utils.timezone import now
from viewflow.workflow import flow
from viewflow.workflow.activation import Activation
from viewflow.workflow.context import context
from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import mixins as flow_mixins
from viewflow.workflow.flow import views as flow_views
from viewflow.workflow.nodes.end import EndActivation
from viewflow.workflow.nodes.handle import HandleActivation
from viewflow.workflow.nodes.if_gate import IfActivation
from viewflow.workflow.nodes.job import AbstractJob, AbstractJobActivation
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.nodes.switch import SwitchActivation
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.signals import flow_finished, flow_started, task_finished, task_started
from viewflow.workflow.status import STATUS

from domain.deadlines.services import deadlines_close, deadlines_open
from domain.dossiers.steps import STEPS

# --- a block's tasks: written together ---------------------------------------------------------------------------

_collecting = threading.local()


@dataclass
class _Block:
    """What a block's nodes write, kept until it ends (``links_together``)."""

    moment: datetime = field(default_factory=now)
    inserted: list = field(default_factory=list)  # new tasks
    after: dict = field(default_factory=dict)  # what needs them stored: {hook: [task, ...]} (human tasks' deadlines)
    finished: list = field(default_factory=list)  # tasks finished
    links: list = field(default_factory=list)  # (task, the task before it)


def _block():
    return getattr(_collecting, "block", None)


@contextmanager
def links_together():
    """The tasks a block creates, finishes and links are written together when it ends: the new ones (those of
    the gateways and ends passed, done, and of the steps reached) in one insert, then their deadlines; the finished
    ones in one update (one for each owner), their deadlines closed in one more; the links (``Task.previous``) in
    one statement. Nobody reads them before the block ends.

    viewflow writes each task on its own: a statement for each new task, its link, each finished task and its
    deadline. A step that reaches a gateway and the next node, or a batch that moves twenty dossiers on, writes them
    all at once here. Nested blocks write with the outermost. A block left by an exception writes nothing: the step's
    transaction is being rolled back (a failure kept on a task instead of raised does not leave the block).
    """
    if _block() is not None:
        yield
        return
    _collecting.block = block = _Block()
    try:
        yield
    finally:
        _collecting.block = None
    _write(block)


def _write(block):
    if block.finished:
        _write_finished(block.finished)
    if block.inserted:  # first: what follows needs their keys
        type(block.inserted[0])._default_manager.bulk_create(block.inserted)
    for then, tasks in block.after.items():
        then(tasks)
    if links := block.links:
        through = links[0][0].previous.through
        rows = [through(from_task_id=task.pk, to_task_id=before.pk) for task, before in links]
        through.objects.bulk_create(rows, ignore_conflicts=True)  # as ``previous.add`` inserts them


def _write_finished(tasks):
    """What finishing changes on a task (its status, owner, start and end: ``finish_task``, viewflow's start and
    complete), for tasks finished alike in one statement; the human tasks' deadlines closed, as saving each one
    would have closed it (``deadlines.signals``)."""
    alike = defaultdict(list)
    for task in tasks:
        alike[(task.status, task.owner_id, task.started, task.finished)].append(task.pk)
    manager = type(tasks[0])._default_manager
    for (status, owner_id, started, finished), pks in alike.items():
        manager.filter(pk__in=pks).update(status=status, owner_id=owner_id, started=started, finished=finished)
    deadlines_close(tasks)


def _insert(task):
    """A new task: inserted now, or with its block's."""
    if (block := _block()) is None:
        task.save()
        return
    task.flow_task_type = task.flow_task_type or task.flow_task.task_type  # as its ``save`` would set it
    block.inserted.append(task)


def _once_inserted(then, task):
    """``then([task, ...])`` once the block's new tasks are stored (a human task's deadline refers to its task), for
    all of the block's tasks at once; or ``then([task])`` now."""
    if (block := _block()) is None:
        then([task])
    else:
        block.after.setdefault(then, []).append(task)


def _save_finished(task):
    """A finished task: saved now, or with its block's. A block's tasks are finished by one act (a session's
    conclusion, a document's signature, a sweep): they end, and those started by the act start, at its moment."""
    if (block := _block()) is None or task.pk is None:
        task.save()
        return
    if task.started is not None and task.started >= block.moment:
        task.started = block.moment
    task.finished = block.moment
    block.finished.append(task)


def _complete(activation, write):
    """viewflow's complete of a task: its end time, its row (``write``: ``_insert`` for a task stored only once done,
    ``_save_finished`` for one waiting until now; with its block's), the signal."""
    task = activation.task
    task.finished = now()
    write(task)
    task_finished.send(sender=activation.flow_class, process=activation.process, task=task)


def _link(task, before):
    """``task`` follows ``before``: linked now, or with its block's."""
    if (block := _block()) is None:
        task.previous.add(before)
    else:
        block.links.append((task, before))


class _LinksTogether(Activation):
    """The nodes a step reaches from this activation are written together (``links_together``)."""

    def __hash__(self):
        # viewflow keeps activations in sets; a task inserted with its block has no key to hash before.
        return id(self.task)

    @Activation.status.super()
    def activate_next(self):
        with links_together():  # viewflow's activate_next, inside the block
            self._activate_next(set(self.create_next()))


class _HumanActivation(_LinksTogether, ViewActivation):
    """viewflow's human task activation, linked with the others and, finished in a block, written with them
    (``links_together``)."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = cls(_new_task(flow_task, prev_activation, token, data, seed))
        task = activation.task
        permission = flow_task.calc_owner_permission(activation)  # as viewflow's create: who may take it
        if permission:
            task.owner_permission = permission
            task.owner_permission_obj = flow_task.calc_owner_permission_obj(activation)
        owner = flow_task.calc_owner(activation)
        if owner:
            task.owner, task.status = owner, STATUS.ASSIGNED
        _insert(task)
        _link(task, prev_activation.task)
        if flow_task._on_create is not None:  # its deadline, once the task is stored
            _once_inserted(flow_task._on_create, task)
        return activation

    @Activation.status.transition(source=STATUS.STARTED, target=STATUS.DONE)
    def complete(self):
        _complete(self, _save_finished)


class _HandleActivation(_LinksTogether, HandleActivation):
    """viewflow's handle (a task completed by code: the council, the posting, the records clerk); reached or finished
    in a block, written with the others (``links_together``): nobody runs it in the block that reaches it."""

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        task = _new_task(flow_task, prev_activation, token, data, seed)
        _insert(task)
        _link(task, prev_activation.task)
        return cls(task)

    @Activation.status.transition(source=STATUS.STARTED, target=STATUS.DONE)
    def complete(self):
        _complete(self, _save_finished)


class Handle(flow.Handle):
    activation_class = _HandleActivation


def _new_task(flow_task, prev_activation, token, data, seed):
    """A new task of the node, unsaved, as viewflow makes one."""
    task = flow_task.flow_class.task_class(process=prev_activation.process, flow_task=flow_task, token=token)
    task.data = data if data is not None else {}
    task.seed = seed
    return task


class HumanStep(flow.View):
    """A human task of the dossier process.

    Its execute, assign and unassign pages call ``workflows.services`` (one permission check,
    the lock, the audit event), so a task taken or finished by someone else answers a clear
    message instead of viewflow's bare 403/500.
    """

    activation_class = _HumanActivation

    def __init__(self, step_name):
        from . import views

        self.step = STEPS[step_name]
        super().__init__(views.TaskExecuteView.as_view())
        self._claim_view = views.TaskClaimView.as_view()
        self._release_view = views.TaskReleaseView.as_view()
        self.Annotation(title=self.step.title)
        # Every human task gets its deadline in the transaction that creates it (a block's tasks' together).
        self._on_create = deadlines_open

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


class _WrittenOnce(_LinksTogether, Activation):
    """A node whose task leaves the transaction that reaches it in another state than new (a gateway or an end:
    done; a job: scheduled) is inserted once, in that state.

    viewflow inserts the task as new, then updates it a few statements later in the same transaction: two writes of
    one row for nothing anybody can see in between (issue 18). Here ``create`` keeps the task unsaved; the node's
    own transition inserts it, then links it to the task before it, as viewflow's ``create`` would have.
    """

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = cls(_new_task(flow_task, prev_activation, token, data, seed))
        activation._previous = prev_activation.task
        return activation

    def _link_previous(self, *, collected=False):
        """Once the task is stored, or ``collected`` to be inserted with its block's (``_insert``). No
        ``_previous``: made from a stored task (viewflow's own pages), or linked."""
        if (collected or self.task.pk is not None) and "_previous" in self.__dict__:
            _link(self.task, self.__dict__.pop("_previous"))


class CeleryJobActivation(_WrittenOnce, AbstractJobActivation):
    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        activation = super().create(flow_task, prev_activation, token, data=data, seed=seed)
        activation.task.external_task_id = str(uuid.uuid4())  # as viewflow gives each job task its own
        return activation

    @Activation.status.super()
    def activate(self):
        """Schedule the Celery task once the transaction that created the job commits."""
        self.task.status = STATUS.SCHEDULED
        self.task.save()
        self._link_previous()
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


# --- gateways and ends: one row, written once, without a savepoint ---------------------------------------------------


def _gateway_savepoint():
    """viewflow runs a gateway's conditions in a savepoint so that, where errors are kept on the task instead of
    raised (``propagate_exception=False``), a failed condition leaves nothing behind. Our steps raise: the step's
    whole transaction rolls back, and the savepoint would only cost two statements per gateway."""
    return nullcontext() if context.propagate_exception else transaction.atomic(savepoint=True)


class _WrittenWhenDone(_WrittenOnce):
    """A node that is done in the transaction that reaches it (a gateway, an end): inserted once, already done."""

    @contextmanager
    def _guarded(self):
        """viewflow's exception guard, without the savepoint. Where a failure is kept on the task instead of raised
        (a job's context), the guard has just inserted the task in error: it is linked to the task before it."""
        try:
            with self.exception_guard(), _gateway_savepoint():
                yield
        finally:
            self._link_previous()

    @Activation.status.super()
    def complete(self):
        _complete(self, self._insert_linked)

    def _insert_linked(self, task):
        _insert(task)
        self._link_previous(collected=True)


class _IfActivation(_WrittenWhenDone, IfActivation):
    @Activation.status.super()
    def activate(self):
        with self._guarded():
            self._condition_result = self.flow_task._condition(self)


class _SwitchActivation(_WrittenWhenDone, SwitchActivation):
    @Activation.status.super()
    def activate(self):
        with self._guarded():
            for node, cond in self.flow_task._branches:
                if cond is None:
                    self.next_task = node  # the default: taken if no case after it holds
                elif cond(self):
                    self.next_task = node
                    break
            if not self.next_task:
                raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class _EndActivation(_WrittenWhenDone, EndActivation):
    """viewflow's end, without its savepoint (see ``_gateway_savepoint``), and the process finished by one update of
    its own row (saving the whole ``DossierProcess`` would also rewrite the unchanged link to the dossier)."""

    @Activation.status.super()
    def activate(self):
        with self._guarded():
            self.task.started = now()
            task_started.send(sender=self.flow_class, process=self.process, task=self.task)
            finished = _one_path(self.flow_class) or not self._others_open()
            if finished:
                self.process.status = STATUS.DONE
                self.process.finished = now()
                self.process.save(update_fields=["status", "finished"])
            task_finished.send(sender=self.flow_class, process=self.process, task=self.task)
            if finished:
                flow_finished.send(sender=self.flow_class, process=self.process, task=self.task)

    def _others_open(self):
        others = self.flow_class.task_class._default_manager.filter(process=self.process, finished__isnull=True)
        if self.task.pk is not None:
            others = others.exclude(pk=self.task.pk)
        return others.exists()


# The node kinds that pass one token on: a start, a task, a gateway that takes one branch, an end.
_ONE_PATH_NODES = (flow.StartHandle, flow.View, flow.Handle, AbstractJob, flow.If, flow.Switch, flow.End)


@functools.cache
def _one_path(flow_class):
    """A flow made only of nodes that pass one token on (no split, join, event or timer) has one task open at a
    time: the end that is reached leaves no other, and need not look for one."""
    return all(isinstance(node, _ONE_PATH_NODES) for node in flow_class.instance.nodes())


class _StartActivation(_LinksTogether, StartHandleActivation):
    @Activation.status.super()
    def execute(self):
        """viewflow's start, in the caller's transaction without a savepoint of its own, and without locking the
        process it has just inserted: nobody else sees that row before this transaction commits (issue 18)."""
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        with transaction.atomic(savepoint=False), links_together():  # its task inserted with the first step's
            self.process.save()
            self.complete()
            flow_started.send(sender=self.flow_class, process=self.process, task=self.task)
            self.activate_next()

    @Activation.status.transition(source=STATUS.NEW, target=STATUS.DONE)
    def complete(self):
        _complete(self, _insert)


class StartHandle(flow.StartHandle):
    activation_class = _StartActivation


class If(flow.If):
    activation_class = _IfActivation


class Switch(flow.Switch):
    activation_class = _SwitchActivation


class End(flow.End):
    activation_class = _EndActivation
