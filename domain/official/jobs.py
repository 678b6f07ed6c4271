"""Long work of the official documents run as background jobs (``ground.jobs``): printing the certificates."""

from django.utils.translation import gettext as _

from domain.dossiers.models import IssuedDocument
from ground.base import errors
from ground.jobs.services import job_start

from .batches import document_get
from .certificates import certificates_pdf

CERTIFICATES = "certificates"


def certificates_job(job, progress):
    """The certificates' PDF of an issued decision, as its requester may print it (checked again here)."""
    document_id = int(job.params["document"])
    progress(1, _("Reading the awardees"))
    content = certificates_pdf(actor=job.requested_by, document_id=document_id, progress=progress)
    return f"giay-khen-{document_id}.pdf", content, "application/pdf"


def certificates_job_start(*, user, document_id):
    """Ask for the certificates of an issued decision in the background (refused at once if they cannot be)."""
    document = document_get(actor=user, document_id=document_id)
    if document.doc_type != IssuedDocument.Type.DECISION or not document.is_issued:
        raise errors.Conflict(_("Certificates are printed for an issued decision."))
    title = _("Certificates of decision %(symbol)s") % {"symbol": document.symbol}
    return job_start(user=user, kind=CERTIFICATES, title=title, params={"document": document.pk})
