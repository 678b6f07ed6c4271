from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A day the administrator declares: an extra day off, or a make-up working day (ngày làm bù).

    It overrides the national calendar (weekends and public holidays from the ``holidays`` library)
    for one organisation, or for every organisation when none is given.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Day off")
        WORKING = "working", _("Make-up working day")

    organisation = models.ForeignKey(
        "organisation.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_days",
        verbose_name=_("organisation"),
        help_text=_("Empty: applies to every organisation."),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]
        # One entry per day and organisation, and one per day for every organisation (NULL).
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "date"],
                name="calendar_day_unique",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["date"], name="calendar_day_unique_all", condition=models.Q(organisation__isnull=True)
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"
