"""Official documents: render, sign (PAdES), store, verify and cancel — never edit once signed."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers import policies
from domain.dossiers.models import IssuedDocument
from ground.audit.services import record_event
from ground.base import errors

from . import amounts, signing
from .models import RegisterEntry
from .register import register_entry_cancel


def amount_due(dossier, decision_date):
    """The money that comes with the award: coefficient × base salary in force on the decision date."""
    base = amounts.base_salary_on(decision_date)
    return amounts.award_amount(dossier.award, collective=dossier.nominee_kind == "department", base_salary=base)


def require_may_cancel(*, actor, issued_id):
    """Permission before validation: the principal, on a document of a dossier they may see (else 404)."""
    issued = IssuedDocument.objects.filter(pk=issued_id).first()
    if issued is None or not issued.dossiers.filter(policies.visibility_q(actor)).exists():
        raise errors.NotVisible()
    if not actor.has_perm("dossiers.sign"):
        raise errors.NotAllowed()


def issued_document_cancel(*, actor, issued_id, reason):
    """Hủy văn bản: the document stays (and its number, in the register), marked cancelled with who, when and why."""
    if not reason.strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reason for cancelling.")]})
    with transaction.atomic():
        issued = IssuedDocument.objects.select_for_update(of=("self",), no_key=True).filter(pk=issued_id).first()
        if issued is None or not issued.dossiers.filter(policies.visibility_q(actor)).exists():
            raise errors.NotVisible()
        if not actor.has_perm("dossiers.sign"):
            raise errors.NotAllowed()
        if issued.is_cancelled:
            raise errors.Conflict(_("This document is already cancelled."))
        _cancel(issued, actor=actor, reason=reason.strip())
    return issued


def issued_documents_cancel_returned(dossier, *, actor, reason):
    """The province sent the dossier back: a letter that proposed only this dossier is no longer in force; a letter
    that also proposed others stays in force for them (the dossier goes in a later letter)."""
    for issued in dossier.issued_documents.select_for_update(of=("self",), no_key=True).filter(
        doc_type=IssuedDocument.Type.SUBMISSION, status=IssuedDocument.Status.ISSUED
    ):
        if issued.dossiers.count() == 1:
            _cancel(issued, actor=actor, reason=reason)


def _cancel(issued, *, actor, reason):
    before = issued.status
    issued.status = IssuedDocument.Status.CANCELLED
    issued.cancelled_at, issued.cancelled_by, issued.cancel_reason = timezone.now(), actor, reason
    issued.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    entry = RegisterEntry.objects.filter(document=issued).first()
    if entry is not None:
        register_entry_cancel(entry, reason=reason)
    for dossier in issued.dossiers.all():
        record_event(
            actor=actor,
            action="document_cancelled",
            dossier=dossier,
            obj=issued,
            comment=reason,
            changes={"status": [before, IssuedDocument.Status.CANCELLED]},
            data={"symbol": issued.symbol, "sha256": issued.sha256},
        )


def verify_bytes(data, *, expected_sha256=""):
    """The signature facts of a file, and whether it is the very file that was signed and kept."""
    result = signing.verify(data, signing.trust_roots(settings.SIGNING_TRUST_ROOTS))
    digest = hashlib.sha256(data).hexdigest()
    unchanged = not expected_sha256 or digest == expected_sha256
    return {
        "ok": result.ok and unchanged,
        "signature": result,
        "sha256": digest,
        "matches_record": unchanged,
    }


def issued_document_get(*, actor, issued_id, dossier_id=None):
    """A signed document for whoever may see its dossier (404 otherwise, and for one without a file)."""
    found = IssuedDocument.objects.select_related("organisation").filter(pk=issued_id)
    if dossier_id is not None:
        found = found.filter(dossiers=dossier_id)
    issued = found.first()
    if issued is None or not issued.file:
        raise errors.NotVisible()
    from .batches import can_see

    if not can_see(actor, issued):
        raise errors.NotVisible()
    return issued


def issued_document_verify(*, actor, issued_id, dossier_id=None):
    """Kiểm tra chữ ký: for whoever may see the dossier, auditors included."""
    issued = issued_document_get(actor=actor, issued_id=issued_id, dossier_id=dossier_id)
    with issued.file.open("rb") as handle:
        data = handle.read()
    return issued, verify_bytes(data, expected_sha256=issued.sha256)
