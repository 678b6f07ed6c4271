from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """Trang làm việc: each role's home page, reached right after login."""

    name = "workspace"
    verbose_name = _("Workspace")
