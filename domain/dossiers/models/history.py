from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import AwardType, Department, Organisation, StaffMember


class AwardRecord(models.Model):
    """An award received: the nominee's history, basis for "consecutive years" rules."""

    class Method(models.TextChoices):
        """Phương thức khen thưởng: only regular (thường xuyên) awards count toward higher merit-based awards."""

        REGULAR = "regular", _("Regular")
        THEMATIC = "thematic", _("Thematic")
        ONE_OFF = "one_off", _("One-off")
        LONG_SERVICE = "long_service", _("Long service")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="awards", verbose_name=_("person")
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="awards", verbose_name=_("department")
    )
    award = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+", verbose_name=_("award"))
    year = models.PositiveIntegerField(_("year"))
    decision_number = models.CharField(_("decision number"), max_length=40)
    decision_date = models.DateField(_("decision date"))
    amount = models.PositiveIntegerField(
        _("amount due (VND)"),
        null=True,
        blank=True,
        help_text=_("Coefficient × base salary on the decision date, rounded up to 10,000 VND."),
    )
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=Method.choices,
        default=Method.REGULAR,
        help_text=_("A thematic, one-off or long-service award does not count toward higher awards."),
    )
    dossier = models.OneToOneField(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_record",
        verbose_name=_("dossier"),
    )

    class Meta:
        verbose_name = _("award received")
        verbose_name_plural = _("award history")
        ordering = ["-year"]
        indexes = [models.Index(fields=["person", "year"]), models.Index(fields=["department", "year"])]

    def __str__(self):
        return f"{self.award.code} {self.year} ({self.decision_number})"


class AwardRevocation(models.Model):
    """Thu hồi: an award revoked by a decision (Law 06/2022/QH15, chapter VII), with the money to recover.

    The award stays in the history, annotated; it no longer counts for eligibility.
    """

    class Ground(models.TextChoices):
        FALSE_DECLARATION = "false_declaration", _("Dishonest declaration of achievements")
        FALSE_DOCUMENTS = "false_documents", _("False information or forged documents")
        UNLAWFUL_REVIEW = "unlawful_review", _("Appraised, reviewed or proposed against the law")
        LATER_FINDING = "later_finding", _("A later finding that the criteria were not met")

    award_record = models.OneToOneField(
        AwardRecord, on_delete=models.PROTECT, related_name="revocation", verbose_name=_("award")
    )
    ground = models.CharField(_("ground"), max_length=20, choices=Ground.choices)
    decision_number = models.CharField(_("revocation decision number"), max_length=40)
    decision_date = models.DateField(_("revocation decision date"))
    amount_to_recover = models.PositiveIntegerField(_("amount to recover (VND)"), default=0)
    recovered_on = models.DateField(_("recovered on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award revocation")
        verbose_name_plural = _("award revocations")
        ordering = ["-decision_date"]
        permissions = [("revoke_award", _("Record the revocation of an award"))]

    def __str__(self):
        return f"{self.award_record} — {self.decision_number}"
