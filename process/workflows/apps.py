from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "process.workflows"
    label = "workflows"
    verbose_name = _("Dossier process")
