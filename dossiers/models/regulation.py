"""Where the rules come from: the legal texts cited by the rules, and the school's own regulation.

``LegalText`` is a law, decree or circular a rule cites (Luật Thi đua, khen thưởng 2022, Nghị định 98/2023/NĐ-CP…).
``SchoolRegulation`` is the school's Quy chế thi đua, khen thưởng: versioned (number, date, effective from), it holds
the choices the law leaves to the school (council thresholds, quorum, posting days, whether the secretary votes,
how a discipline that ended during the year counts). A council session copies the version in force when it is
called, so a concluded session never changes when the regulation does.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .organisation import Organisation


def _english():
    return (get_language() or "vi").startswith("en")


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
        return self.name_en if _english() else self.name_vi


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
    number = models.CharField(_("number"), max_length=60, help_text=_("e.g. 15/QĐ-TCT"))
    title = models.CharField(_("title"), max_length=255, default="Quy chế thi đua, khen thưởng")
    signed_on = models.DateField(_("signed on"))
    effective_from = models.DateField(_("effective from"))
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
        }


def regulation_in_force(organisation_id, day):
    """The version in force on ``day``; without any, the defaults (an unsaved version, cited generically)."""
    found = (
        SchoolRegulation.objects.filter(organisation_id=organisation_id, effective_from__lte=day)
        .order_by("-effective_from")
        .first()
    )
    return found or SchoolRegulation(organisation_id=organisation_id, number="", signed_on=day, effective_from=day)
