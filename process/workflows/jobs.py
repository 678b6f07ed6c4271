"""Batch signing as a background job (``ground.jobs``) for a document covering many dossiers: the signer confirms
with their password in the request; a worker then signs with the key kept on the server. A key protected by its own
PIN, or a short list, is signed at once, in the request."""

from django.conf import settings
from django.utils.translation import gettext as _

from domain.dossiers.models import IssuedDocument
from domain.official import batches as official
from domain.official.delegations import signer_capacity
from ground.base import errors
from ground.jobs.services import job_start

from .batches import batch_sign

BATCH_SIGN = "batch-sign"


def batch_sign_start(*, acting_user, document_id, confirm, comment=""):
    """Sign now, or confirm now and sign in the background. Returns (document, job or None)."""
    document = official.document_get(actor=acting_user, document_id=document_id)
    many = document.dossiers.count() >= settings.SIGN_BACKGROUND_DOSSIERS
    if not many or document.status != IssuedDocument.Status.PENDING:
        return batch_sign(acting_user=acting_user, document_id=document_id, confirm=confirm, comment=comment), None
    signer_capacity(acting_user, document.organisation)  # may this user sign at all: refused now, not in the worker
    if not official.signer_confirmed_on_server(acting_user, confirm):  # a PIN key: opened here, with its PIN
        return batch_sign(acting_user=acting_user, document_id=document_id, confirm=confirm, comment=comment), None
    title = _("Signature of %(document)s (%(count)s dossiers)") % {
        "document": document.get_doc_type_display(),
        "count": document.dossiers.count(),
    }
    job = job_start(
        user=acting_user, kind=BATCH_SIGN, title=title, params={"document": document.pk, "comment": comment}
    )
    return document, job


def batch_sign_job(job, progress):
    """The worker's part: sign as the requester, who confirmed with their password when they asked."""
    document_id = int(job.params["document"])
    document = IssuedDocument.objects.filter(pk=document_id).first()
    if document is None:
        raise errors.NotVisible()
    if document.status != IssuedDocument.Status.PENDING and document.signed_by_id == job.requested_by_id:
        return {"summary": _("Signed. The records clerk will now number and issue it.")}  # an earlier attempt did
    progress(10, _("Signing the document and moving its dossiers on"))
    batch_sign(
        acting_user=job.requested_by,
        document_id=document_id,
        confirm="",
        comment=job.params.get("comment", ""),
        preconfirmed=True,
    )
    return {"summary": _("Signed. The records clerk will now number and issue it.")}
