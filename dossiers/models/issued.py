from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisation import Organisation


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


class IssuedDocument(models.Model):
    """A numbered official document signed by the principal: award decision (QĐ) or submission letter (TTr)."""

    class Type(models.TextChoices):
        DECISION = "QĐ", _("Award decision")
        SUBMISSION = "TTr", _("Submission letter")

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
