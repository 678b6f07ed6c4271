"""Process services: the entry points of the UI, the API and Celery for everything that moves a dossier.

Each opens the flow's lock (select_for_update on the process row) and a transaction, checks the
one policy of its action, calls the domain service, and lets viewflow move to the next step.
"""

import logging
import random
import time
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from domain.council.services.sessions import ballot_withdraw_pending
from domain.dossiers import policies
from domain.dossiers.models import Dossier, DossierStatus, IssuedDocument
from domain.dossiers.services import dossiers as dossier_svc
from domain.dossiers.steps import STEPS
from domain.province import policies as province_policies
from domain.province import services as province
from ground.audit.models import AuditEvent
from ground.audit.services import record_event
from ground.base import errors
from ground.base.kept import kept
from ground.notifications.services import notifications_together
from ground.organisation.people import people_read_once

from . import outcomes
from .flows import DossierFlow
from .models import DossierProcess
from .nodes import links_together
from .policies import can_claim, can_complete, can_release
from .steps import step_run

log = logging.getLogger(__name__)


def flow_tasks():
    """Tasks read with their process as the flow sees it (``DossierProcess``, joined): an activation made from one
    reads nothing more (viewflow would read the process, then its dossier process)."""
    return Task.objects.select_related("process__dossierprocess")


class _LockRefused(Exception):
    """One attempt at the flow's lock found it held by another transaction (NOWAIT)."""


def _backoff(attempt):
    return ((attempt + 1) * random.random() + 2**attempt) / 2.5  # viewflow's SelectForUpdateLock's


@contextmanager
def flow_lock(read):
    """The flow's lock, as viewflow's ``SelectForUpdateLock`` takes it (a few NOWAIT attempts with backoff, each in
    its own transaction, or savepoint in a caller's), then ``Busy``: a clear, translated answer.

    ``read()`` runs a ``select_for_update(nowait=True)`` that takes the process row (``DossierProcess``, the row
    viewflow's lock takes) with whatever the step reads with it, so that the lock costs no statement of its own, and
    returns its first row, or None; ``flow_lock`` yields that.
    """
    for attempt in range(LOCK_ATTEMPTS):
        try:
            with transaction.atomic():  # the step's own transaction: its work is in it
                try:
                    found = read()
                except DatabaseError as exc:
                    raise _LockRefused() from exc
                yield found
                return
        except _LockRefused as exc:
            if attempt == LOCK_ATTEMPTS - 1:
                raise errors.Busy() from exc.__cause__
            time.sleep(_backoff(attempt))


@contextmanager
def process_lock(process_pk):
    """The flow's lock on one process."""
    query = DossierProcess.objects.filter(pk=process_pk).select_for_update(nowait=True).values("pk")
    with flow_lock(lambda: _first(query)):
        yield


@contextmanager
def task_lock(user, task_id):
    """The flow's lock taken through a task; yields ``(task, dossier)``.

    One statement locks the process row and the task's own row and reads the task with its process and owner (the
    task's row is locked too so that it is read as the last step that held the lock left it); a second reads the
    dossier, locked (``_dossier_of``). A task that is not a dossier's, or whose dossier ``user`` may not see, is
    hidden (404).
    """
    with _task_locked(task_id) as task:
        yield task, _dossier_of(user, task)


_TASK_LOCKED = kept(
    lambda pk: (
        flow_tasks()
        .select_related("owner")
        .filter(pk=pk, process__dossierprocess__isnull=False)  # an inner join: its row can be locked
        .select_for_update(nowait=True, of=("self", "process__dossierprocess"))
        .order_by()[:1]
    ),
    pk=int,
)


def _first(query):
    return next(iter(query.order_by()[:1]), None)


@contextmanager
def _task_locked(task_id):
    """The flow's lock and the task's own row (one statement, compiled once); yields the task, read with its process
    and owner."""
    with flow_lock(lambda: _TASK_LOCKED.first(pk=task_id)) as task:
        if task is None:
            raise errors.NotVisible()
        yield task


LOCK_ATTEMPTS = 5


@contextmanager
def processes_lock(process_pks):
    """The flow's lock on many processes at once (a session's conclusion, a batch document), in one transaction.

    One statement takes every row in key order, the order every path takes them in, so two batches cannot deadlock;
    a process busy in another step is waited for as the flow's own lock waits (a few NOWAIT attempts with backoff),
    then ``Busy``. Each attempt has a savepoint so that a refused one leaves the transaction usable.
    """
    pks = sorted(set(process_pks))
    rows = DossierProcess.objects.filter(pk__in=pks).order_by("pk").select_for_update(nowait=True)
    with transaction.atomic():
        for attempt in range(LOCK_ATTEMPTS):
            try:
                with transaction.atomic():
                    list(rows.values_list("pk", flat=True))
                break
            except DatabaseError as exc:
                if attempt == LOCK_ATTEMPTS - 1:
                    raise errors.Busy() from exc
                time.sleep(_backoff(attempt))
        yield


def _task_read(user, task_id):
    """The task, and its dossier locked; hidden (404) from whoever may not see its dossier."""
    task = flow_tasks().select_related("owner").filter(pk=task_id).first()
    if task is None or task.process.flow_class != DossierFlow:
        raise errors.NotVisible()
    return task, _dossier_of(user, task)


def _dossier_of(user, task):
    """The task's dossier: its row locked (its own row only) and read with what the steps need, in one query."""
    dossier = dossier_svc.dossier_locked(task.process.dossierprocess.dossier_id)
    if user is not None and not policies.can_view_dossier(user, dossier):
        raise errors.NotVisible()
    task.process.coerced.dossier = dossier  # the task's policies see this row: not read, nor checked, again
    return dossier


def hand_over(activation, dossier):
    """The gateway after this step routes on ``dossier``, the very instance the step changed and saved under the
    lock: not read again (``flows._dossier``). What it was not read with (its award, its period for a deadline) is
    read when a condition or the next node needs it."""
    activation.process._step_dossier = dossier


def finish_task(activation, actor):
    """``actor`` takes the task and does it, in this transaction: the task row is written once, done.

    viewflow's assign (and, for a task someone else had taken, unassign) would each write the row once more just
    before; here the owner is set in memory, as assign sets it, and saved with the rest. The callers have checked
    who may act; the batch signature and the province's answer take the task from whoever held it.
    """
    task = activation.task
    task.owner = actor
    task.status = STATUS.ASSIGNED  # assign's target: start() goes on from here
    activation.start(None)
    activation.execute()


def _refuse_if_not_open(task, user, dossier):
    if task.status in (STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED):
        raise errors.TaskDone()
    if task.owner_id and task.owner_id != user.pk:
        # "Taken by someone else" only for those who could have taken it; the others may not act at all.
        if not policies.can_act_on_step(user, task.owner_permission, dossier):
            raise errors.NotAllowed()
        name = task.owner.get_full_name() or task.owner.get_username()
        raise errors.TaskTaken(_("This task has already been taken by %(name)s.") % {"name": name})


def require_may_complete(*, acting_user, task_id):
    """Permission before validation: the refusals of ``task_complete`` that do not depend on the body (404, 403,
    409), without its lock; the service repeats them under the lock."""
    with transaction.atomic():
        task, dossier = _task_read(acting_user, task_id)
        _refuse_if_not_open(task, acting_user, dossier)
        if not can_complete(acting_user, task):
            raise errors.NotAllowed()


def task_claim(*, acting_user, task_id):
    """Nhận việc: take a queued task. Taking one's own task again changes nothing."""
    with task_lock(acting_user, task_id) as (task, dossier):
        _refuse_if_not_open(task, acting_user, dossier)
        if task.owner_id == acting_user.pk:
            return task
        if not can_claim(acting_user, task):
            raise errors.NotAllowed()
        task.flow_task.activation_class(task).assign(acting_user)
        record_event(actor=acting_user, action="task_claimed", dossier=dossier, obj=task, step=task.flow_task.name)
    return task


def task_release(*, acting_user, task_id):
    """Trả việc: give a taken task back to its queue."""
    with task_lock(acting_user, task_id) as (task, dossier):
        _refuse_if_not_open(task, acting_user, dossier)
        if not can_release(acting_user, task):
            raise errors.NotAllowed()
        task.flow_task.activation_class(task).unassign()
        record_event(actor=acting_user, action="task_released", dossier=dossier, obj=task, step=task.flow_task.name)
    return task


def task_complete(*, acting_user, task_id, action, comment="", fields=None):
    """Hoàn thành việc: do one of the step's actions. Exactly one of two simultaneous users wins."""
    with task_lock(acting_user, task_id) as (task, dossier):
        _refuse_if_not_open(task, acting_user, dossier)
        if not can_complete(acting_user, task):
            raise errors.NotAllowed()
        step = STEPS[task.flow_task.name]
        if action not in step.actions:
            raise errors.InvalidInput(
                errors={"action": [_("Choose one of: %(actions)s.") % {"actions": ", ".join(step.actions)}]}
            )
        activation = task.flow_task.activation_class(task)
        step_run(step, action, actor=acting_user, dossier=dossier, comment=comment, fields=fields or {})
        hand_over(activation, dossier)
        finish_task(activation, acting_user)
    return task


def waiting_tasks(dossiers, nodes, statuses=(STATUS.NEW,)):
    """``{dossier id: its task waiting at one of the nodes}`` for many dossiers, in one query."""
    tasks = flow_tasks().filter(
        process__dossierprocess__dossier__in=[d.pk for d in dossiers],
        flow_task__in=[getattr(DossierFlow, node) for node in nodes],
        status__in=statuses,
    )
    return {task.process.dossierprocess.dossier_id: task for task in tasks}


def waiting_activations(dossiers, nodes, statuses=(STATUS.NEW,)):
    """Each dossier with the activation of its task waiting at one of ``nodes`` (the tasks read together); a dossier
    without one is not at that step (``InvalidTransition``)."""
    waiting = waiting_tasks(dossiers, nodes, statuses)
    for dossier in dossiers:
        task = waiting.get(dossier.pk)
        if task is None:
            raise errors.InvalidTransition()
        yield dossier, task.flow_task.activation_class(task)


def open_task(dossier, step_name):
    """The dossier's human task at ``step_name``, waiting or taken, or None."""
    return waiting_tasks([dossier], [step_name], statuses=[STATUS.NEW, STATUS.ASSIGNED]).get(dossier.pk)


_DRAFT_LOCKED = kept(
    lambda pk: (
        Dossier.objects.select_for_update(of=("self",), no_key=True)
        .select_related("award", "organisation", "period")  # what the first task's deadline reads
        .filter(pk=pk, status=DossierStatus.DRAFT)
        .order_by()
    ),
    pk=int,
)


def dossier_submit(*, acting_user, dossier_id, comment=""):
    """Nộp hồ sơ: a draft starts the process; a returned dossier completes its correction task."""
    with transaction.atomic():
        # A draft has no process yet, so no flow lock to take first: its row is locked and read at once.
        draft = _DRAFT_LOCKED.first(pk=dossier_id)
        if draft is not None:
            policies.require_department_action(acting_user, draft)
            dossier_svc.dossier_mark_submitted(acting_user=acting_user, dossier=draft, comment=comment)
            DossierFlow.start.run(dossier=draft)
            return draft
    dossier = Dossier.objects.filter(pk=dossier_id).first()  # not locked: the flow's lock comes first
    if dossier is None:
        raise errors.NotVisible()
    policies.require_department_action(acting_user, dossier)
    if dossier.status != DossierStatus.RETURNED:
        raise errors.InvalidTransition()
    task = open_task(dossier, "correct")
    if task is None:
        raise errors.InvalidTransition()
    task_complete(acting_user=acting_user, task_id=task.pk, action="submit", comment=comment)
    dossier.refresh_from_db()
    return dossier


def dossier_withdraw(*, acting_user, dossier_id, reason):
    """Rút hồ sơ: ends the process with its open tasks cancelled, before the council decides."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        raise errors.NotVisible()
    process = DossierProcess.objects.filter(dossier=dossier).first()
    if process is None:
        with transaction.atomic():
            dossier = Dossier.objects.select_for_update(of=("self",), no_key=True).get(pk=dossier_id)
            dossier_svc.dossier_withdraw(acting_user=acting_user, dossier=dossier, reason=reason)
        return dossier
    with process_lock(process.pk):
        dossier = Dossier.objects.select_for_update(of=("self",), no_key=True).get(pk=dossier_id)
        dossier_svc.dossier_withdraw(acting_user=acting_user, dossier=dossier, reason=reason)
        ballot_withdraw_pending(dossier)  # refused (all of it rolled back) once the council votes on it
        DossierFlow.instance.cancel(process)
    return dossier


# --- the province's answer -------------------------------------------------------------------


def _same_answer(data, result, decision_number, decision_date):
    if data.get("result") != result:
        return False
    if result != "approved":
        return True
    day = decision_date.isoformat() if decision_date else None
    return data.get("decision_number") == (decision_number or "").strip() and data.get("decision_date") == day


def _answered_dossiers(submission):
    """Dossiers locked (their rows only) and read with what the province's answer needs: the nominee, whom the
    award's record and the department's notice name; the answer already recorded for this submission and the
    submission the answer must be to (both are written under the flow's lock, held by the caller: this statement
    sees them)."""
    answers = AuditEvent.objects.filter(dossier=OuterRef("pk"), step="record_province", data__submission=submission)
    return (
        Dossier.objects.select_for_update(of=("self",), no_key=True)
        .select_related("award", "organisation", "period", "nominee_person", "nominee_department")
        .annotate(
            answered=Subquery(answers.order_by("-id").values("data")[:1]),
            submission_symbol=outcomes.latest_submission_symbol(),
        )
    )


def _answered_already(dossier, submission, answer):
    """True when this very answer was recorded for the submission (a repeat changes nothing); a different one is a
    conflict, and a submission that did not propose the dossier is refused."""
    if dossier.answered is not None:
        if _same_answer(dossier.answered, answer["result"], answer["decision_number"], answer["decision_date"]):
            return True
        raise errors.Conflict(_("A different decision of the province was already recorded for this submission."))
    if submission != outcomes.dossier_submission_symbol(dossier):
        raise errors.InvalidInput(errors={"submission": [_("This submission letter did not propose this dossier.")]})
    return False


def _answer_record(dossier, activation, *, actor, answer):
    """The record_province step done by the province's answer (a secretary may have taken the task: the province's
    own answer prevails)."""
    fields = {k: answer[k] for k in ("result", "decision_number", "decision_date")}
    try:
        step_run(
            STEPS["record_province"], "record", actor=actor, dossier=dossier, comment=answer["note"], fields=fields
        )
    except errors.InvalidInput as exc:
        exc.errors = {("note" if k == "comment" else k): v for k, v in exc.errors.items()}
        raise
    hand_over(activation, dossier)
    finish_task(activation, actor)


def _answer(result, decision_number, decision_date, note):
    return {"result": result, "decision_number": decision_number, "decision_date": decision_date, "note": note}


def province_decision_receive(
    *, actor, dossier_reference, submission, result, decision_number="", decision_date=None, note=""
):
    """The province's system answers a forwarded dossier: it completes the waiting record_province step.

    Idempotent: the same answer for the same submission again changes nothing (returns created=False);
    a different answer to an already answered submission is a conflict. Returns (dossier, created).
    """
    policies.require_province_client(actor)
    answer = _answer(result, decision_number, decision_date, note)
    # The flow's lock, found by the dossier's reference: one statement.
    found = DossierProcess.objects.filter(dossier__reference=dossier_reference).values("pk", "dossier_id")
    with flow_lock(lambda: _first(found.select_for_update(nowait=True, of=("self",)))) as process:
        if process is None:
            raise errors.NotVisible()
        dossier = _answered_dossiers(submission).get(pk=process["dossier_id"])
        if _answered_already(dossier, submission, answer):
            return dossier, False
        task = open_task(dossier, "record_province")
        if task is None:
            raise errors.InvalidTransition()
        _answer_record(dossier, task.flow_task.activation_class(task), actor=actor, answer=answer)
    return dossier, True


def province_letter_decision_receive(*, actor, submission, result, decision_number="", decision_date=None, note=""):
    """The province answers a whole submission letter at once (one decision naming everyone it proposed): the same
    answer for each of its dossiers, in one transaction under all their flow locks. A dossier that already has this
    answer is left as it is; a different answer already recorded, or a dossier no longer waiting for the province,
    refuses the whole answer (nothing is recorded). Returns [(dossier, created), ...] in the letter's order."""
    policies.require_province_client(actor)
    answer = _answer(result, decision_number, decision_date, note)
    letter = IssuedDocument.objects.filter(doc_type=IssuedDocument.Type.SUBMISSION, symbol=submission).first()
    if letter is None:
        raise errors.NotVisible()
    with processes_lock(DossierProcess.objects.filter(dossier__issued_documents=letter).values_list("pk", flat=True)):
        dossiers = list(_answered_dossiers(submission).filter(issued_documents=letter).order_by("id"))
        waiting = [d for d in dossiers if not _answered_already(d, submission, answer)]
        activations = waiting_activations(waiting, ["record_province"], [STATUS.NEW, STATUS.ASSIGNED])
        # every dossier's finished task and next ones written together; the departments told together
        with links_together(), notifications_together(), people_read_once():
            for dossier, activation in activations:
                _answer_record(dossier, activation, actor=actor, answer=answer)
    recorded = {d.pk for d in waiting}
    return [(d, d.pk in recorded) for d in dossiers]


# --- the forward-to-province job -------------------------------------------------------------


def job_forward_to_province(task_pk, *, final_attempt=False):
    """Run by Celery (and redelivered at will): send the package, then move the process on once.

    One package per submission letter: the first of its dossiers' jobs sends it and finishes the letter's other jobs
    with its own (``_forwarded``); a job that finds its task done, or the package delivered, finishes at once.
    """
    with _task_locked(task_pk) as task:
        if task.status in (STATUS.DONE, STATUS.CANCELED, STATUS.ERROR):  # delivered again, or done with its letter's
            return
        dossier = _dossier_of(None, task)
        letter = dossier.issued_documents.filter(doc_type="TTr", status="issued").latest("id")
        delivery = province.delivery_for(dossier, letter)
        activation = task.flow_task.activation_class(task)
        if delivery.is_delivered:  # by another dossier's job of the letter
            task.status, task.started = STATUS.STARTED, timezone.now()  # start's change, written once with done
            _forwarded(activation, dossier, delivery)
            return
        activation.start()  # written now: a worker that dies while sending leaves its job started
    try:
        delivery = province.delivery_send(delivery.pk)  # as stored once sent (or found delivered already)
    except province.DeliveryBusy:
        log.info("Delivery %s is being sent by another worker (its lease runs)", delivery.pk)
        return
    except province.TransientDeliveryError as exc:
        if not final_attempt:
            raise
        _job_failed(task_pk, delivery.pk, exc)
        return
    except province.PermanentDeliveryError as exc:
        _job_failed(task_pk, delivery.pk, exc)
        return
    with task_lock(None, task_pk) as (task, dossier):
        if task.status != STATUS.STARTED:
            return
        _forwarded(task.flow_task.activation_class(task), dossier, delivery)


def _forwarded(activation, dossier, delivery):
    """The package is at the province: the dossier is forwarded and its job done (the caller holds its lock); so are
    the letter's other dossiers whose job still waits and whose process is free right now. Their jobs, when they
    run, find their task done; a busy one's own job finishes it (it finds the package delivered)."""
    data = {
        "submission": delivery.submission,
        "idempotency_key": str(delivery.idempotency_key),
        "attempts": delivery.attempts,
    }
    with links_together():  # the letter's finished jobs and next tasks written together
        for one, job in [(dossier, activation), *_waiting_forwards(delivery, besides=activation.task.pk)]:
            dossier_svc.dossier_mark_forwarded(dossier=one, delivery_data=data)
            job.execute()  # on to record_province, whose deadline reads the dossier held by the process


def _waiting_forwards(delivery, *, besides):
    """The other jobs of the delivery's letter not done yet, each with its dossier: one statement reads them and
    locks their processes, tasks and dossiers (their rows only), skipping any that another step holds."""
    tasks = (
        flow_tasks()
        .select_related(
            "process__dossierprocess__dossier__award",
            "process__dossierprocess__dossier__organisation",
            "process__dossierprocess__dossier__period",
        )
        .filter(
            flow_task=DossierFlow.forward,
            status__in=[STATUS.SCHEDULED, STATUS.STARTED],
            process__dossierprocess__dossier__issued_documents=delivery.issued_id,
        )
        .exclude(pk=besides)
        .select_for_update(
            skip_locked=True,
            no_key=True,
            of=("self", "process__dossierprocess", "process__dossierprocess__dossier"),
        )
        .order_by("process_id")
    )
    now = timezone.now()
    for task in tasks:
        if task.status != STATUS.STARTED:  # its job has not run yet: started and done by this one
            task.status, task.started = STATUS.STARTED, now
        yield task.process.dossierprocess.dossier, task.flow_task.activation_class(task)


def _job_failed(task_pk, delivery_id, exc):
    """The last attempt failed, or the province refused the package: an incident for the secretariat."""
    log.warning("Delivery %s to the province failed: %s", delivery_id, exc)
    province.delivery_mark_failed(delivery_id)
    with task_lock(None, task_pk) as (task, dossier):
        if task.status != STATUS.STARTED:
            return
        record_event(
            actor=None, action="forward_failed", dossier=dossier, step="forward", data={"error": str(exc)[:500]}
        )
        task.flow_task.activation_class(task).error(exc)
        province.incident_notify(dossier, error=str(exc)[:300])


def delivery_retry(*, acting_user, dossier_id):
    """Gửi lại: the secretariat sends a failed package again, by hand (same package, same Idempotency-Key)."""
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        raise errors.NotVisible()
    policies.require_view(acting_user, dossier)
    province_policies.require_manage_exchange(acting_user)
    process = DossierProcess.objects.filter(dossier=dossier).first()
    failed = Task.objects.filter(process=process, flow_task_type="JOB", status=STATUS.ERROR).order_by("-id").first()
    if failed is None:
        raise errors.Conflict(_("Nothing to send again: the package is not in a failed state."))
    with process_lock(process.pk):
        failed = Task.objects.select_for_update(of=("self",), no_key=True).get(pk=failed.pk)
        if failed.status != STATUS.ERROR:
            raise errors.Conflict()
        province.delivery_reopen(dossier)
        record_event(actor=acting_user, action="forward_retried", dossier=dossier, step="forward", obj=failed)
        failed.flow_task.activation_class(failed).revive()  # a new job task, dispatched on commit


def jobs_redispatch_stalled(now=None):
    """Beat, the outbox relay: job tasks are the outbox rows (written with the change that caused them).

    A job never picked up (SCHEDULED for JOB_DISPATCH_GRACE: the broker was down at commit, or lost the message) or
    started and then silent (no delivery attempt for JOB_STALL_SECONDS: a worker died) is dispatched again, unless
    a worker's lease on its delivery still runs (it is being sent); a job waiting out its retry backoff is left
    alone. Jobs are idempotent and the lease lets one worker send at a time, so a duplicate message sends nothing.
    """
    now = now or timezone.now()
    grace = now - timedelta(seconds=settings.JOB_DISPATCH_GRACE)
    stall = now - timedelta(seconds=settings.JOB_STALL_SECONDS)
    jobs = Task.objects.filter(flow_task_type="JOB")
    waiting = jobs.filter(status=STATUS.SCHEDULED, created__lt=grace)
    silent = (
        jobs.filter(status=STATUS.STARTED, created__lt=stall)
        .exclude(process__dossierprocess__dossier__issued_documents__deliveries__attempt_log__at__gte=stall)
        .exclude(process__dossierprocess__dossier__issued_documents__deliveries__lease_until__gt=now)
    )
    due = list((waiting | silent).values_list("pk", "flow_task").distinct())
    sent = 0
    for task_pk, flow_task in due:
        try:
            flow_task.dispatch(task_pk)
            sent += 1
        except Exception:  # noqa: BLE001 — the broker is still down: the next sweep tries again
            log.warning("Could not dispatch job %s; will retry on the next sweep", task_pk, exc_info=True)
    return sent
