from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("", views.JobListView.as_view(), name="index"),
    path("<int:pk>/", views.JobDetailView.as_view(), name="detail"),
    path("<int:pk>/progress/", views.JobProgressView.as_view(), name="progress"),
    path("<int:pk>/download/", views.JobDownloadView.as_view(), name="download"),
]
