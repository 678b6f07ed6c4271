"""Fault: the embedded default (SQLite) with a web server and a Celery worker writing at the same time. The worker
marks a few hundred notifications sent while the web server signs people in (session, last login, audit events,
failures) from several threads: every request answers, no task fails, nothing says "database is locked"."""

import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.conftest import ROOT, _free_port, _wait_port

pytestmark = [pytest.mark.services, pytest.mark.fault]

SETUP = """
from django.contrib.auth import get_user_model
from ground.notifications.models import Notification
users = [get_user_model().objects.create_user(f"u{n}", f"u{n}@example.vn", "Mat-khau-dai-2026") for n in range(8)]
Notification.objects.bulk_create(
    Notification(recipient=users[n % 8], kind="test", title=f"T{n}", body="B", email_status=Notification.Email.PENDING)
    for n in range(N)
)
"""
SEND = """
from ground.notifications.models import Notification
from ground.notifications.tasks import deliver_notifications
ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
for start in range(0, len(ids), 10):
    deliver_notifications.delay(ids[start:start + 10])
"""
COUNT = """
import sys
from ground.notifications.models import Notification
from ground.audit.services import audit_verify
pending = Notification.objects.exclude(email_status=Notification.Email.SENT).count()
chain = audit_verify()
sys.stdout.write(f"{pending} {chain['events']} {int(chain['ok'])}\\n")
"""


def test_web_and_worker_write_at_once_on_sqlite_without_an_error(tmp_path, migrated_sqlite):
    env = {**migrated_sqlite, "LOGIN_FAILURE_LIMIT": "1000"}

    def manage(*args, script=None):
        cmd = [sys.executable, "manage.py", *args] + (["-c", script] if script else [])
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    (tmp_path / "broker" / "queue").mkdir(parents=True)
    (tmp_path / "broker" / "processed").mkdir(parents=True)
    manage("shell", script=SETUP.replace("N)", "400)"))
    port = _free_port()
    web_log, worker_log = (tmp_path / "web.log").open("w"), (tmp_path / "worker.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--threads", "4"],
        cwd=ROOT,
        env=env,
        stdout=web_log,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=threads", "-c", "4", "-l", "info"],
        cwd=ROOT,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_port("127.0.0.1", port, timeout=60)
        manage("shell", script=SEND)  # 40 messages: the worker writes while the web server does
        statuses, lock = [], threading.Lock()

        def sign_in(n):
            for round_ in range(6):
                session = requests.Session()
                url = f"http://127.0.0.1:{port}/accounts/login/"
                page = session.get(url, timeout=60)
                password = "Mat-khau-dai-2026" if round_ % 2 == 0 else "sai"
                data = {"username": f"u{n}", "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]}
                answer = session.post(url, data=data, headers={"Referer": url}, timeout=60, allow_redirects=False)
                with lock:
                    statuses.extend([page.status_code, answer.status_code])

        threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            pending, events, chain_ok = map(int, manage("shell", script=COUNT).strip().splitlines()[-1].split())
            if pending == 0:
                break
            time.sleep(1)
    finally:
        for proc in (web, worker):
            proc.terminate()
        for proc in (web, worker):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        web_log.close()
        worker_log.close()
    logs = (tmp_path / "web.log").read_text() + (tmp_path / "worker.log").read_text()
    assert "database is locked" not in logs
    assert "No hostname was supplied" not in logs  # kombu's warning at each start of the file-system broker
    assert set(statuses) <= {200, 302}, sorted(set(statuses))
    assert statuses.count(302) == 8 * 3  # every right password signed in
    assert pending == 0, logs[-3000:]
    assert events >= 8 * 3 and chain_ok  # the audit chain, linked by many writers of one SQLite file, verifies
    assert " ERROR " not in logs and "Traceback" not in logs, logs[-3000:]
