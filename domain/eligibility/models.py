"""Eligibility criteria as data: one row per condition, per award code and legal regime.

What a ``kind`` means is code (``eligibility.predicates``); its thresholds (``params``), whether it blocks the
signature (``hard``), its dates and its wording are data the administrator edits without a deploy.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import LegalRegime


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
    position = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("eligibility rule")
        verbose_name_plural = _("eligibility rules")
        ordering = ["regime__effective_from", "award_code", "position", "id"]
        indexes = [models.Index(fields=["regime", "award_code"])]

    def __str__(self):
        return f"{self.award_code or '*'} · {self.kind} ({self.regime.code})"

    def clean(self):
        from .predicates import params_errors

        problems = params_errors(self.kind, self.params)
        if problems:
            raise ValidationError({"params" if self.kind in _kinds() else "kind": problems})
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date is before the start date.")})


def _kinds():
    from .predicates import KINDS

    return KINDS
