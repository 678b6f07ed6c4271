from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import views


class NotificationsApp(Application):
    """Thông báo: the notification pages, inside viewflow's site (its menu shows the unread count everywhere)."""

    title = _("Notifications")
    icon = "notifications"
    app_name = "notifications"
    menu_template_name = "notifications/menu.html"
    permission = staticmethod(lambda user: user.is_authenticated)

    index_path = path("", views.NotificationListView.as_view(), name="index")
    read_path = path("read/", views.MarkReadView.as_view(), name="read")
    read_one_path = path("<int:pk>/read/", views.MarkReadView.as_view(), name="read_one")
    settings_path = path("settings/", views.PreferenceView.as_view(), name="settings")
