"""The ground every app stands on: the organisation, its departments and people, its periods, and the award
catalog under each legal regime (đơn vị, khoa/phòng, cán bộ, kỳ thi đua, danh mục khen thưởng).

These rows moved here from ``dossiers`` (issue 14) with their tables renamed by a migration; nothing in this app
imports an app above the ground.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.base import reference
from ground.base.language import english_active


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


# The catalog's danh hiệu thi đua (Law 06/2022/QH15 art. 20, 23-28); the other awards are hình thức khen thưởng.
TITLE_CODES = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH"})


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
        return self.name_en if english_active() else self.name_vi

    @property
    def decided_by_unit(self):
        return self.decided_by == self.DecidedBy.UNIT

    @property
    def is_title(self):
        """A danh hiệu thi đua (Lao động tiên tiến, Chiến sĩ thi đua, Tập thể lao động…, Cờ thi đua), as opposed
        to a hình thức khen thưởng (Giấy khen, Bằng khen): a decision "tặng danh hiệu" only the former."""
        return self.code in TITLE_CODES

    def accepts(self, nominee_kind):
        """Whether a nominee of this kind ("person" or "department") may receive this award."""
        wanted = self.Subject.INDIVIDUAL if nominee_kind == "person" else self.Subject.COLLECTIVE
        return self.subject in (wanted, self.Subject.BOTH)


# --- where the rules come from (issue 20) -----------------------------------------------------------
# The legal texts the rules cite, and the school's own regulation (Quy chế thi đua, khen thưởng): versioned, it
# holds the choices the law leaves to the school; a council session copies the version in force when it is called.


class LegalText(models.Model):
    """Văn bản quy phạm pháp luật: cited by the rules as their source."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    number = models.CharField(_("number"), max_length=40, blank=True, help_text=_("e.g. 06/2022/QH15"))
    name_vi = models.CharField(_("short name (Vietnamese)"), max_length=255)
    name_en = models.CharField(_("short name (English)"), max_length=255)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")
        ordering = ["effective_from", "code"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if english_active() else self.name_vi


class DisciplineEndedInYear(models.TextChoices):
    """A discipline that ended during the judged year: the title of that year is excluded, or considered."""

    EXCLUDED = "excluded", _("The title of that year is excluded")
    CONSIDERED = "considered", _("Considered: only a discipline still in effect at the year's end excludes")


def _default_secret_awards():
    return ["CSTD_TINH", "CSTD_TQ"]


def _default_articles():
    return {"council": "", "posting": "", "discipline": "", "quota": ""}


class SchoolRegulation(models.Model):
    """Quy chế thi đua, khen thưởng của Trường: one version per effective date (the latest in force applies)."""

    class Base(models.TextChoices):
        MEMBERS = "members", _("All members of the council")
        PRESENT = "present", _("Members present (and written votes)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="regulations", verbose_name=_("organisation")
    )
    number = models.CharField(
        _("number"), max_length=60, help_text=_("The number of the decision issuing it, e.g. 15/QĐ-TCT.")
    )
    title = models.CharField(_("title"), max_length=255, default="Quy chế thi đua, khen thưởng")
    signed_on = models.DateField(_("signed on"))
    effective_from = models.DateField(_("effective from"))
    issued_by_title = models.CharField(
        _("issued by"),
        max_length=255,
        blank=True,
        help_text=_("Who signed the decision issuing it, as the grounds name them, e.g. Hiệu trưởng Trường Chính trị."),
    )
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3)
    threshold_percent = models.DecimalField(
        _("threshold (percentage of approving votes)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    secret_threshold_percent = models.DecimalField(
        _("threshold of a secret ballot (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    secret_ballot_awards = models.JSONField(
        _("awards voted by secret ballot"), default=_default_secret_awards, blank=True, help_text=_("Award codes.")
    )
    threshold_base = models.CharField(_("measured against"), max_length=10, choices=Base.choices, default="members")
    secretary_votes = models.BooleanField(_("the council's secretary votes"), default=True)
    posting_days_school = models.PositiveSmallIntegerField(
        _("public posting of the school's awards (working days)"), default=5
    )
    posting_days_state = models.PositiveSmallIntegerField(
        _("public posting of state awards (working days)"), default=10
    )
    discipline_ended_in_year = models.CharField(
        _("a discipline that ended during the year"),
        max_length=12,
        choices=DisciplineEndedInYear.choices,
        default=DisciplineEndedInYear.EXCLUDED,
    )
    # Hội đồng sáng kiến: how it decides (quorum and the measure as above). Empty threshold: the general one.
    initiatives_threshold_percent = models.DecimalField(
        _("Initiatives Council: threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Empty: the council's general threshold."),
    )
    initiatives_secret_ballot = models.BooleanField(_("Initiatives Council: secret ballot"), default=False)
    # Tỷ lệ khen thưởng the school sets where the law leaves it to the unit (Decree 91/2017 art. 9(3): "do bộ,
    # ban, ngành, tỉnh ... quy định ... nhưng không quá 15%"; no ceiling in the law since 2024).
    quotas = models.JSONField(
        _("quota ratios"),
        default=list,
        blank=True,
        help_text=_('e.g. [{"award": "CSTDCS", "base": "LDTT", "percent": "15"}]: at most 15 percent of the LĐTT.'),
    )
    articles = models.JSONField(
        _("articles of the regulation"),
        default=_default_articles,
        blank=True,
        help_text=_('Where each value is set, e.g. {"council": "8", "posting": "10", "discipline": "5"}.'),
    )

    class Meta:
        verbose_name = _("school regulation on emulation and commendation")
        verbose_name_plural = _("school regulations on emulation and commendation")
        ordering = ["organisation", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "effective_from"], name="regulation_once_per_date"),
            models.CheckConstraint(
                condition=models.Q(quorum_numerator__gt=0, quorum_numerator__lte=models.F("quorum_denominator")),
                name="regulation_quorum_is_a_fraction",
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.number}".strip()

    def clean(self):
        if not isinstance(self.secret_ballot_awards, list):
            raise ValidationError({"secret_ballot_awards": _('A list of award codes, e.g. ["CSTD_TINH"].')})
        if not isinstance(self.articles, dict):
            raise ValidationError({"articles": _("The parameters must be a JSON object.")})
        if quota_errors(self.quotas):
            raise ValidationError({"quotas": quota_errors(self.quotas)})

    def ground(self):
        """What a document cites among its grounds (căn cứ): "Quy chế thi đua, khen thưởng ban hành kèm theo Quyết
        định số 15/QĐ-TCT ngày 10/01/2026 của Hiệu trưởng …" (empty for the unsaved defaults: nothing to cite)."""
        if not self.pk or not self.number:
            return ""
        text = f"{self.title} ban hành kèm theo Quyết định số {self.number} ngày {self.signed_on:%d/%m/%Y}"
        return text + (f" của {self.issued_by_title}" if self.issued_by_title else "")

    def citation(self, topic):
        """ "Điều 8 Quy chế thi đua, khen thưởng 15/QĐ-TCT" (or without the article when none is recorded)."""
        article = str((self.articles or {}).get(topic) or "")
        name = str(self) if self.number else _("the school's regulation on emulation and commendation")
        if not article:
            return str(name)
        return _("art. %(article)s, %(text)s") % {
            "article": article,
            "text": name,
        }

    def values(self):
        """What a council session copies when it is called (the session keeps it, whatever changes later)."""
        return {
            "regulation": self.pk,
            "number": self.number,
            "quorum": [self.quorum_numerator, self.quorum_denominator],
            "threshold_percent": str(self.threshold_percent),
            "secret_threshold_percent": str(self.secret_threshold_percent),
            "secret_ballot_awards": list(self.secret_ballot_awards or []),
            "threshold_base": self.threshold_base,
            "secretary_votes": self.secretary_votes,
            "posting_days": {"unit": self.posting_days_school, "state": self.posting_days_state},
            "quotas": {
                str(q["award"]): {"base": str(q["base"]), "percent": str(q["percent"])}
                for q in (self.quotas or [])
                if not quota_errors([q])
            },
            "articles": {k: str(v) for k, v in (self.articles or {}).items() if v},
            "initiatives": {
                "threshold_percent": str(self.initiatives_threshold_percent or self.threshold_percent),
                "secret": self.initiatives_secret_ballot,
            },
        }


def quota_errors(quotas):
    """What is wrong with a regulation's quota ratios (a list of {"award", "base", "percent"}), or []."""
    if not isinstance(quotas, list):
        return [_('A list of ratios, e.g. [{"award": "CSTDCS", "base": "LDTT", "percent": "15"}].')]
    for q in quotas:
        try:
            ok = bool(q["award"]) and bool(q["base"]) and 0 <= Decimal(str(q["percent"])) <= 100
        except (KeyError, TypeError, ArithmeticError, ValueError):
            ok = False
        if not ok:
            return [_("Each ratio names an award, its base award and a percentage between 0 and 100.")]
    return []


def regulation_in_force(organisation_id, day):
    """The version in force on ``day``; without any, the defaults (an unsaved version, cited generically)."""
    versions = reference.rows(SchoolRegulation)
    found = max(
        (r for r in versions if r.organisation_id == organisation_id and r.effective_from <= day),
        key=lambda r: r.effective_from,
        default=None,
    )
    return found or SchoolRegulation(organisation_id=organisation_id, number="", signed_on=day, effective_from=day)
