"""The record of a person or a department that eligibility is judged on (hồ sơ cá nhân, tập thể).

Award history itself is ``dossiers.AwardRecord``; here: yearly ratings, discipline, pending cases, initiatives.
A row concerns a person or a department, never both (``Subject`` mixin).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Department, Organisation, StaffMember


def _one_subject(name):
    return models.CheckConstraint(
        condition=(
            models.Q(person__isnull=False, department__isnull=True)
            | models.Q(person__isnull=True, department__isnull=False)
        ),
        name=name,
    )


class Subject(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.organisation_id and self.subject is not None:
            self.organisation_id = self.subject.organisation_id
        super().save(*args, **kwargs)

    @property
    def subject(self):
        return self.person or self.department


class Rating(models.TextChoices):
    """Xếp loại chất lượng hằng năm."""

    HTXSNV = "HTXSNV", _("Completes duties excellently (HTXSNV)")
    HTTNV = "HTTNV", _("Completes duties well (HTTNV)")
    HTNV = "HTNV", _("Completes duties (HTNV)")
    KHTNV = "KHTNV", _("Does not complete duties (KHTNV)")


class YearlyRating(Subject):
    year = models.PositiveIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=8, choices=Rating.choices)

    class Meta:
        verbose_name = _("yearly rating")
        verbose_name_plural = _("yearly ratings")
        ordering = ["-year"]
        permissions = [("import_history", _("Import the award history of past years"))]
        constraints = [
            _one_subject("rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], name="rating_person_year"),
            models.UniqueConstraint(fields=["department", "year"], name="rating_department_year"),
        ]

    def __str__(self):
        return f"{self.subject} {self.year}: {self.rating}"


class Discipline(Subject):
    """Kỷ luật: in effect from its start to its end (an open end: until lifted)."""

    class Kind(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand")
        WARNING = "warning", _("Warning")
        DEMOTION = "demotion", _("Demotion")
        DISMISSAL = "dismissal", _("Removal from office")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("discipline")
        ordering = ["-start"]
        constraints = [_one_subject("discipline_one_subject")]

    def __str__(self):
        return f"{self.subject}: {self.get_kind_display()} {self.start:%d/%m/%Y}"


class PendingCase(Subject):
    """A complaint, denunciation, inspection or disciplinary review: blocks awards while open."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")
        INSPECTION = "inspection", _("Inspection")
        DISCIPLINE_REVIEW = "discipline_review", _("Disciplinary review")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pending case")
        verbose_name_plural = _("complaints, inspections and reviews")
        ordering = ["-opened_on"]
        constraints = [_one_subject("case_one_subject")]

    def __str__(self):
        return f"{self.subject}: {self.get_kind_display()} {self.opened_on:%d/%m/%Y}"


class Initiative(models.Model):
    """Sáng kiến: recognised by the Initiatives Council (school) or a higher body."""

    class Scope(models.TextChoices):
        SCHOOL = "school", _("School")
        PROVINCE = "province", _("Province")
        NATIONAL = "national", _("National")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the Initiatives Council")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Not recognised")

    # Order of scopes, for "recognised at province level or higher".
    RANK = {Scope.SCHOOL: 1, Scope.PROVINCE: 2, Scope.NATIONAL: 3}

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=500)
    authors = models.ManyToManyField(StaffMember, related_name="initiatives", verbose_name=_("authors"))
    year = models.PositiveIntegerField(_("year"))
    scope = models.CharField(_("scope of recognition"), max_length=10, choices=Scope.choices, default=Scope.SCHOOL)
    recognised_by = models.CharField(_("recognising body"), max_length=255, blank=True)
    document = models.CharField(_("recognition document"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]
        permissions = [("review_initiative", _("Record the Initiatives Council's decisions"))]

    def __str__(self):
        return f"{self.title} ({self.year})"
