from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """Award dossiers (hồ sơ đề nghị khen thưởng): the dossier, its documents, its status pipeline, award history."""

    name = "domain.dossiers"
    label = "dossiers"
    verbose_name = _("Award dossiers")
