from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "domain.deadlines"
    label = "deadlines"
    verbose_name = _("Deadlines and reminders")

    def ready(self):
        from ground.audit.signals import watch
        from ground.base import reference

        from . import models, signals  # noqa: F401

        watch(models.ServiceLevel)  # every change by the administrator, with before/after, in the audit trail
        reference.register(models.ServiceLevel)  # read by every new task: kept per process until it changes
