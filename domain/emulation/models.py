"""Phong trào thi đua and đăng ký thi đua: the year's movements, and the titles each department registers for
itself and its staff at the start of the year, by a deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Department, Organisation, StaffMember


class Movement(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(_("theme"), max_length=500)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    document = models.CharField(_("launching document"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-start"]

    def __str__(self):
        return self.theme


class RegistrationDeadline(models.Model):
    """The last day departments may register for a year (hạn đăng ký thi đua)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    deadline = models.DateField(_("registration deadline"))

    class Meta:
        verbose_name = _("registration deadline")
        verbose_name_plural = _("registration deadlines")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="registration_deadline_year")]

    def __str__(self):
        return f"{self.year}: {self.deadline:%d/%m/%Y}"


class Registration(models.Model):
    """One title aimed for in a year by a member of staff (person) or by the department itself (no person)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField(_("year"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("department")
    )
    person = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    award_code = models.SlugField(_("award code"), max_length=40)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(_("registered at"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [("import_registrations", _("Import registrations from spreadsheets"))]
        ordering = ["department__name", "person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "person"], name="registration_person_year"),
            models.UniqueConstraint(
                fields=["year", "department"],
                condition=models.Q(person__isnull=True),
                name="registration_department_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.person or self.department}: {self.award_code}"
