"""The posting sweep run by two real Celery workers at once: every dossier moves on to the principal exactly once."""

from datetime import timedelta

import pytest
import redis
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council.models import PostingEntry
from domain.dossiers.models import DossierStatus
from ground.audit.models import AuditEvent
from interfaces.demo.seed import run_session
from tests.conftest import _xdist_index
from tests.helpers import wait_for
from tests.workers import start_workers, stop_workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


def test_two_workers_closing_postings_at_once_move_each_dossier_once(
    people, accepted, staff, redis_url, jobs_reach_workers
):
    from process.workflows.tasks import close_postings

    dossiers = [accepted("LDTT", person=p) for p in staff("llcs")] + [
        accepted("LDTT", dept="xdd", person=p) for p in staff("xdd")
    ]
    run_session(people["thuongtruc"], dossiers)
    PostingEntry.objects.update(closes_at=timezone.now() - timedelta(minutes=1))  # every window has just ended
    queue = f"council-test-{_xdist_index()}"
    procs, logs = start_workers(
        [f"c{i}-{queue}" for i in range(2)],
        env={"CELERY_QUEUE": queue, "REDIS_URL": redis_url},
        log_prefix="test-council-worker",
    )
    try:
        for _ in range(10):
            close_postings.apply_async(queue=queue)
        ids = [d.pk for d in dossiers]
        done = lambda: all(  # noqa: E731
            s == DossierStatus.APPROVED
            for s in type(dossiers[0]).objects.filter(pk__in=ids).values_list("status", flat=True)
        )
        assert wait_for(done), f"see {logs}"
        broker = redis.Redis.from_url(redis_url)
        assert wait_for(lambda: broker.llen(queue) == 0)
    finally:
        stop_workers(procs)
    for dossier in dossiers:
        assert AuditEvent.objects.filter(dossier=dossier, action="posting_closed").count() == 1
        signs = Task.objects.filter(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")
        assert [t.flow_task.name for t in signs] == ["sign_decision"]
    assert PostingEntry.objects.filter(closed_at__isnull=True).count() == 0
