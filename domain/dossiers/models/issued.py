from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Organisation


class NumberSequence(models.Model):
    """The last number issued per organisation, year and document type; locked while a number is taken."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(verbose_name=_("year"))
    doc_type = models.CharField(max_length=10, verbose_name=_("doc type"))
    last_number = models.PositiveIntegerField(default=0, verbose_name=_("last number"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "doc_type"], name="number_sequence_unique")
        ]

    def __str__(self):
        return f"{self.doc_type} {self.year}: {self.last_number}"


def signed_path(instance, filename):
    return f"official/{instance.year or timezone.localdate().year}/{filename}"


class IssuedDocument(models.Model):
    """An official document of the unit covering a batch of dossiers (văn bản: quyết định, tờ trình).

    The secretariat drafts it (the dossiers of one award — or of several awards, one article each — or of one higher
    authority), the signer signs it (a certified PDF whose number and date fields stay fillable), then the records
    clerk (văn thư) issues it: the number comes from the outgoing register, number and date are filled in and the
    organisation's signature is added as an incremental update. An issued document is never edited: a change means
    cancelling it — the number stays recorded in the register — and issuing a new one.
    """

    class Type(models.TextChoices):
        DECISION = "QĐ", _("Award decision")
        SUBMISSION = "TTr", _("Submission letter")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Waiting for the signature")
        SIGNED = "signed", _("Signed, waiting for the number")
        ISSUED = "issued", _("Issued")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    doc_type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    award_code = models.CharField(_("award"), max_length=40, blank=True, help_text=_("Empty: one article per award."))
    authority = models.CharField(_("higher authority"), max_length=12, blank=True)
    dossiers = models.ManyToManyField(
        "dossiers.Dossier", related_name="issued_documents", blank=True, verbose_name=_("dossiers")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("prepared by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, null=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    symbol = models.CharField(_("number and symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by (records clerk)"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signature_block = models.JSONField(_("signature block"), default=dict, blank=True)
    delegation = models.ForeignKey(
        "official.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delegation"),
    )
    signed_file = models.FileField(_("PDF signed by the signer"), upload_to=signed_path, max_length=255, blank=True)
    signed_sha256 = models.CharField(_("SHA-256 of the signer's PDF"), max_length=64, blank=True)
    file = models.FileField(_("issued PDF"), upload_to=signed_path, max_length=255, blank=True)
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
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        permissions = [
            ("prepare_batch", _("Can draft the batch documents of a session")),
            ("issue_document", _("Can issue documents: number, date and the organisation's signature")),
        ]

    def __str__(self):
        return self.symbol or f"{self.get_doc_type_display()} ({self.get_status_display()})"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_issued(self):
        return self.status == self.Status.ISSUED
