from django.urls import path

from . import views

app_name = "official"

urlpatterns = [
    path("preview/<int:dossier_pk>/", views.PreviewView.as_view(), name="preview"),
    path("<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path("<int:pk>/verify/", views.VerifyView.as_view(), name="verify"),
    path("<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
]
