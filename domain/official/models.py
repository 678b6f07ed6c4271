from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSalary(models.Model):
    """Mức lương cơ sở: the base for award amounts, from its effective date (data, as the law changes it)."""

    amount = models.PositiveIntegerField(_("amount (VND)"))
    effective_from = models.DateField(_("effective from"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["-effective_from"]

    def __str__(self):
        return f"{self.amount:,} VND ({self.effective_from:%d/%m/%Y})"


class DocumentTemplate(models.Model):
    """The wording of a decision or submission letter, editable by the administrator (Decree 30/2020 layout).

    Text fields are Django templates: ``{{ dossier.reference }}``, ``{{ awardees }}``, ``{{ year }}`` …
    (see ``official.render.context``).
    """

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    doc_type = models.CharField(
        _("type"), max_length=10, choices=[("QĐ", _("Award decision")), ("TTr", _("Submission letter"))]
    )
    parent_body = models.CharField(_("governing body (upper line)"), max_length=120)
    issuing_body = models.CharField(_("issuing body"), max_length=120)
    title = models.CharField(_("title"), max_length=60)
    subject = models.TextField(_("subject line (trích yếu)"))
    authority = models.TextField(_("issuing authority line"), blank=True)
    grounds = models.TextField(_("legal grounds (one per line)"), blank=True)
    body = models.TextField(_("body"))
    recipients = models.TextField(_("recipients (Nơi nhận, one per line)"))
    signer_title = models.CharField(_("signer's title"), max_length=120)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [models.UniqueConstraint(fields=["organisation", "doc_type"], name="document_template_unique")]

    def __str__(self):
        return f"{self.get_doc_type_display()} — {self.organisation}"


class SigningCredential(models.Model):
    """A signer's certificate and key (PKCS#12) used for PAdES signatures.

    The file lives outside the media storage (``pkcs12_path``, readable by the application only); the passphrase
    is stored here for the demo's generated certificates — a production signer would use a token or an HSM.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_credential", verbose_name=_("signer")
    )
    pkcs12_path = models.CharField(_("PKCS#12 file"), max_length=500)
    passphrase = models.CharField(_("passphrase"), max_length=200, blank=True)
    subject = models.CharField(_("certificate subject"), max_length=255, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing credential")
        verbose_name_plural = _("signing credentials")

    def __str__(self):
        return self.subject or str(self.user)
