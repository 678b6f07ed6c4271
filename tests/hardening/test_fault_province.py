"""Faults on the way to the province, with real processes: a NUL byte in the reply, a timeout after sending, a worker
SIGKILLed mid-POST, two workers and two beats at once after the broker was down while signing."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from domain.dossiers.models import Dossier, DossierStatus
from domain.province import services as province
from domain.province.models import Delivery, DeliveryAttempt
from domain.province.stub import ProvinceStub
from process.workflows.services import jobs_redispatch_stalled
from tests.conftest import ROOT, _xdist_index
from tests.helpers import act, council_select, member, nominate, sign_batch, submit, wait_for
from tests.workers import database_url, start_workers, stop_workers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services, pytest.mark.fault]

Outcome = DeliveryAttempt.Outcome


@pytest.fixture
def own_stub():
    stub = ProvinceStub(secret=settings.PROVINCE_SECRET).start()
    yield stub
    stub.stop()


def signed(client, people):
    """A province award signed by the principal: its package waits in the outbox."""
    head = people["truongkhoa.xdd"]
    dossier = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "xdd"))
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept")
    council_select(people, dossier)
    sign_batch(people, dossier)  # drafted, signed and issued: the package waits in the outbox
    dossier.refresh_from_db()
    return dossier


def outcomes(dossier):
    return list(
        DeliveryAttempt.objects.filter(delivery__dossier=dossier).order_by("id").values_list("outcome", flat=True)
    )


def test_a_nul_byte_in_the_reply_is_stored_cleaned_and_the_dossier_moves_on(
    client, people, celery_worker_process, province_stub
):
    province_stub.reply_body = b'{"status": "accepted\x00", "note": "ok\x00\x01"}'
    try:
        dossier = signed(client, people)
        assert wait_for(lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FORWARDED)
    finally:
        province_stub.reply_body = None
    attempt = DeliveryAttempt.objects.get(delivery__dossier=dossier)
    assert attempt.outcome == Outcome.DELIVERED and attempt.status_code == 202
    assert "\x00" not in attempt.response_excerpt and "accepted" in attempt.response_excerpt


def test_a_reply_that_cannot_be_stored_is_a_failed_attempt_that_counts(client, people, own_stub, settings):
    settings.PROVINCE_ENDPOINT = own_stub.url
    dossier = signed(client, people)
    delivery = province.delivery_for(
        dossier, dossier.issued_documents.filter(doc_type="TTr", status="issued").latest("id")
    )
    own_stub.reply_body = b"x" * 100
    from django.db import connection

    with connection.cursor() as cursor:  # the excerpt column refuses what the reply holds (a storage failure)
        cursor.execute(
            "ALTER TABLE province_deliveryattempt ADD CONSTRAINT no_x CHECK (response_excerpt NOT LIKE 'x%')"
        )
    try:
        with pytest.raises(province.TransientDeliveryError):
            province.delivery_send(delivery.pk)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE province_deliveryattempt DROP CONSTRAINT no_x")
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.lease_until, outcomes(dossier)) == (1, None, [Outcome.FAILED])
    assert DeliveryAttempt.objects.get(delivery=delivery).error == "the reply could not be stored"


def test_a_timeout_after_sending_is_unknown_and_resolved_by_sending_again(client, people, own_stub, settings):
    settings.PROVINCE_ENDPOINT = own_stub.url
    settings.PROVINCE_TIMEOUT = 0.5
    dossier = signed(client, people)
    delivery = province.delivery_for(
        dossier, dossier.issued_documents.filter(doc_type="TTr", status="issued").latest("id")
    )
    own_stub.delay = 1.5  # slower than our timeout: it keeps the package all the same
    with pytest.raises(province.TransientDeliveryError):
        province.delivery_send(delivery.pk)
    assert outcomes(dossier) == [Outcome.UNKNOWN]
    assert wait_for(lambda: str(delivery.idempotency_key) in own_stub.accepted, timeout=10)
    own_stub.delay = 0
    province.delivery_send(delivery.pk)  # the same package and key: the province acknowledges its copy
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert outcomes(dossier) == [Outcome.UNKNOWN, Outcome.DELIVERED]
    assert [status for _key, status in own_stub.requests] == [202, 200] and len(own_stub.accepted) == 1


def test_a_worker_killed_during_the_post_leaves_a_complete_attempt_log_and_the_package_arrives_once(
    client, people, own_redis, own_broker, own_stub, media_root
):
    own_stub.delay = 2.0
    env = {
        "REDIS_URL": own_broker,
        "PROVINCE_ENDPOINT": own_stub.url,
        "MEDIA_ROOT": str(media_root),
        "PROVINCE_LEASE_SECONDS": "3",
    }
    procs, logs = start_workers([f"kill-a-{_xdist_index()}"], env=env, log_prefix="test-fault-kill", timeout=120)
    dossier = signed(client, people)
    assert wait_for(lambda: own_stub.received, timeout=60), logs
    os.kill(procs[0].pid, signal.SIGKILL)  # mid-POST: the province is still answering
    procs[0].wait(timeout=10)
    assert outcomes(dossier) == [Outcome.SENDING]  # written before the POST
    assert wait_for(lambda: own_stub.accepted, timeout=10)
    own_stub.delay = 0
    time.sleep(3)  # the dead worker's lease expires
    procs, logs = start_workers([f"kill-b-{_xdist_index()}"], env=env, log_prefix="test-fault-kill", timeout=120)
    try:
        assert jobs_redispatch_stalled(now=timezone.now() + timedelta(minutes=10)) >= 1
        assert wait_for(lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FORWARDED), logs
    finally:
        stop_workers(procs)
    assert outcomes(dossier) == [Outcome.UNKNOWN, Outcome.DELIVERED]
    assert len(own_stub.accepted) == 1 and [s for _k, s in own_stub.requests] == [202, 200]
    assert dossier.events.filter(action="forwarded_to_province").count() == 1


def start_beats(names, *, env, tmp_path):
    procs = []
    for name in names:
        log = ROOT / "var" / f"test-fault-beat-{name}.log"
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "config", "beat", "-l", "info"]
                + ["-s", str(tmp_path / f"beat-{name}"), "--max-interval", "1"],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": database_url(), **env},
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
    return procs


def test_two_workers_and_two_beats_after_the_broker_was_down_while_signing_send_one_post(
    client, people, own_redis, own_broker, own_stub, media_root, tmp_path
):
    own_redis.stop()
    dossier = signed(client, people)  # the broker is down: the job waits in the outbox
    assert dossier.process.task_set.get(flow_task_type="JOB").status == "SCHEDULED"
    own_redis.start()
    own_stub.delay = 1.0  # a slow province: both workers would be sending at once
    env = {
        "REDIS_URL": own_broker,
        "PROVINCE_ENDPOINT": own_stub.url,
        "MEDIA_ROOT": str(media_root),
        "JOB_SWEEP_SECONDS": "0.5",
        "JOB_DISPATCH_GRACE": "0",
        "JOB_STALL_SECONDS": "3600",
    }
    beats = start_beats([f"a{_xdist_index()}", f"b{_xdist_index()}"], env=env, tmp_path=tmp_path)
    procs, logs = start_workers(
        [f"two-a-{_xdist_index()}", f"two-b-{_xdist_index()}"], env=env, log_prefix="test-two", timeout=120
    )
    try:
        assert wait_for(lambda: Dossier.objects.get(pk=dossier.pk).status == DossierStatus.FORWARDED), logs
        time.sleep(2)  # more sweeps, more duplicate messages: nothing more is sent
    finally:
        stop_workers(beats + procs)
    delivery = Delivery.objects.get(dossier=dossier)
    assert len(own_stub.received) == 1 and len(own_stub.accepted) == 1
    assert outcomes(dossier) == [Outcome.DELIVERED] and delivery.attempts == 1
    assert dossier.events.filter(action="forwarded_to_province").count() == 1
