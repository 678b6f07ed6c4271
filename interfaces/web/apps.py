from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The pages: each area's views, forms and templates, gathering what the domain and the process offer."""

    name = "interfaces.web"
    label = "web"
    verbose_name = _("Pages")

    def ready(self):
        from .import_jobs import register_imports

        register_imports()  # the spreadsheet imports a worker runs (ground.jobs)
