"""Sending a submission letter's package (every dossier it proposes) to the province's system: signed,
idempotent, every attempt recorded."""

import base64
import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from domain.dossiers.models import Document
from ground.audit.services import record_event, record_refusal
from ground.notifications.services import Message, notifications_create
from ground.organisation.people import People
from ground.printing.text import clean_text

from .models import Delivery, DeliveryAttempt

PROVINCE_CLIENT_GROUP = "province_client"  # dossiers.roles.PROVINCE_CLIENT

log = logging.getLogger(__name__)


class TransientDeliveryError(Exception):
    """Worth retrying: timeout, connection refused, 5xx, 408, 429."""


class PermanentDeliveryError(Exception):
    """The province refused the package (4xx): retrying would not help."""


# A callback older (or further in the future) than this is refused: a captured message cannot be replayed later.
CALLBACK_MAX_AGE = 300


def sign(body: bytes, secret: str | None = None, *, timestamp: int | None = None) -> str:
    """``sha256=<HMAC>`` of the body (packages we send), or of ``"<timestamp>." + body`` (the province's callbacks,
    whose ``X-Timestamp`` the signature covers)."""
    secret = secret if secret is not None else settings.PROVINCE_SECRET
    signed = body if timestamp is None else f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def callback_refusal(body: bytes, signature: str | None, timestamp: str | None, now: float | None = None):
    """Why a callback is refused ("missing", "bad timestamp", "wrong", "stale"), or None when it is signed with the
    shared secret (compared in constant time; the hex digits in either case).

    The contract's signature covers the body (``X-Signature: sha256=<HMAC of the body>``, as on the packages we
    send). A client that also sends ``X-Timestamp`` has it covered too (``"<timestamp>." + body``), and a message
    more than CALLBACK_MAX_AGE seconds away is refused: a captured message cannot be replayed later. A replayed
    body-only message changes nothing: an answer is recorded once, and only for the dossier's latest letter."""
    if not signature:
        return "missing"
    given = _normalised(signature)
    if not (timestamp or "").strip():
        return None if hmac.compare_digest(sign(body), given) else "wrong"
    try:
        stamp = int(timestamp.strip())
    except ValueError:
        return "bad timestamp"
    if not hmac.compare_digest(sign(body, timestamp=stamp), given):
        return "wrong"
    now = time.time() if now is None else now
    if abs(now - stamp) > CALLBACK_MAX_AGE:
        return "stale"
    return None


def _normalised(signature):
    """``sha256=<hex>`` as ``sign`` writes it (lower case): a client's upper-case hex is the same signature."""
    scheme, _sep, digest = signature.strip().partition("=")
    return f"{scheme.lower()}={digest.lower()}"


def signature_refused(*, reason, remote_addr="", path=""):
    """Log a message claiming to come from the province whose signature is missing, wrong or stale; the trail gets
    one event per address and minute with the count (audit.services.record_refusal), so it cannot be flooded."""
    log.warning("Refused a province message to %s from %s: signature %s", path, remote_addr, reason)
    return record_refusal(
        kind="province_signature_refused",
        source=remote_addr,
        reason=reason,
        data={"reason": reason, "remote_addr": remote_addr, "path": path},
    )


def province_client_user():
    """The login that stands for the province's system in the audit trail (role province_client)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=PROVINCE_CLIENT_GROUP, is_active=True).order_by("pk").first()


def _dossier_manifest(dossier):
    nominee = dossier.nominee
    return {
        "dossier": dossier.reference,
        "period": dossier.period.year,
        "award": {"code": dossier.award.code, "name": dossier.award.name_vi, "regime": dossier.award.regime.code},
        "nominee": {"type": dossier.nominee_kind, "id": nominee.pk, "name": str(nominee)},
        "department": dossier.department.name,
        "documents": [_document(d) for d in dossier.current_documents],
    }


def package_manifest(letter):
    """One package per submission letter: the signed letter and every proposed dossier with its documents."""
    current = Document.objects.filter(is_current=True).order_by("kind", "id")
    dossiers = (
        letter.dossiers.select_related(
            "award__regime", "period", "department", "organisation", "nominee_person", "nominee_department"
        )
        .prefetch_related(Prefetch("documents", queryset=current, to_attr="current_documents"))
        .order_by("id")
    )  # three queries for the whole letter, however many dossiers it proposes
    return {
        "submission": letter.symbol,
        "organisation": letter.organisation.code,
        "submission_letter": _signed_letter(letter),
        "dossiers": [_dossier_manifest(d) for d in dossiers],
    }


def _document(document):
    """One of the dossier's files, embedded (the province cannot reach our storage), with its SHA-256."""
    with document.file.open("rb") as handle:
        content = handle.read()
    return {
        "kind": document.kind,
        "filename": document.filename,
        "sha256": document.sha256,
        "size": document.size,
        "version": document.version,
        "content_type": document.content_type,
        "content_base64": base64.b64encode(content).decode(),
    }


def _signed_letter(letter):
    """The issued submission letter itself (PAdES PDF with both signatures, base64): the very file kept."""
    with letter.file.open("rb") as handle:
        content = handle.read()
    return {
        "symbol": letter.symbol,
        "sha256": letter.sha256,
        "size": letter.size,
        "content_type": "application/pdf",
        "content_base64": base64.b64encode(content).decode(),
    }


def delivery_for(dossier, letter):
    """The letter's one package (the first of its dossiers' jobs creates it)."""
    delivery, _ = Delivery.objects.get_or_create(
        submission=letter.symbol, defaults={"dossier": dossier, "issued": letter}
    )
    return delivery


class DeliveryBusy(Exception):
    """Another worker holds this delivery's lease: it is being sent right now."""


def delivery_send(delivery_id):
    """POST the package once and return the delivery as stored; raises Transient/PermanentDeliveryError, or
    DeliveryBusy when another worker holds the lease. A delivered package is not sent again.

    The attempt row is written (and the lease taken) before the POST and completed after it, so a worker killed
    in between leaves an attempt "sending" that the next holder of the lease marks "unknown" before sending the same
    package with the same Idempotency-Key (the province keeps one). A timeout after sending is "unknown" too.
    """
    delivery, attempt = _lease(delivery_id)
    if attempt is None:
        return delivery
    body = json.dumps(package_manifest(delivery.issued), ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": str(delivery.idempotency_key),
        "X-Signature": sign(body),
    }
    status_code, error, excerpt = None, "", ""
    outcome = DeliveryAttempt.Outcome.FAILED
    try:
        response = requests.post(
            settings.PROVINCE_ENDPOINT, data=body, headers=headers, timeout=settings.PROVINCE_TIMEOUT
        )
        status_code, excerpt = response.status_code, response.text[:500]
    except requests.ReadTimeout as exc:  # the package went out; whether it arrived is not known
        error, outcome = f"{type(exc).__name__}: {exc}", DeliveryAttempt.Outcome.UNKNOWN
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"
    if status_code is not None:
        if 200 <= status_code < 300:
            outcome = DeliveryAttempt.Outcome.DELIVERED
        elif status_code < 500 and status_code not in (408, 429):
            outcome = DeliveryAttempt.Outcome.REFUSED
    _complete_attempt(delivery, attempt, status_code, error, excerpt, outcome)
    if outcome == DeliveryAttempt.Outcome.DELIVERED:
        return delivery  # as stored (``_store_attempt`` keeps the object in step with its row)
    if outcome == DeliveryAttempt.Outcome.REFUSED:
        raise PermanentDeliveryError(f"HTTP {status_code}: {clean_text(excerpt, strict=False)[:200]}")
    raise TransientDeliveryError(error or f"HTTP {status_code}")


def _lease(delivery_id):
    """Take the delivery's lease and write the attempt row, in one short transaction. (delivery, None) when it is
    already delivered; DeliveryBusy while another worker's lease runs."""
    now = timezone.now()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",), no_key=True)
            .select_related("issued__organisation")
            .get(pk=delivery_id)
        )
        if delivery.is_delivered:
            return delivery, None
        if delivery.lease_until is not None and delivery.lease_until > now:
            raise DeliveryBusy(str(delivery.idempotency_key))
        for stale in delivery.attempt_log.filter(outcome=DeliveryAttempt.Outcome.SENDING):
            # its worker died after writing it: the POST may have reached the province
            _store_attempt(delivery, stale, None, "interrupted: the worker stopped while sending", "", "unknown")
        delivery.lease_until = now + timedelta(seconds=settings.PROVINCE_LEASE_SECONDS)
        delivery.attempts += 1
        delivery.save(update_fields=["lease_until", "attempts"])
        attempt = DeliveryAttempt.objects.create(delivery=delivery, outcome=DeliveryAttempt.Outcome.SENDING)
    return delivery, attempt


def _complete_attempt(delivery, attempt, status_code, error, excerpt, outcome):
    """Record what the POST gave and release the lease. A reply that cannot be stored is a failed attempt (it
    counts toward the limit) and the package is sent again."""
    try:
        with transaction.atomic():
            _store_attempt(delivery, attempt, status_code, error, excerpt, outcome)
    except DatabaseError as exc:
        log.warning("The province's reply to delivery %s could not be stored: %s", delivery.pk, exc)
        with transaction.atomic():
            _store_attempt(delivery, attempt, status_code, "the reply could not be stored", "", "failed")
        raise TransientDeliveryError("the province's reply could not be stored") from exc


def _store_attempt(delivery, attempt, status_code, error, excerpt, outcome):
    error, excerpt = clean_text(error, strict=False)[:255], clean_text(excerpt, strict=False)[:500]
    now = timezone.now()
    DeliveryAttempt.objects.filter(pk=attempt.pk).update(
        status_code=status_code, error=error, response_excerpt=excerpt, outcome=outcome, finished_at=now
    )
    changes = {"lease_until": None}
    if outcome == DeliveryAttempt.Outcome.DELIVERED:
        changes.update(status=Delivery.Status.DELIVERED, delivered_at=now)
    Delivery.objects.filter(pk=delivery.pk).update(**changes)
    for field, value in changes.items():
        setattr(delivery, field, value)
    for dossier in delivery.issued.dossiers.all():  # every dossier the letter's package carries
        record_event(
            actor=None,
            action="delivery_attempted",
            dossier=dossier,
            obj=attempt,
            step="forward",
            data={
                "idempotency_key": str(delivery.idempotency_key),
                "status_code": status_code,
                "error": error,
                "outcome": outcome,
            },
        )


def delivery_reopen(dossier):
    """A failed delivery is tried again by hand: same package, same Idempotency-Key (the province dedups)."""
    Delivery.objects.filter(issued__dossiers=dossier, status=Delivery.Status.FAILED).update(
        status=Delivery.Status.SENDING
    )


def incident_notify(dossier, *, error):
    """Tell the secretariat that a package could not be delivered, with a link to send it again."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    def render():
        title = _("Not delivered to the province: %(reference)s") % {"reference": dossier.reference}
        body = _("The package could not be delivered (%(error)s). Check it and send it again from the dossier page.")
        return title, body % {"error": error}

    link = reverse("dossiers:detail", args=[dossier.pk])
    notifications_create(
        [
            Message(recipient_id=uid, kind="delivery_failed", render=render, link=link, dossier_id=dossier.pk)
            for uid in People().secretariat(dossier)
        ]
    )


def delivery_mark_failed(delivery_id):
    Delivery.objects.filter(pk=delivery_id).exclude(status=Delivery.Status.DELIVERED).update(
        status=Delivery.Status.FAILED
    )
