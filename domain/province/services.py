"""Sending a proposed dossier to the province's system: signed, idempotent, every attempt recorded."""

import base64
import hashlib
import hmac
import json
import logging

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ground.audit.services import record_event
from ground.notifications.services import Message, notifications_create
from ground.organisation.people import People

from .models import Delivery, DeliveryAttempt

PROVINCE_CLIENT_GROUP = "province_client"  # dossiers.roles.PROVINCE_CLIENT

log = logging.getLogger(__name__)


class TransientDeliveryError(Exception):
    """Worth retrying: timeout, connection refused, 5xx, 408, 429."""


class PermanentDeliveryError(Exception):
    """The province refused the package (4xx): retrying would not help."""


def sign(body: bytes, secret: str | None = None) -> str:
    secret = secret if secret is not None else settings.PROVINCE_SECRET
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, header: str | None) -> bool:
    """Whether ``X-Signature`` is the HMAC of this exact body with the shared secret (constant-time)."""
    return bool(header) and hmac.compare_digest(sign(body), header.strip())


def signature_refused(*, reason, remote_addr="", path=""):
    """Log a message claiming to come from the province whose signature is missing or wrong."""
    log.warning("Refused a province message to %s from %s: signature %s", path, remote_addr, reason)
    return record_event(
        actor=None,
        action="province_signature_refused",
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
        "documents": [_document(d) for d in dossier.documents.filter(is_current=True).order_by("kind", "id")],
    }


def package_manifest(letter):
    """One package per submission letter: the signed letter and every proposed dossier with its documents."""
    dossiers = letter.dossiers.select_related("award__regime", "period", "department", "organisation").order_by("id")
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


def delivery_send(delivery_id):
    """POST the package once; raises Transient/PermanentDeliveryError. A delivered package is not re-sent."""
    with transaction.atomic():
        # Every dossier of the letter has its job: the package's row lock lets one of them send it.
        delivery = (
            Delivery.objects.select_for_update(of=("self",)).select_related("issued__organisation").get(pk=delivery_id)
        )
        if delivery.status == Delivery.Status.DELIVERED:
            return delivery
        failure = _send(delivery)
    if failure is not None:  # raised once the attempt is committed: it stays recorded
        raise failure
    delivery.refresh_from_db()
    return delivery


def _send(delivery):
    body = json.dumps(package_manifest(delivery.issued), ensure_ascii=False, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Idempotency-Key": str(delivery.idempotency_key),
        "X-Signature": sign(body),
    }
    status_code, error, excerpt = None, "", ""
    try:
        response = requests.post(
            settings.PROVINCE_ENDPOINT, data=body, headers=headers, timeout=settings.PROVINCE_TIMEOUT
        )
        status_code, excerpt = response.status_code, response.text[:500]
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:255]
    _record_attempt(delivery, status_code, error, excerpt)
    if status_code is not None and 200 <= status_code < 300:
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.DELIVERED, delivered_at=timezone.now())
        return None
    if status_code is None or status_code >= 500 or status_code in (408, 429):
        return TransientDeliveryError(error or f"HTTP {status_code}")
    return PermanentDeliveryError(f"HTTP {status_code}: {excerpt[:200]}")


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


def _record_attempt(delivery, status_code, error, excerpt):
    with transaction.atomic():
        attempt = DeliveryAttempt.objects.create(
            delivery=delivery, status_code=status_code, error=error, response_excerpt=excerpt
        )
        Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
        for dossier in delivery.issued.dossiers.all():
            record_event(
                actor=None,
                action="delivery_attempted",
                dossier=dossier,
                obj=attempt,
                step="forward",
                data={"idempotency_key": str(delivery.idempotency_key), "status_code": status_code, "error": error},
            )
