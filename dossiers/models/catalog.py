from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LegalRegime(models.Model):
    """A body of law in force between two dates (e.g. Law 06/2022 with Decree 98/2023)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal regime")
        verbose_name_plural = _("legal regimes")
        ordering = ["effective_from"]

    def __str__(self):
        return self.name


class AwardType(models.Model):
    """One award of the catalog under one legal regime (danh hiệu / hình thức khen thưởng)."""

    class Subject(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        COLLECTIVE = "collective", _("Collective")
        BOTH = "both", _("Individual or collective")

    class DecidedBy(models.TextChoices):
        UNIT = "unit", _("Principal (the school)")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National (via the province)")

    regime = models.ForeignKey(
        LegalRegime, on_delete=models.PROTECT, related_name="awards", verbose_name=_("legal regime")
    )
    code = models.SlugField(_("code"), max_length=40)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255)
    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    decided_by = models.CharField(_("decided by"), max_length=10, choices=DecidedBy.choices)
    coefficient = models.DecimalField(_("coefficient"), max_digits=5, decimal_places=2)
    collective_coefficient = models.DecimalField(
        _("coefficient for a collective"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    criteria = models.TextField(_("main criteria"), blank=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("award catalog")
        ordering = ["regime__effective_from", "code"]
        constraints = [models.UniqueConstraint(fields=["regime", "code"], name="award_code_per_regime")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "vi").startswith("en") else self.name_vi

    @property
    def decided_by_unit(self):
        return self.decided_by == self.DecidedBy.UNIT

    def accepts(self, nominee_kind):
        """Whether a nominee of this kind ("person" or "department") may receive this award."""
        wanted = self.Subject.INDIVIDUAL if nominee_kind == "person" else self.Subject.COLLECTIVE
        return self.subject in (wanted, self.Subject.BOTH)
