from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from viewflow.urls import Application

from domain.official.selectors import can_see_documents

from . import batch_views, views

app_name = "official"

urlpatterns = [
    path("<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path("<int:pk>/verify/", views.VerifyView.as_view(), name="verify"),
    path("batches/", batch_views.BatchListView.as_view(), name="batches"),
    path("batches/<int:pk>/", batch_views.BatchDetailView.as_view(), name="batch"),
    path("batches/<int:pk>/preview/", batch_views.BatchPreviewView.as_view(), name="batch-preview"),
    path("batches/<int:pk>/certificates/", batch_views.CertificatesView.as_view(), name="certificates"),
    path("batches/<int:pk>/<slug:action>/", batch_views.BatchActionView.as_view(), name="batch-action"),
    path("certificates/test-page/", batch_views.CertificateTestPageView.as_view(), name="certificate-test"),
    path("register/", batch_views.RegisterView.as_view(), name="register"),
]


class DocumentsApp(Application):
    """Văn bản: batch decisions and letters, the outgoing register (pages under /official/)."""

    title = _("Documents")
    icon = "description"
    app_name = "documents"
    menu_template_name = "official/menu.html"
    permission = staticmethod(lambda user: can_see_documents(user))

    index_path = path("", RedirectView.as_view(url="/official/batches/", permanent=False), name="index")
