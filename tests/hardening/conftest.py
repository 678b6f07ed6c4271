"""The API's fixtures (clients with a real token per role, throttle counters of their own) serve these tests too; the
embedded default's tests start from one SQLite file migrated once per run."""

import fcntl
import os
import shutil
import subprocess
import sys

import pytest

from tests.api.conftest import _own_throttle_counters, api  # noqa: F401
from tests.conftest import ROOT
from tests.province_exchange.test_redis_down import own_broker, own_redis  # noqa: F401


def sqlite_env(tmp_path):
    """The environment of ``make run``'s embedded default (SQLite, file-system broker, no Redis) in ``tmp_path``."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL", "CACHE_URL")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", VAR_DIR=str(tmp_path), EMAIL_URL="consolemail://")
    return env


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory, worker_id):
    """A SQLite file with every migration applied, made once per run (the parallel workers share it: migrating takes
    some 40 s, all of it the migrations' model states, the same for every copy)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # this run's directory, above the workers' own
    made = shared / "migrated.sqlite3"
    with open(shared / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits for the file, then copies it
        if not made.exists():
            work = shared / "migrating"
            work.mkdir(exist_ok=True)
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                cwd=ROOT,
                env=sqlite_env(work),
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
            (work / "db.sqlite3").rename(made)  # migrate has ended: its WAL is checkpointed into the file
    return made


@pytest.fixture
def migrated_sqlite(_migrated_sqlite, tmp_path):
    """``sqlite_env(tmp_path)`` whose database is a fresh copy of the run's migrated file."""
    shutil.copyfile(_migrated_sqlite, tmp_path / "db.sqlite3")
    return sqlite_env(tmp_path)
