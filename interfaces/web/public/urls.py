from django.urls import path

from . import views

app_name = "public"
urlpatterns = [path("", views.PublicPageView.as_view(), name="index")]
