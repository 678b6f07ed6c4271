from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.province import policies

from . import views


class ProvinceApp(Application):
    """Gửi tỉnh: what was sent to the province, what came back, what needs a hand."""

    title = _("Province exchange")
    icon = "outbox"
    app_name = "province"
    menu_template_name = "province/menu.html"
    permission = staticmethod(policies.can_manage_exchange)

    index_path = path("", views.StatusView.as_view(), name="index")
    retry_path = path("retry/<int:dossier_pk>/", views.RetryView.as_view(), name="retry")
