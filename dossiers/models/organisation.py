from django.conf import settings
from django.db import models
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
    recruited_on = models.DateField(
        _("recruited on"), null=True, blank=True, help_text=_("Ngày tuyển dụng: the service-time rules count from it.")
    )
    left_on = models.DateField(
        _("left the department on"),
        null=True,
        blank=True,
        help_text=_("A collective is judged on its members at the period's end: who left after it still counts."),
    )
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
