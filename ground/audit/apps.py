from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ground.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import signals, tasks  # noqa: F401  (tasks: Celery's origin hooks)

        signals.connect()
        signals.connect_axes()
