from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "process.workflows"
    label = "workflows"
    verbose_name = _("Dossier process")

    def ready(self):
        from ground.jobs.registry import register

        from .jobs import BATCH_SIGN, batch_sign_job

        register(BATCH_SIGN, batch_sign_job)
