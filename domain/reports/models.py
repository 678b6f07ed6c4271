from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Organisation


def template_path(instance, filename):
    return f"report-templates/{instance.organisation_id}/{instance.name}.docx"


class ReportTemplate(models.Model):
    """A unit's own Word template for a report (docxtpl: Jinja tags in the document), replacing the default one.

    Download the default from the Reports page, edit it in Word keeping the {{ … }} tags, and upload it here."""

    class Name(models.TextChoices):
        YEAR_END = "year-end", _("Year-end report of the emulation and commendation work")
        HALF_YEAR = "half-year", _("Half-year report of the emulation and commendation work")
        SELF_INSPECTION = "self-inspection", _("Self-inspection report (data section)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    name = models.CharField(_("report"), max_length=20, choices=Name.choices)
    file = models.FileField(_("Word template (.docx)"), upload_to=template_path, max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        permissions = [("view_reports", _("Read and export the reports"))]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="report_template_unique")]

    def __str__(self):
        return self.get_name_display()
