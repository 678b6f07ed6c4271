from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvinceConfig(AppConfig):
    name = "domain.province"
    label = "province"
    verbose_name = _("Exchange with the province")
