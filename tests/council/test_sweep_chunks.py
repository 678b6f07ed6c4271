"""The posting sweep, set-based: chunks of entries per transaction; a busy dossier is skipped without waiting, a
faulty one does not hold back the others of its chunk."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council.models import PostingEntry
from domain.dossiers.models import DossierStatus
from ground.audit.models import AuditEvent
from ground.audit.services import audit_verify
from ground.base import errors
from interfaces.demo.seed import run_session
from process.workflows import council
from process.workflows.models import DossierProcess

pytestmark = pytest.mark.django_db(transaction=True)


def _posted(people, accepted, staff, n):
    dossiers = [accepted("LDTT", person=p) for p in staff("llcs")[:n]]
    run_session(people["thuongtruc"], dossiers)
    PostingEntry.objects.update(closes_at=timezone.now() - timedelta(minutes=1))  # every window has just ended
    return dossiers


def _status(dossier):
    dossier.refresh_from_db()
    return dossier.status


def _waiting(dossier):
    return [
        t.flow_task.name
        for t in Task.objects.filter(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")
    ]


def test_a_busy_dossier_is_skipped_without_waiting_and_closed_by_the_next_sweep(people, accepted, staff, monkeypatch):
    monkeypatch.setattr(council, "SWEEP_CHUNK", 2)  # three dossiers: two chunks
    busy, *others = _posted(people, accepted, staff, 3)
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def another_step():  # another step of the busy dossier holds its flow lock (the process row)
        try:
            with transaction.atomic():
                DossierProcess.objects.select_for_update().get(dossier=busy)
                held.set()
                release.wait(30)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=another_step)
    thread.start()
    try:
        assert held.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")  # waiting on the busy row would raise
        assert council.postings_close_due() == 2
    finally:
        release.set()
        thread.join(30)
    assert done.is_set()
    assert [_status(d) for d in others] == [DossierStatus.APPROVED] * 2
    assert _status(busy) == DossierStatus.POSTED and busy.postings.get().closed_at is None
    assert council.postings_close_due() == 1  # the next sweep
    assert _status(busy) == DossierStatus.APPROVED and _waiting(busy) == ["sign_decision"]
    assert council.postings_close_due() == 0  # idempotent
    assert AuditEvent.objects.filter(action="posting_closed").count() == 3
    assert audit_verify()["ok"]


def test_a_faulty_dossier_does_not_hold_back_the_others_of_its_chunk(people, accepted, staff):
    first, faulty, last = _posted(people, accepted, staff, 3)
    # Its posting task is gone (say, cancelled by hand in the admin): the flow refuses to move it.
    Task.objects.filter(process__dossierprocess__dossier=faulty, flow_task_type="FUNCTION", status="NEW").update(
        status="CANCELED"
    )
    with pytest.raises(errors.InvalidTransition):
        council.postings_close_due()
    for dossier in (first, last):  # moved, each in its own transaction once the chunk had failed
        assert _status(dossier) == DossierStatus.APPROVED and _waiting(dossier) == ["sign_decision"]
    assert _status(faulty) == DossierStatus.POSTED and faulty.postings.get().closed_at is None  # nothing half-done
    assert AuditEvent.objects.filter(action="posting_closed").count() == 2
    assert audit_verify()["ok"]
