from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import Dossier


def document_path(instance, filename):
    # The stored name is ours (hash-based); the user's filename is kept in a column.
    return f"dossiers/{instance.dossier_id}/{instance.sha256[:16]}-{instance.version}"


class Document(models.Model):
    """One stored file of a dossier. A new upload of the same document adds a version; old ones stay."""

    class Kind(models.TextChoices):
        ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report (form 01/02)")
        SUBMISSION_LETTER = "submission_letter", _("Submission letter")
        COUNCIL_MINUTES = "council_minutes", _("Council minutes")
        INITIATIVE_CERTIFICATE = "initiative_certificate", _("Initiative certificate")
        DECISION = "decision", _("Award decision")
        EVIDENCE = "evidence", _("Other evidence")
        PROVINCE_DECISION = "province_decision", _("Province's decision")

    # Kinds a dossier holds one of: a new upload becomes the next version of the current one.
    SINGLE_KINDS = {
        Kind.ACHIEVEMENT_REPORT,
        Kind.SUBMISSION_LETTER,
        Kind.COUNCIL_MINUTES,
        Kind.DECISION,
        Kind.PROVINCE_DECISION,
    }
    # Kinds only the process stores: the council's minutes (cited by the decision), the decision, the province's
    # decision. A department never uploads them (its form does not offer them, its upload refuses them).
    SYSTEM_KINDS = {Kind.COUNCIL_MINUTES, Kind.DECISION, Kind.PROVINCE_DECISION}

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="documents", verbose_name=_("dossier"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=120)
    version = models.PositiveIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("previous version"),
    )
    is_current = models.BooleanField(_("current version"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-version"]
        indexes = [models.Index(fields=["dossier", "is_current"])]

    def __str__(self):
        return f"{self.filename} (v{self.version})"
