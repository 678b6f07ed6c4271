from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import views


class HomeApp(Application):
    """Trang chủ: every signed-in user's own home page."""

    title = _("Home")
    icon = "home"
    app_name = "home"
    menu_template_name = None  # no viewsets: viewflow would print its "No viewsets found" notice
    permission = staticmethod(lambda user: user.is_authenticated)

    index_path = path("", views.HomeView.as_view(), name="index")
