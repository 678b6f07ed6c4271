from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Organisation


class NumberSequence(models.Model):
    """The last number issued per organisation, year and document type; locked while a number is taken."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    doc_type = models.CharField(max_length=10)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "doc_type"], name="number_sequence_unique")
        ]

    def __str__(self):
        return f"{self.doc_type} {self.year}: {self.last_number}"


def signed_path(instance, filename):
    return f"official/{instance.year}/{filename}"


class IssuedDocument(models.Model):
    """A numbered official document signed by the principal: award decision (QĐ) or submission letter (TTr).

    The signed PDF is kept as it was signed (never edited); a change means cancelling it — the number stays recorded —
    and issuing a new one.
    """

    class Type(models.TextChoices):
        DECISION = "QĐ", _("Award decision")
        SUBMISSION = "TTr", _("Submission letter")

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    doc_type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    issued_on = models.DateField(_("date"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("signed by")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="issued_documents", verbose_name=_("dossier")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ISSUED)
    file = models.FileField(_("signed PDF"), upload_to=signed_path, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    signer_subject = models.CharField(_("signer's certificate"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "doc_type", "number"], name="issued_number_unique")
        ]

    def __str__(self):
        return self.symbol

    @property
    def symbol(self):
        """Số và ký hiệu, e.g. 12/QĐ-TCT."""
        return f"{self.number}/{self.doc_type}-{self.organisation.code}"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED
