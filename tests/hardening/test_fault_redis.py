"""Fault: Redis (cache and broker) stopped while pages, API writes and a signature are used. Everything answers,
and the package is delivered once Redis is back. A real redis-server of the test's own is stopped; the shared one is
never touched."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from domain.dossiers.models import Dossier, DossierStatus
from domain.province.models import Delivery
from process.workflows.services import jobs_redispatch_stalled
from tests.api.conftest import pdf_file
from tests.conftest import _xdist_index
from tests.helpers import act, council_select, login, member, nominate, sign_batch, submit, wait_for
from tests.workers import start_workers, stop_workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services, pytest.mark.fault]

API = "/api/v1"


def test_redis_down_pages_api_and_signature_answer_and_the_package_goes_once_it_is_back(
    client, people, own_redis, own_broker, province_stub, media_root, settings, caplog
):
    settings.CACHES = {
        "default": {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": f"redis://127.0.0.1:{own_redis.port}/1"}
    }
    head, sec = people["truongkhoa.xdd"], people["thuongtruc"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "xdd"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)

    own_redis.stop()
    started = time.monotonic()
    login(client, head)
    for path in ("/", "/dossiers/", f"/dossiers/{dossier.pk}/", "/notifications/", "/council/posting/"):
        assert client.get(path, follow=True).status_code == 200, path
    anonymous = APIClient()
    response = anonymous.post(f"{API}/auth/token/", {"username": "truongkhoa.llcs", "password": "demo"}, format="json")
    assert response.status_code == 200, response.content
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    body = {
        "award": "CSTDCS",
        "period": 2026,
        "nominee": {"type": "person", "id": member(people, "llcs").pk},
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
    }
    created = api.post(f"{API}/dossiers/", body, format="json")
    assert created.status_code == 201, created.content
    new = created.json()["id"]
    upload = api.post(f"{API}/dossiers/{new}/documents/", {"kind": "achievement_report", "file": pdf_file()})
    assert upload.status_code == 201, upload.content
    # submitting notifies the secretariat: its mail is dispatched on commit to a broker that is down
    assert api.post(f"{API}/dossiers/{new}/submit/", {}, format="json").status_code == 200
    assert api.get(f"{API}/dossiers/").status_code == 200
    sign_batch(people, dossier)  # signed and issued: the issuing does not wait for the broker
    assert time.monotonic() - started < 60
    assert "Redis cache unreachable" in caplog.text
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED

    own_redis.start()
    env = {"REDIS_URL": own_broker, "PROVINCE_ENDPOINT": province_stub.url, "MEDIA_ROOT": str(media_root)}
    procs, logs = start_workers([f"fault-redis-{_xdist_index()}"], env=env, log_prefix="test-fault-redis")
    try:
        assert jobs_redispatch_stalled(now=timezone.now() + timedelta(minutes=5)) == 1
        assert wait_for(lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FORWARDED), logs
    finally:
        stop_workers(procs)
    delivery = Delivery.objects.get(dossier=dossier)
    assert delivery.status == "delivered"
    assert [key for key, _status in province_stub.requests].count(str(delivery.idempotency_key)) == 1
