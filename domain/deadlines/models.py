from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from domain.dossiers.steps import STEPS


def _step_choices():
    return [(code, step.title) for code, step in STEPS.items()]


class ServiceLevel(models.Model):
    """Thời hạn xử lý: how many working days a step may take, from an effective date.

    The most specific row wins: period and award, then period, then award, then the default
    (neither); among equals, the latest ``effective_from`` not after the task's start.
    """

    step = models.CharField(_("step"), max_length=40, choices=_step_choices)
    award = models.ForeignKey(
        "organisation.AwardType", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("award")
    )
    period = models.ForeignKey(
        "organisation.Period", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("period")
    )
    effective_from = models.DateField(_("effective from"))
    working_days = models.PositiveSmallIntegerField(_("working days"), validators=[MinValueValidator(1)])
    remind_before = models.PositiveSmallIntegerField(
        _("remind before (working days)"), default=2, help_text=_("0: no reminder before the deadline day.")
    )
    remind_every = models.PositiveSmallIntegerField(
        _("remind every (working days) while overdue"), default=2, validators=[MinValueValidator(1)]
    )
    escalate_after = models.PositiveSmallIntegerField(
        _("escalate after (working days overdue)"), default=3, validators=[MinValueValidator(1)]
    )
    note = models.CharField(_("legal basis or note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        ordering = ["step", "-effective_from"]
        constraints = [
            # NULL (any award / any period) counts as a value here: one default per step and date.
            models.UniqueConstraint(
                "step",
                Coalesce("award", Value(0)),
                Coalesce("period", Value(0)),
                "effective_from",
                name="service_level_unique",
            )
        ]

    def __str__(self):
        return f"{self.get_step_display()}: {self.working_days}"


class TaskDeadline(models.Model):
    """The deadline of one human task, and when the sweep must look at it next.

    The sweep reads only rows whose ``next_reminder_at`` has come (a partial index), so its cost grows
    with what is due, not with the number of open tasks.
    """

    task = models.OneToOneField(
        "viewflow.Task", primary_key=True, on_delete=models.CASCADE, related_name="deadline", verbose_name=_("task")
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("dossier")
    )
    step = models.CharField(_("step"), max_length=40)
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due at"), db_index=True)
    next_reminder_at = models.DateTimeField(_("next reminder at"), null=True, blank=True)
    remind_before = models.PositiveSmallIntegerField(default=2, verbose_name=_("remind before"))
    remind_every = models.PositiveSmallIntegerField(default=2, verbose_name=_("remind every"))
    escalate_after = models.PositiveSmallIntegerField(default=3, verbose_name=_("escalate after"))
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    province_risk = models.BooleanField(
        _("will miss the province's date"),
        default=False,
        help_text=_("The remaining steps' service levels end after the province's submission date."),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("task deadline")
        verbose_name_plural = _("task deadlines")
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                name="deadline_next_reminder",
                condition=models.Q(next_reminder_at__isnull=False),
            ),
            # The queue's default order (due first) over the open tasks only: its first page is read in order.
            models.Index(
                fields=["due_at", "task"], name="deadline_open_due", condition=models.Q(closed_at__isnull=True)
            ),
        ]

    def __str__(self):
        return f"{self.step} {self.due_at:%d/%m/%Y %H:%M}"

    def is_overdue(self, now=None):
        from django.utils import timezone

        return self.closed_at is None and self.due_at < (now or timezone.now())


class Reminder(models.Model):
    """One reminder slot of one task for one person: the unique row that makes it go out once."""

    deadline = models.ForeignKey(
        TaskDeadline, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("deadline")
    )
    slot = models.CharField(_("slot"), max_length=30)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["deadline", "slot", "recipient"], name="reminder_once_per_slot")]

    def __str__(self):
        return self.slot
