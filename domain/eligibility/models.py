"""Eligibility criteria as data: one row per condition, per award code and legal regime.

What a ``kind`` means is code (``eligibility.predicates``); its thresholds (``params``), whether it blocks the
signature (``hard``), its dates and its wording are data the administrator edits without a deploy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import LegalRegime, LegalText


class Rule(models.Model):
    class Subject(models.TextChoices):
        ANY = "any", _("Any nominee")
        PERSON = "person", _("Individuals")
        DEPARTMENT = "department", _("Collectives")

    regime = models.ForeignKey(
        LegalRegime, on_delete=models.PROTECT, related_name="rules", verbose_name=_("legal regime")
    )
    award_code = models.SlugField(
        _("award code"), max_length=40, blank=True, help_text=_("Empty: the rule applies to every award.")
    )
    subject = models.CharField(_("applies to"), max_length=10, choices=Subject.choices, default=Subject.ANY)
    kind = models.CharField(_("condition"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    hard = models.BooleanField(
        _("blocks the signature"),
        default=False,
        help_text=_("A hard rule that fails refuses the principal's signature; the others are shown to the council."),
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    reason_vi = models.CharField(
        _("reason (Vietnamese)"),
        max_length=500,
        blank=True,
        help_text=_("Optional wording; placeholders such as {year} or {award} are filled in. Empty: the default."),
    )
    reason_en = models.CharField(_("reason (English)"), max_length=500, blank=True)
    # Căn cứ: where the condition comes from, shown after each reason.
    source = models.ForeignKey(
        LegalText,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("source: legal text"),
        help_text=_("Empty with an article: the school's regulation on emulation and commendation in force."),
    )
    source_school = models.BooleanField(
        _("source: the school's regulation"),
        default=False,
        help_text=_("The condition is the school's own choice, set by its regulation (Quy chế thi đua, khen thưởng)."),
    )
    source_article = models.CharField(_("article"), max_length=20, blank=True)
    source_clause = models.CharField(_("clause"), max_length=20, blank=True)
    source_point = models.CharField(_("point"), max_length=20, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["regime__effective_from", "award_code", "position", "id"]
        indexes = [models.Index(fields=["regime", "award_code"])]

    def __str__(self):
        return f"{self.award_code or '*'} · {self.kind} ({self.regime.code})"

    def citation(self, regulation=None):
        """ "Điều 28 khoản 1 điểm c Luật Thi đua, khen thưởng 2003…" in the active language; empty without a source.

        A rule whose source is the school's regulation cites the version in force (its article for the rule's
        kind, from the regulation's ``articles``, when the rule names none).
        """
        if self.source_school:
            numbered = regulation is not None and regulation.number
            name = str(regulation) if numbered else str(_("the school's regulation on emulation and commendation"))
            article = self.source_article or (str((regulation.articles or {}).get(self.kind, "")) if numbered else "")
        elif self.source_id:
            name, article = self.source.name, self.source_article
        else:
            return ""
        where = _article(article, self.source_clause, self.source_point)
        return (_("%(text)s, %(where)s") % {"text": name, "where": where}) if where else name

    def clean(self):
        from .predicates import params_errors

        problems = params_errors(self.kind, self.params)
        if problems:
            raise ValidationError({"params" if self.kind in _kinds() else "kind": problems})
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date is before the start date.")})


def _article(article, clause, point):
    if not article:
        return ""
    if clause and point:
        return _("art. %(article)s(%(clause)s)(%(point)s)") % {"article": article, "clause": clause, "point": point}
    if clause:
        return _("art. %(article)s(%(clause)s)") % {"article": article, "clause": clause}
    return _("art. %(article)s") % {"article": article}


def _kinds():
    from .predicates import KINDS

    return KINDS
