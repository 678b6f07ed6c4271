"""Per-dossier steps lock only their own rows: four threads moving different dossiers of one period at once never
wait on each other (``lock_timeout`` is set low on every connection), never deadlock, and the audit chain verifies.
"""

import threading
import time

import pytest
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from viewflow.workflow.models import Task

from domain.dossiers.models import DossierStatus
from domain.dossiers.services import documents
from domain.dossiers.services import dossiers as dossier_svc
from ground.audit import services as audit_services
from ground.audit.models import AuditEvent
from ground.audit.services import audit_verify
from ground.organisation.models import StaffMember
from process.workflows import services as process
from tests.helpers import PDF

pytestmark = pytest.mark.django_db(transaction=True)

LOCK_TIMEOUT = "150ms"  # far below any step's length: a wait on another dossier's transaction fails the step


def _draft(people, head, i):
    person = StaffMember.objects.create(
        organisation=people["org"], department=head.staff.department, full_name=f"Giảng viên song song {i}"
    )
    dossier = dossier_svc.dossier_create(
        acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
    )
    documents.document_upload(
        acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
    )
    return dossier


def _check_task(dossier):
    return Task.objects.get(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")


def _low_lock_timeout():
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")


def _run_threads(targets):
    errors = []

    def run(fn):
        try:
            _low_lock_timeout()
            fn()
        except Exception as exc:  # noqa: BLE001 — collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(fn,)) for fn in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_four_threads_move_different_dossiers_of_one_period_without_waiting(people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    drafts = [_draft(people, head, i) for i in range(4)]
    barrier = threading.Barrier(4)

    def move(dossier):
        def steps():
            barrier.wait()
            process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
            task = _check_task(dossier)
            process.task_claim(acting_user=sec, task_id=task.pk)
            process.task_complete(acting_user=sec, task_id=task.pk, action="return", comment="Thiếu minh chứng")
            documents.document_upload(
                acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=ContentFile(PDF, "2.pdf")
            )
            process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
            process.task_complete(acting_user=sec, task_id=_check_task(dossier).pk, action="accept")

        return steps

    errors = _run_threads([move(d) for d in drafts])
    assert errors == []
    for dossier in drafts:
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.ACCEPTED
        assert dossier.events.filter(action="completeness_accepted").count() == 1
    assert audit_verify() == {"ok": True, "events": AuditEvent.objects.count(), "first_broken": None}


def test_a_step_left_open_blocks_no_other_dossier(people):
    """One secretary's step is still in its transaction (its rows locked, its events written but not committed);
    three others accept three other dossiers of the same period meanwhile, with a low lock_timeout."""
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossiers = [_draft(people, head, i) for i in range(4)]
    for dossier in dossiers:
        process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
    tasks = [_check_task(d).pk for d in dossiers]
    inside, release = threading.Event(), threading.Event()

    def held():
        with transaction.atomic():
            process.task_complete(acting_user=sec, task_id=tasks[0], action="accept")
            inside.set()
            assert release.wait(30)

    def other(task_id):
        def step():
            assert inside.wait(30)
            process.task_complete(acting_user=sec, task_id=task_id, action="accept")

        return step

    holder = threading.Thread(target=lambda: _run_threads([held]))
    holder.start()
    try:
        errors = _run_threads([other(t) for t in tasks[1:]])
    finally:
        release.set()
        holder.join(30)
    assert errors == []
    for dossier in dossiers:
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.ACCEPTED
    result = audit_verify()
    assert result["ok"], result


def test_a_commit_waits_its_turn_on_the_chain_past_a_low_lock_timeout(people):
    """The chain's lock is held by another transaction for its insert and commit only; a step whose work is done
    waits for it even where the session refuses to wait on rows for more than 150 ms (a slow disk write on a busy
    machine must not throw the finished step away)."""
    head = people["truongkhoa.llcs"]
    holding = threading.Event()

    def commit_slowly():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT audit_chain_head(%s)", [audit_services._CHAIN_LOCK])
            holding.set()
            time.sleep(0.6)  # four times the lock_timeout below

    holder = threading.Thread(target=lambda: _run_threads([commit_slowly]))
    holder.start()
    assert holding.wait(30)
    errors = _run_threads([lambda: _draft(people, head, 9)])  # two steps, each recording an event
    holder.join(30)
    assert errors == []
    assert StaffMember.objects.filter(full_name="Giảng viên song song 9").exists()
    assert audit_verify()["ok"]
