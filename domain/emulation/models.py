"""Phong trào thi đua and đăng ký thi đua: the year's movements, and the titles each department registers for
itself and its staff at the start of the year, by a deadline."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Department, Organisation, StaffMember


class EmulationPlan(models.Model):
    """Kế hoạch thi đua năm: the yearly emulation plan the school issues (e.g. "21-KH/TCT")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500)
    document = models.CharField(_("document number"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    content = models.TextField(_("content"), blank=True)

    class Meta:
        verbose_name = _("emulation plan")
        verbose_name_plural = _("emulation plans")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.year}: {self.title}"


class Movement(models.Model):
    """Phong trào thi đua: launched by a document, with its criteria, target units, registration window and the
    awards it may lead to. Awards of a thematic, one-off or long-service movement do not count toward higher
    merit-based awards (Decree 152/2025 general principles)."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular (yearly)")
        THEMATIC = "thematic", _("Thematic")
        ONE_OFF = "one_off", _("One-off")
        LONG_SERVICE = "long_service", _("Long service")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    plan = models.ForeignKey(
        EmulationPlan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("emulation plan"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    theme = models.CharField(_("theme"), max_length=500)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    document = models.CharField(_("launching document"), max_length=100, blank=True)
    document_date = models.DateField(_("date of the launching document"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    target_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="+",
        verbose_name=_("target units"),
        help_text=_("Leave empty when the movement is for every unit."),
    )
    registration_opens = models.DateField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateField(_("registration closes"), null=True, blank=True)
    award_codes = models.CharField(
        _("awards it may lead to"),
        max_length=300,
        blank=True,
        help_text=_("Award codes separated by commas, e.g. GIAYKHEN, BANGKHEN_TINH."),
    )
    dossiers = models.ManyToManyField(
        "dossiers.Dossier", blank=True, related_name="movements", verbose_name=_("dossiers")
    )

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-start"]
        permissions = [("manage_movements", _("Manage plans, movements, clusters and their summaries"))]

    def __str__(self):
        return self.theme

    @property
    def counts_toward_higher(self):
        return self.kind == self.Kind.REGULAR

    @property
    def award_code_list(self):
        return [c.strip().upper() for c in self.award_codes.split(",") if c.strip()]

    def open_to(self, department_id):
        """A movement with no target units is for every unit; else only for its target units."""
        targets = {d.pk for d in self.target_departments.all()}
        return not targets or department_id in targets

    def registration_open_on(self, day):
        return (self.registration_opens is None or self.registration_opens <= day) and (
            self.registration_closes is None or day <= self.registration_closes
        )


class MovementSummary(models.Model):
    """Sơ kết (half-year) or tổng kết (year-end) of a movement: figures drafted from the data, the text completed
    by the secretariat."""

    class Stage(models.TextChoices):
        HALF_YEAR = "half_year", _("Half-year review")
        YEAR_END = "year_end", _("Year-end review")

    movement = models.ForeignKey(
        Movement, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("movement")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    year = models.PositiveIntegerField(_("year"))
    figures = models.JSONField(_("figures"), default=dict)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    next_steps = models.TextField(_("tasks ahead"), blank=True)
    document = models.CharField(_("report number"), max_length=100, blank=True)
    drafted_at = models.DateTimeField(_("drafted at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("completed by"),
    )

    class Meta:
        verbose_name = _("movement summary")
        verbose_name_plural = _("movement summaries")
        constraints = [models.UniqueConstraint(fields=["movement", "stage", "year"], name="movement_summary_unique")]

    def __str__(self):
        return f"{self.movement} · {self.get_stage_display()} {self.year}"


class Cluster(models.Model):
    """Cụm / Khối thi đua of the province for a year: its member units, head unit and the covenant (giao ước)
    signed at the start-of-year conference; the review result for the school is what the Cờ thi đua rule reads."""

    class Proposal(models.TextChoices):
        NONE = "", _("No proposal")
        FLAG = "co_tinh", _("Cờ thi đua of the Provincial People's Committee")
        MERIT = "bang_khen", _("Bằng khen of the Chairman of the Provincial People's Committee")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=255)
    head_unit = models.CharField(_("head unit"), max_length=255)
    deputy_head_unit = models.CharField(_("deputy head unit"), max_length=255, blank=True)
    covenant_document = models.CharField(_("covenant document"), max_length=100, blank=True)
    covenant_date = models.DateField(_("covenant signed on"), null=True, blank=True)
    covenant_content = models.TextField(_("covenant content"), blank=True)
    rank = models.PositiveIntegerField(_("our rank in the review"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    proposal = models.CharField(_("proposal"), max_length=12, choices=Proposal.choices, blank=True, default="")
    result_document = models.CharField(_("review minutes or result document"), max_length=100, blank=True)
    result_date = models.DateField(_("review date"), null=True, blank=True)

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="cluster_per_year")]

    def __str__(self):
        return f"{self.name} ({self.year})"


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="members", verbose_name=_("cluster"))
    unit = models.CharField(_("member unit"), max_length=255)
    is_us = models.BooleanField(_("our unit"), default=False)

    class Meta:
        verbose_name = _("cluster member")
        verbose_name_plural = _("cluster members")
        ordering = ["pk"]

    def __str__(self):
        return self.unit


class RegistrationDeadline(models.Model):
    """The last day departments may register for a year (hạn đăng ký thi đua)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
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

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("department")
    )
    person = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    award_code = models.SlugField(_("award code"), max_length=40)
    movement = models.ForeignKey(
        Movement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("movement"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
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
