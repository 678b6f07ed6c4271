from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "ground.workdays"
    label = "workdays"
    verbose_name = _("Working-day calendar")

    def ready(self):
        from ground.audit.signals import watch

        from . import models, signals  # noqa: F401

        watch(models.CalendarDay)  # every change by the administrator, with before/after, in the audit trail
