"""The audit trail cannot be grown at will: anonymous refusals and badly signed callbacks are counted per source,
reason and minute (one event, one tally with the count); the province's endpoint is throttled per address; a
callback's signature covers its timestamp, and an old one is refused."""

import json
import time

import pytest
from django.test import Client
from rest_framework.test import APIClient

from ground.audit.models import AuditEvent, RefusalTally
from tests.api.conftest import API, province_post

pytestmark = pytest.mark.django_db


def test_anonymous_refusals_are_one_event_per_address_and_minute(people):
    client = Client(enforce_csrf_checks=True)
    before = AuditEvent.objects.count()
    for _ in range(50):
        assert client.post("/accounts/login/", {"username": "x", "password": "y"}).status_code == 403
    assert AuditEvent.objects.count() - before == 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "access_denied" and event.data["counted_per_minute"] is True
    assert RefusalTally.objects.get(kind="access_denied").count == 50


def test_unsigned_callbacks_are_throttled_per_address_and_counted(people, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "province": "20/min"}
    before = AuditEvent.objects.count()
    client = APIClient()
    answers = [
        client.post(f"{API}/province/decisions/", {"x": 1}, format="json", REMOTE_ADDR="198.51.100.9").status_code
        for _ in range(100)
    ]
    assert answers.count(401) == 20 and answers.count(429) == 80
    assert AuditEvent.objects.count() - before == 1
    assert RefusalTally.objects.get(kind="province_signature_refused", reason="missing").count == 20
    # another address is not throttled by the first one's flood
    assert (
        client.post(f"{API}/province/decisions/", {"x": 1}, format="json", REMOTE_ADDR="198.51.100.10").status_code
        == 401
    )


def test_a_callback_older_than_five_minutes_is_refused_and_recorded(people):
    answer = {"submission": "1/TTr-TCT", "dossier": "KHONG-CO", "result": "approved"}
    stale = province_post(APIClient(), answer, timestamp=int(time.time()) - 301)
    assert stale.status_code == 401
    event = AuditEvent.objects.get(action="province_signature_refused")
    assert event.data["reason"] == "stale"
    fresh = province_post(APIClient(), answer)
    assert fresh.status_code == 404  # signed and fresh: it reaches the view (an unknown reference)


def test_the_signature_covers_the_timestamp(people):
    """A signature made for one timestamp does not hold for another: the timestamp cannot be refreshed."""
    from domain.province.services import sign

    body = json.dumps({"submission": "1/TTr-TCT", "dossier": "KHONG-CO", "result": "approved"}).encode()
    old = int(time.time()) - 400
    response = APIClient().post(
        f"{API}/province/decisions/",
        data=body,
        content_type="application/json",
        HTTP_X_TIMESTAMP=str(int(time.time())),
        HTTP_X_SIGNATURE=sign(body, timestamp=old),
    )
    assert response.status_code == 401
    assert AuditEvent.objects.get(action="province_signature_refused").data["reason"] == "wrong"
