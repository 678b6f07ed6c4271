from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "domain.records"
    label = "records"
    verbose_name = _("Records of staff and departments")

    def ready(self):
        from ground.audit.signals import watch

        from . import models

        # Ratings, discipline, cases and initiatives decide eligibility: every edit is traced with before/after.
        for model in (
            models.YearlyRating,
            models.Discipline,
            models.PendingCase,
            models.Initiative,
            models.ComplaintTimeLimit,
        ):
            watch(model)
