"""Redis down at the moment of signing: the signature commits, the package waits in the outbox (its job row), and
once Redis is back the relay sends it — delivered exactly once. The test runs a Redis of its own on another port."""

import shutil
import subprocess
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from domain.dossiers.models import Dossier, DossierStatus
from domain.province.models import Delivery
from process.workflows.services import jobs_redispatch_stalled
from tests.conftest import _wait_port, _xdist_index
from tests.helpers import act, council_select, member, nominate, sign_batch, submit, wait_for
from tests.workers import celery_target, point_celery_at, start_workers, stop_workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services]


class OwnRedis:
    def __init__(self, port):
        self.port = port
        self.proc = None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is missing: run `make test` (it installs Redis).", pytrace=False)
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_port("127.0.0.1", self.port)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def own_redis():
    redis = OwnRedis(6480 + _xdist_index()).start()
    yield redis
    redis.stop()


@pytest.fixture
def own_broker(own_redis):
    """Point this process's Celery producer at the test's own Redis (and back afterwards)."""
    url, prefix = celery_target()
    point_celery_at(own_url := f"redis://127.0.0.1:{own_redis.port}/0")
    yield own_url
    point_celery_at(url, key_prefix=prefix)


def test_redis_down_while_signing_is_delivered_once_when_it_is_back(
    client, people, own_redis, own_broker, province_stub, media_root
):
    head, sec = people["truongkhoa.xdd"], people["thuongtruc"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "xdd"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)

    own_redis.stop()
    started = time.monotonic()
    sign_batch(people, dossier)  # signed and issued: the issuing does not wait for the broker
    assert time.monotonic() - started < 60
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED
    job = dossier.process.task_set.get(flow_task_type="JOB")
    assert job.status == "SCHEDULED"  # in the outbox, not sent

    own_redis.start()
    env = {
        "REDIS_URL": own_broker,
        "PROVINCE_ENDPOINT": province_stub.url,
        "MEDIA_ROOT": str(media_root),
        "JOB_STALL_SECONDS": "3600",
    }
    procs, logs = start_workers([f"redis-down-{_xdist_index()}"], env=env, log_prefix="test-redis-down")
    try:
        assert jobs_redispatch_stalled(now=timezone.now() + timedelta(minutes=5)) == 1  # the beat's relay
        delivered = wait_for(lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FORWARDED)
        assert delivered, f"not delivered; see {logs}"
        # a second relay pass and a duplicate message change nothing
        jobs_redispatch_stalled(now=timezone.now() + timedelta(minutes=10))
        time.sleep(1)
    finally:
        stop_workers(procs)
    delivery = Delivery.objects.get(dossier=dossier)
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert list(province_stub.accepted).count(str(delivery.idempotency_key)) == 1
    assert dossier.events.filter(action="forwarded_to_province").count() == 1
