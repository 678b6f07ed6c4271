"""The cache is optional: with Redis unreachable (a closed port), pages render and the token endpoint's throttle
counts in the process's memory instead, with a logged warning."""

import pytest
from rest_framework.test import APIClient

from tests.conftest import _free_port
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_cache(settings):
    port = _free_port()  # nothing listens there
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0"}
    }


def test_pages_render_without_redis(client, people, unreachable_cache, caplog):
    login(client, people["thuongtruc"])
    for path in ("/", "/dossiers/", "/notifications/", "/council/"):
        assert client.get(path, follow=True).status_code == 200, path
    assert "Redis cache unreachable" in caplog.text


def test_throttle_falls_back_to_a_local_counter(people, unreachable_cache, settings, caplog):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token": "3/min"}
    client = APIClient()
    answers = [
        client.post("/api/v1/auth/token/", {"username": "canbo", "password": "demo"}, format="json").status_code
        for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]
    assert "Redis cache unreachable" in caplog.text
