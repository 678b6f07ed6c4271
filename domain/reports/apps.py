from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "domain.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from ground.audit.signals import watch

        from . import models

        watch(models.ReportTemplate, exclude=("file",))  # the upload's time tells a replacement

        from ground.jobs.registry import register

        from .jobs import REPORT, report_job

        register(REPORT, report_job)
