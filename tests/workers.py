"""Real Celery worker processes for the tests that depend on them (no in-process or eager shortcuts)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def point_celery_at(url, *, key_prefix=""):
    """Send this process's Celery messages to ``url`` from now on (under ``key_prefix``: where no worker reads). The
    producer pools are made for one broker URL and kept: forget them, so the next message opens a new connection."""
    from config.celery import app

    app.conf.broker_url = url
    app.conf.broker_transport_options = {
        "visibility_timeout": 3600,
        **({"global_keyprefix": key_prefix} if key_prefix else {}),
    }
    app._pool = None
    app.amqp._producer_pool = None


def celery_target():
    """Where this process's Celery messages go now: (broker URL, key prefix), for ``point_celery_at`` to go back."""
    from config.celery import app

    return app.conf.broker_url, app.conf.broker_transport_options.get("global_keyprefix", "")


def database_url():
    """The URL of the test database this process uses, for a subprocess to open the same one."""
    db = connection.settings_dict
    auth = f"{db['USER']}:{db['PASSWORD']}" if db.get("PASSWORD") else db["USER"]
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_workers(names, *, env, log_prefix, timeout=90):
    """Start one solo-pool worker per name with ``env`` added; wait until each says ready. Returns (procs, logs).

    The wait is generous: on a loaded 2-core machine a worker can take half a minute to import Django and Celery."""
    procs, logs = [], []
    for name in names:
        log = ROOT / "var" / f"{log_prefix}-{name}.log"
        logs.append(log)
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info"]
                + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{name}@%h"],
                cwd=ROOT,
                # the test process's cache: both see the same reference tables' generations (ground.base.reference)
                env={**os.environ, "DATABASE_URL": database_url(), "CACHE_URL": settings.CACHE_URL, **env},
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    deadline = time.monotonic() + timeout
    while not all("ready." in log.read_text() for log in logs):
        if any(p.poll() is not None for p in procs) or time.monotonic() > deadline:
            stop_workers(procs)
            raise RuntimeError(f"a Celery worker did not start; see {', '.join(map(str, logs))}")
        time.sleep(0.2)
    return procs, logs


def stop_workers(procs):
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()
