"""The ground every app stands on: the organisation, its departments and people, its periods, and the award
catalog under each legal regime (đơn vị, khoa/phòng, cán bộ, kỳ thi đua, danh mục khen thưởng).

These rows moved here from ``dossiers`` (issue 14) with their tables renamed by a migration; nothing in this app
imports an app above the ground.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A unit that runs its own emulation work (đơn vị), e.g. Trường Chính trị tỉnh."""

    code = models.CharField(
        _("symbol"), max_length=20, unique=True, help_text=_("Used in document symbols, e.g. TCT in 12/QĐ-TCT.")
    )
    name = models.CharField(_("name"), max_length=255)
    place = models.CharField(_("place"), max_length=100, help_text=_("Place written on documents, e.g. Lai Châu."))

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Department(models.Model):
    """Khoa / phòng: nominates its staff and itself."""

    class Kind(models.TextChoices):
        FACULTY = "faculty", _("Faculty")
        OFFICE = "office", _("Office")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="departments", verbose_name=_("organisation")
    )
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.FACULTY)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="department_code_unique")]

    def __str__(self):
        return self.name


class StaffMember(models.Model):
    """Cán bộ, giảng viên, nhân viên; linked to a login when the person uses the system."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="staff", verbose_name=_("organisation")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="staff", verbose_name=_("department")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
        verbose_name=_("login"),
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name


class Period(models.Model):
    """Kỳ thi đua: one emulation year of an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="periods", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    is_open = models.BooleanField(_("open for nominations"), default=True)
    # The period's hard dates: drafts still unsubmitted after them are closed as late.
    nominations_close = models.DateField(
        _("nominations close"), null=True, blank=True, help_text=_("Last day to submit a nomination.")
    )
    province_submission_date = models.DateField(
        _("province's submission date"),
        null=True,
        blank=True,
        help_text=_("Last day the province accepts dossiers for its awards."),
    )

    class Meta:
        verbose_name = _("emulation period")
        verbose_name_plural = _("emulation periods")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="period_year_unique")]

    def __str__(self):
        return str(self.year)


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
