from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("read/", views.MarkReadView.as_view(), name="read"),
    path("<int:pk>/read/", views.MarkReadView.as_view(), name="read_one"),
    path("settings/", views.PreferenceView.as_view(), name="settings"),
]
