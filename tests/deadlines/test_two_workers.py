"""Two real Celery worker processes on Redis run the sweep many times at once: every reminder goes out once."""

import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.utils import timezone

from domain.deadlines.models import Reminder, TaskDeadline
from ground.notifications.models import Notification
from tests.conftest import _xdist_index
from tests.deadlines.smtp import SMTPServer
from tests.helpers import nominate, submit, wait_for
from tests.workers import start_workers, stop_workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


@pytest.fixture
def smtp_server():
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def celery_workers(redis_url, smtp_server, jobs_reach_workers):
    """Start N real worker processes on their own queue (so no other test's worker takes the messages)."""
    queue = f"deadlines-test-{_xdist_index()}"  # on this process's Redis database (tests/conftest.py)
    started = []

    def start(n):
        env = {
            "REDIS_URL": redis_url,
            "CELERY_QUEUE": queue,
            "DEADLINE_SWEEP_BATCH": "2",  # small batches, so both workers' sweeps share the due tasks
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        }
        procs, logs = start_workers([f"dl{i}-{queue}" for i in range(n)], env=env, log_prefix="test-deadline-worker")
        started.extend(procs)
        return queue, logs

    yield start
    stop_workers(started)


def test_two_workers_sweeping_at_once_send_each_reminder_once(client, people, celery_workers, smtp_server, redis_url):
    from domain.deadlines.tasks import sweep

    dossiers = []
    for dept in ("llcs",):
        head = people[f"truongkhoa.{dept}"]
        for person in people["depts"][dept].staff.filter(user__isnull=True)[:3]:
            for award in ("LDTT", "CSTDCS"):
                dossier = nominate(client, head, award=award, person=person)
                assert submit(client, head, dossier).status_code == 302
                dossiers.append(dossier)
    assert TaskDeadline.objects.count() == len(dossiers) == 6
    now = timezone.now()
    # Every task arrived a month ago and is long overdue: one reminder to the secretariat, one escalation each.
    TaskDeadline.objects.update(
        started_at=now - timedelta(days=40),
        due_at=now - timedelta(days=20),
        next_reminder_at=now - timedelta(minutes=1),
    )
    queue, logs = celery_workers(2)
    for _ in range(20):
        sweep.apply_async(queue=queue)
    expected = 2 * len(dossiers)
    assert wait_for(lambda: len(smtp_server.messages) >= expected), f"{len(smtp_server.messages)} mails; see {logs}"
    broker = redis.Redis.from_url(redis_url)
    assert wait_for(lambda: broker.llen(queue) == 0)
    time.sleep(1)  # let any straggling sweep or delivery finish: nothing more may arrive

    assert Reminder.objects.count() == expected
    assert Notification.objects.count() == expected
    assert set(Notification.objects.values_list("email_status", flat=True)) == {"sent"}
    mails = [(tuple(rcpts), str(m["Subject"]).strip()) for rcpts, m in smtp_server.messages]
    assert len(mails) == expected and len(set(mails)) == expected
    assert {r for r, _s in mails} == {
        ("thuongtruc@truongchinhtri.laichau.example",),
        ("hieutruong@truongchinhtri.laichau.example",),
    }
    assert all(d.events.filter(action="task_escalated").count() == 1 for d in dossiers)
    # Both workers took part in the sweeping.
    assert all("domain.deadlines.tasks.sweep" in Path(log).read_text() for log in logs)
