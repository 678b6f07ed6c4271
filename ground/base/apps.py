from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """What every layer shares and nothing else: domain errors, how a form shows them, the translation tool."""

    name = "ground.base"
    label = "base"
    verbose_name = _("Common ground")
