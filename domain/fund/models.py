"""Quỹ thi đua, khen thưởng: income lines and one payout line per awardee of every signed decision.

Amounts are whole VND. A payout is never deleted or paid twice: it is due, paid (with the day), or reversed with a
reason when the award is cancelled or revoked (money already paid is then to be recovered).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from domain.dossiers.models import AwardRecord
from ground.base.money import vnd
from ground.organisation.models import Organisation


class FundIncome(models.Model):
    class Source(models.TextChoices):
        BUDGET = "budget", _("State budget allocation")
        OTHER = "other", _("Other sources")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    received_on = models.DateField(_("received on"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.BUDGET)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    document = models.CharField(_("document reference"), max_length=150, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("fund income")
        verbose_name_plural = _("fund income")
        ordering = ["received_on", "pk"]

    def __str__(self):
        return f"{self.received_on:%d/%m/%Y} {vnd(self.amount)} ({self.get_source_display()})"


class Payout(models.Model):
    class Status(models.TextChoices):
        DUE = "due", _("Not paid")
        PAID = "paid", _("Paid")
        REVERSED = "reversed", _("Reversed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveIntegerField(_("year"))
    award_record = models.OneToOneField(
        AwardRecord, on_delete=models.PROTECT, related_name="payout", verbose_name=_("award received")
    )
    decision_number = models.CharField(_("decision number"), max_length=40, db_index=True)
    decision_date = models.DateField(_("decision date"))
    payee = models.CharField(_("awardee"), max_length=255)
    unit = models.CharField(_("unit"), max_length=255)
    award_name = models.CharField(_("award"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("paid by"),
    )
    reversed_on = models.DateField(_("reversed on"), null=True, blank=True)
    reversal_reason = models.TextField(_("reason for reversing"), blank=True)

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        ordering = ["decision_date", "decision_number", "pk"]
        permissions = [("manage_fund", _("Manage the award fund"))]
        indexes = [models.Index(fields=["organisation", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="paid") | models.Q(paid_on__isnull=False), name="payout_paid_has_date"
            )
        ]

    def __str__(self):
        return f"{self.decision_number} · {self.payee} · {vnd(self.amount)}"
