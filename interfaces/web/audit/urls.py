from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from ground.audit import policies

from . import views


class AuditApp(Application):
    """Kiểm tra: the auditor's read-only workspace."""

    title = _("Audit")
    icon = "policy"
    app_name = "audit"
    menu_template_name = "audit/menu.html"
    permission = staticmethod(policies.can_audit)

    index_path = path("", views.EventListView.as_view(), name="index")
    trail_path = path("dossiers/<int:pk>/", views.DossierTrailView.as_view(), name="trail")
    trail_export_path = path("dossiers/<int:pk>/trail.<str:fmt>", views.DossierTrailView.as_view(), name="trail_export")
    verify_path = path("verify/", views.VerifyView.as_view(), name="verify")
