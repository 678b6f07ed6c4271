"""The record of a person or a department that eligibility is judged on (hồ sơ cá nhân, tập thể).

Award history itself is ``dossiers.AwardRecord``; here: yearly ratings, discipline, pending cases, initiatives.
A row concerns a person or a department, never both (``Subject`` mixin).
"""

from django.conf import settings
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
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
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
    """Kỷ luật: in effect from its start to its end (an open end: until lifted).

    The forms and their order of severity: civil servants and public employees (Nghị định 112/2020/NĐ-CP: khiển
    trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc) and Party members (khiển trách, cảnh cáo,
    cách chức, khai trừ). Rules read the severity: a reprimand excludes an individual from LĐTT; a collective is
    excluded from TTLĐTT / TTLĐXS only when a member has a warning or above.
    """

    class System(models.TextChoices):
        CIVIL_SERVICE = "civil_service", _("Civil service (cán bộ, công chức, viên chức)")
        PARTY = "party", _("Party (kỷ luật đảng viên)")

    class Kind(models.TextChoices):
        REPRIMAND = "reprimand", _("Reprimand")
        WARNING = "warning", _("Warning")
        SALARY_DOWNGRADE = "salary_downgrade", _("Salary downgrade")
        DEMOTION = "demotion", _("Demotion")
        DISMISSAL = "dismissal", _("Removal from office")
        FORCED_RESIGNATION = "forced_resignation", _("Forced resignation")
        EXPULSION = "expulsion", _("Expulsion from the Party")

    # Order of severity (khiển trách < cảnh cáo < hạ bậc lương, giáng chức < cách chức < buộc thôi việc, khai trừ).
    SEVERITY = {
        Kind.REPRIMAND: 1,
        Kind.WARNING: 2,
        Kind.SALARY_DOWNGRADE: 3,
        Kind.DEMOTION: 3,
        Kind.DISMISSAL: 4,
        Kind.FORCED_RESIGNATION: 5,
        Kind.EXPULSION: 5,
    }
    # The forms each system knows (the Party has no salary downgrade, demotion or forced resignation).
    FORMS = {
        System.CIVIL_SERVICE: {
            Kind.REPRIMAND,
            Kind.WARNING,
            Kind.SALARY_DOWNGRADE,
            Kind.DEMOTION,
            Kind.DISMISSAL,
            Kind.FORCED_RESIGNATION,
        },
        System.PARTY: {Kind.REPRIMAND, Kind.WARNING, Kind.DISMISSAL, Kind.EXPULSION},
    }

    system = models.CharField(_("system"), max_length=14, choices=System.choices, default=System.CIVIL_SERVICE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
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

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind and self.kind not in self.FORMS.get(self.system, ()):
            raise ValidationError({"kind": _("This form of discipline does not exist in the chosen system.")})
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})

    @property
    def severity(self):
        return self.SEVERITY.get(self.kind, 1)


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

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        RESEARCH = "research", _("Research project (accepted and applied)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the Initiatives Council")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Not recognised")

    # Order of scopes, for "recognised at province level or higher".
    RANK = {Scope.SCHOOL: 1, Scope.PROVINCE: 2, Scope.NATIONAL: 3}

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=500)
    # Đề tài nghiên cứu khoa học accepted (nghiệm thu) and applied counts like an initiative for the titles.
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INITIATIVE)
    authors = models.ManyToManyField(StaffMember, related_name="initiatives", verbose_name=_("authors"))
    year = models.PositiveIntegerField(_("year"))
    scope = models.CharField(_("scope of recognition"), max_length=10, choices=Scope.choices, default=Scope.SCHOOL)
    recognised_by = models.CharField(_("recognising body"), max_length=255, blank=True)
    document = models.CharField(_("recognition document"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # When the school's Initiatives Council decided, and its vote ("7/8, 87.5 %"): the session is the evidence.
    recognised_on = models.DateField(_("decided on"), null=True, blank=True)
    council_vote = models.CharField(_("the council's vote"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-year", "title"]
        permissions = [("review_initiative", _("Record the Initiatives Council's decisions"))]

    def __str__(self):
        return f"{self.title} ({self.year})"


class ComplaintTimeLimit(models.Model):
    """Thời hạn giải quyết: working days from the acceptance (thụ lý) of a complaint or denunciation, extendable.

    Law on Complaints 2011: 30 days, 45 for a complex case; in remote areas 45, 60. Data with an effective date.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=PendingCase.Kind.choices)
    remote_area = models.BooleanField(_("remote area"), default=False)
    working_days = models.PositiveSmallIntegerField(_("working days"))
    extended_days = models.PositiveSmallIntegerField(_("working days when extended"))
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("time limit for complaints")
        verbose_name_plural = _("time limits for complaints")
        ordering = ["kind", "remote_area", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "remote_area", "effective_from"], name="complaint_limit_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.working_days}/{self.extended_days}"


class Complaint(Subject):
    """Sổ theo dõi khiếu nại, tố cáo về thi đua, khen thưởng: one complaint or denunciation concerning a person or a
    department, with its time limit in working days. While it is open its pending case blocks their awards."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")

    class Status(models.TextChoices):
        OPEN = "open", _("Being resolved")
        RESOLVED = "resolved", _("Resolved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    filed_by = models.CharField(_("filed by"), max_length=255)
    summary = models.TextField(_("summary"))
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("dossier"),
    )
    received_on = models.DateField(_("received on"))
    accepted_on = models.DateField(_("accepted on (thụ lý)"))
    remote_area = models.BooleanField(_("remote area"), default=False)
    extended = models.BooleanField(_("time limit extended"), default=False)
    extension_reason = models.TextField(_("reason of the extension"), blank=True)
    due_on = models.DateField(_("to be resolved by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    case = models.OneToOneField(
        PendingCase, on_delete=models.PROTECT, related_name="complaint", verbose_name=_("pending case")
    )

    class Meta:
        verbose_name = _("complaint or denunciation")
        verbose_name_plural = _("complaints and denunciations")
        ordering = ["-received_on", "-pk"]
        permissions = [("keep_complaints", _("Keep the register of complaints and denunciations"))]
        constraints = [_one_subject("complaint_one_subject")]
        indexes = [models.Index(fields=["due_on"], condition=models.Q(status="open"), name="complaint_open_due")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.received_on:%d/%m/%Y}: {self.subject}"


class ComplaintReminder(models.Model):
    """One reminder of one complaint's deadline to one person: the unique row that makes it go out once."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("complaint")
    )
    slot = models.CharField(max_length=30, verbose_name=_("slot"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["complaint", "slot", "recipient"], name="complaint_reminder_once")
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.slot}"
