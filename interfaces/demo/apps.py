from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data: the school, its people and dossiers at every step (``manage.py seed_demo``)."""

    name = "interfaces.demo"
    label = "demo"
    verbose_name = _("Demo data")
