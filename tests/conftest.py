"""Shared fixtures. The suite runs on PostgreSQL and Redis (``make test`` makes sure they run).

A missing service is a failure with a message, never a skip.
"""

import os
import socket
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.db import OperationalError

from ground.base import reference

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        raise pytest.UsageError(
            "The test suite runs on PostgreSQL: run `make test` (it starts PostgreSQL and Redis), "
            "or set DATABASE_URL=postgres://... and REDIS_URL=redis://..."
        )
    if not settings.REDIS_URL:
        raise pytest.UsageError("REDIS_URL is not set: run `make test`, or set REDIS_URL=redis://127.0.0.1:6379/0.")


@pytest.fixture(scope="session", autouse=True)
def _flush_outlasts_a_worker():
    """A transactional test ends with a flush (TRUNCATE of every table), which may meet this process's Celery worker
    still finishing a message the test sent (a notification's e-mail, marked sent): PostgreSQL then ends one of the
    two as a deadlock's victim. When that is the flush, it is run again once the worker's short transaction is over,
    rather than leave the test's rows to the next test."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    flush = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        for attempt in range(5):
            try:
                return flush(self, sql_list)
            except OperationalError as exc:
                if getattr(exc.__cause__, "sqlstate", None) != "40P01" or attempt == 4:  # deadlock_detected
                    raise
                time.sleep(0.2 * (attempt + 1))

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = flush


@pytest.fixture(scope="session")
def media_root(tmp_path_factory):
    """One media folder per test process, shared with the Celery worker it starts (which reads signed files)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _fast_passwords(settings, media_root):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = str(media_root)


@pytest.fixture(autouse=True)
def _fresh_reference_tables():
    """Each test reads the reference tables it made (its catalog comes in bulk, its rollback sends no signal)."""
    reference.forget()
    yield
    reference.forget()


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """A local CA and the principal's PKCS#12, made once per test process (RSA keys are slow to make)."""
    from domain.official.pki import issue_signer

    directory = tmp_path_factory.mktemp("pki")
    path, passphrase, _cert = issue_signer(directory, username="hieutruong", full_name="Hiệu trưởng")
    vice = issue_signer(directory, username="phohieutruong", full_name="Phó Hiệu trưởng")[:2]
    seal = issue_signer(directory, username="org-TCT", full_name="Trường Chính trị tỉnh Lai Châu")[:2]
    return {"dir": directory, "ca": directory / "ca.pem", "principal": (path, passphrase), "vice": vice, "seal": seal}


@pytest.fixture
def people(db, pki, settings):
    """The demo school: departments, staff, one login per role (users by username); the principal can sign."""
    from django.apps import apps

    from domain.council.defaults import load_council_rules
    from domain.deadlines.defaults import load_service_levels
    from domain.official.base_salary_data import load_base_salaries
    from domain.official.defaults import load_regime_grounds
    from domain.official.models import OrganisationSeal, SigningCredential
    from domain.records.complaints import load_time_limits
    from ground.organisation.catalog_data import load_catalog
    from interfaces.demo import seed as demo

    # A transactional test's flush removed the migrations' rows: without them a test's deadlines would depend on
    # which test ran before it on its worker (the default level's 5 working days instead of the check's 3).
    load_catalog(apps)
    load_council_rules(apps)
    load_base_salaries(apps)
    load_regime_grounds(apps)
    load_service_levels(apps)
    load_time_limits(apps)
    org, depts, users = demo.seed_people()
    for username, key in (("hieutruong", "principal"), ("phohieutruong", "vice")):
        path, passphrase = pki[key]
        SigningCredential.objects.update_or_create(
            user=users[username], defaults={"pkcs12_path": str(path), "passphrase": passphrase}
        )
    path, passphrase = pki["seal"]
    OrganisationSeal.objects.update_or_create(
        organisation=org, defaults={"pkcs12_path": str(path), "passphrase": passphrase}
    )
    settings.SIGNING_TRUST_ROOTS = [str(pki["ca"])]
    users["org"] = org
    users["depts"] = depts
    return users


def _xdist_index():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw") or 0)


def _free_port():
    """A port of 127.0.0.1 nothing listens on (the socket that found it is closed again)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(host, port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on {host}:{port}")


@pytest.fixture(scope="session")
def redis_url():
    """A Redis database of this xdist worker's own, emptied first.

    ``TEST_REDIS_DB_BASE`` (default 10) lets two checkouts run their suites side by side.
    """
    import redis

    base = urlparse(settings.REDIS_URL)
    db_index = int(os.environ.get("TEST_REDIS_DB_BASE", "10")) + _xdist_index()
    url = f"redis://{base.hostname}:{base.port or 6379}/{db_index}"
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.ConnectionError as exc:
        pytest.fail(f"Redis does not answer at {url} ({exc}): run `make test`, or start redis-server.", pytrace=False)
    return url


@pytest.fixture(scope="session", autouse=True)
def _own_cache(redis_url):
    """This test process's cache in its own Redis database (its workers get the same, ``tests.workers``): processes
    running side by side never see each other's cache, e.g. the reference tables' generations."""
    from django.test.utils import override_settings

    own = override_settings(
        CACHE_URL=redis_url,
        CACHES={"default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": redis_url}},
    )
    own.enable()
    yield
    own.disable()


UNREAD = "unread-"  # the key prefix of the messages no worker reads


@pytest.fixture(scope="session", autouse=True)
def _celery_broker(redis_url):
    """Every message this test process sends goes to its own Redis database, under a key prefix that no worker
    reads: a test's jobs reach a worker only when the test asks for one (``jobs_reach_workers``, or
    ``celery_worker_process``). The session's worker outlives the tests that started it; without this, it would run
    the jobs of a later test that runs them itself, on rows that test is counting or locking."""
    from tests.workers import point_celery_at

    point_celery_at(redis_url, key_prefix=UNREAD)


@pytest.fixture
def jobs_reach_workers(redis_url):
    """This test's Celery messages go where workers read (the session's, or those the test starts)."""
    from tests.workers import point_celery_at

    point_celery_at(redis_url)
    yield
    point_celery_at(redis_url, key_prefix=UNREAD)


@pytest.fixture(scope="session")
def province_stub():
    """The fake province: a real HTTP server on 127.0.0.1."""
    from domain.province.stub import ProvinceStub

    stub = ProvinceStub(secret=settings.PROVINCE_SECRET).start()
    yield stub
    stub.stop()


@pytest.fixture(scope="session")
def _session_worker(django_db_setup, django_db_blocker, redis_url, province_stub, media_root):
    """A real Celery worker process on Redis, on this xdist worker's test database."""
    from tests.workers import start_workers, stop_workers

    env = {
        "REDIS_URL": redis_url,
        "PROVINCE_ENDPOINT": province_stub.url,
        "PROVINCE_SECRET": settings.PROVINCE_SECRET,
        "JOB_STALL_SECONDS": "3600",
        "MEDIA_ROOT": str(media_root),
    }
    try:
        procs, _logs = start_workers([f"test{_xdist_index()}"], env=env, log_prefix="test-worker")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield procs[0]
    stop_workers(procs)


@pytest.fixture
def celery_worker_process(_session_worker, jobs_reach_workers):
    """The session's worker, reading this test's jobs."""
    return _session_worker
