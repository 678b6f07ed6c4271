"""A gunicorn worker keeps its database connection from one request to the next (a new PostgreSQL connection costs
some 6 ms, paid before each request's first query otherwise), and a connection dropped between two requests
(PostgreSQL restarted, an administrator ending sessions) is replaced before the next request uses it: the answer is
still 200. Django's test client never closes connections, so the production server answers here."""

import os
import subprocess
import sys
from urllib.parse import urlparse

import pytest
import requests
from django.db import connection

from tests.api.conftest import API, token_for
from tests.conftest import ROOT, _free_port, _wait_port

pytestmark = pytest.mark.django_db(transaction=True)  # the web server reads what the test committed

APP = "web-under-test"


def _backends():
    """The web server's PostgreSQL backends (their process ids)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s ORDER BY pid", [APP])
        return [pid for (pid,) in cursor.fetchall()]


def _terminate(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_web_worker_reuses_its_connection_and_replaces_a_dropped_one(people, tmp_path):
    # The test database, as DATABASE_URL names the server (user, password, host), and a name to find its backends by.
    server = urlparse(os.environ["DATABASE_URL"])
    url = server._replace(path=f"/{connection.settings_dict['NAME']}", query=f"application_name={APP}").geturl()
    env = {**os.environ, "DATABASE_URL": url}
    port, log = _free_port(), (tmp_path / "web.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    headers = {"Authorization": f"Token {token_for('thuongtruc')}"}

    def get():
        return requests.get(f"http://127.0.0.1:{port}{API}/dossiers/", headers=headers, timeout=30).status_code

    try:
        _wait_port("127.0.0.1", port, timeout=60)
        assert get() == 200
        kept = _backends()
        assert len(kept) == 1, "the request's connection was closed after it"
        assert [get(), get()] == [200, 200]
        assert _backends() == kept  # the same connection served them

        _terminate(kept[0])
        assert get() == 200  # the health check found it gone and connected again
        again = _backends()
        assert len(again) == 1 and again != kept
    finally:
        web.terminate()
        web.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "web.log").read_text()
