"""Official documents: render, sign (PAdES), store, verify and cancel — never edit once signed."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers import policies
from domain.dossiers.models import Dossier, IssuedDocument
from ground.audit.services import record_event
from ground.base import errors

from . import amounts, render, signing
from .models import SigningCredential


def _signer_name(user):
    return user.get_full_name() or user.get_username()


def issued_document_preview(*, actor, dossier_id):
    """The document the principal is about to sign, as it will read — its number is given at signing."""
    dossier = Dossier.objects.select_related("organisation", "award", "period", "department", "nominee_person").get(
        pk=dossier_id
    )
    policies.require_sign(actor, dossier)
    doc_type = IssuedDocument.Type.DECISION if dossier.award.decided_by_unit else IssuedDocument.Type.SUBMISSION
    return render.render_pdf(doc_type, [dossier], day=timezone.localdate(), signer_name=_signer_name(actor))


def amount_due(dossier, decision_date):
    """The money that comes with the award: coefficient × base salary in force on the decision date."""
    base = amounts.base_salary_on(decision_date)
    return amounts.award_amount(dossier.award, collective=dossier.nominee_kind == "department", base_salary=base)


def issued_document_refuse_duplicate(dossier, doc_type):
    """A dossier has at most one document of each type in force: change means cancelling the signed one first."""
    if dossier.issued_documents.filter(doc_type=doc_type, status=IssuedDocument.Status.ISSUED).exists():
        raise errors.Conflict(_("A signed document of this type is in force for this dossier: cancel it first."))


def issued_document_sign(issued, *, actor):
    """Render the numbered document, sign it with the actor's certificate, keep the signed file and its SHA-256."""
    credential = SigningCredential.objects.filter(user=actor).first()
    if credential is None or not Path(credential.pkcs12_path).exists():
        raise errors.InvalidInput(_("No signing certificate is set up for you: ask the administrator."))
    dossier = issued.dossier
    pdf = render.render_pdf(
        issued.doc_type, [dossier], day=issued.issued_on, signer_name=_signer_name(actor), symbol=issued.symbol
    )
    signed, subject = signing.sign(
        pdf,
        pkcs12_path=credential.pkcs12_path,
        passphrase=credential.passphrase,
        reason=f"{issued.get_doc_type_display()} {issued.symbol}",
        location=dossier.organisation.place,
    )
    issued.file.save(
        f"{issued.doc_type}-{issued.number}-{issued.year}.pdf".replace("Đ", "D"), ContentFile(signed), save=False
    )
    issued.sha256 = hashlib.sha256(signed).hexdigest()
    issued.size = len(signed)
    issued.signer_subject = subject[:255]
    issued.signed_at = timezone.now()
    issued.save(update_fields=["file", "sha256", "size", "signer_subject", "signed_at"])
    return issued


def issued_document_cancel(*, actor, issued_id, reason):
    """Hủy văn bản: the document stays (and its number), marked cancelled with who, when and why."""
    if not reason.strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reason for cancelling.")]})
    with transaction.atomic():
        issued = (
            IssuedDocument.objects.select_for_update(of=("self",), no_key=True)
            .select_related("dossier")
            .get(pk=issued_id)
        )
        policies.require_sign(actor, issued.dossier)
        if issued.is_cancelled:
            raise errors.Conflict(_("This document is already cancelled."))
        _cancel(issued, actor=actor, reason=reason.strip())
    return issued


def issued_documents_cancel_returned(dossier, *, actor, reason):
    """The province sent the dossier back: the submission letter it answered is no longer in force."""
    for issued in dossier.issued_documents.select_for_update(of=("self",), no_key=True).filter(
        doc_type=IssuedDocument.Type.SUBMISSION, status=IssuedDocument.Status.ISSUED
    ):
        _cancel(issued, actor=actor, reason=reason)


def _cancel(issued, *, actor, reason):
    issued.status = IssuedDocument.Status.CANCELLED
    issued.cancelled_at, issued.cancelled_by, issued.cancel_reason = timezone.now(), actor, reason
    issued.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
    record_event(
        actor=actor,
        action="document_cancelled",
        dossier=issued.dossier,
        obj=issued,
        comment=reason,
        changes={"status": [IssuedDocument.Status.ISSUED, IssuedDocument.Status.CANCELLED]},
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
    found = IssuedDocument.objects.select_related("dossier", "organisation").filter(pk=issued_id)
    if dossier_id is not None:
        found = found.filter(dossier_id=dossier_id)
    issued = found.first()
    if issued is None or not issued.file:
        raise errors.NotVisible()
    policies.require_view(actor, issued.dossier)
    return issued


def issued_document_verify(*, actor, issued_id, dossier_id=None):
    """Kiểm tra chữ ký: for whoever may see the dossier, auditors included."""
    issued = issued_document_get(actor=actor, issued_id=issued_id, dossier_id=dossier_id)
    with issued.file.open("rb") as handle:
        data = handle.read()
    return issued, verify_bytes(data, expected_sha256=issued.sha256)
