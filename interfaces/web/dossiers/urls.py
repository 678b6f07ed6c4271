from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import views


class DossierApp(Application):
    """Hồ sơ: the dossier pages, inside viewflow's site menu."""

    title = _("Dossiers")
    icon = "folder_open"
    app_name = "dossiers"
    menu_template_name = "dossiers/menu.html"
    permission = staticmethod(lambda user: user.is_authenticated and user.has_perm("workflows.view_dossierprocess"))

    index_path = path("", views.DossierListView.as_view(), name="index")
    create_path = path("new/", views.DossierCreateView.as_view(), name="create")
    detail_path = path("<int:pk>/", views.DossierDetailView.as_view(), name="detail")
    eligibility_path = path("<int:pk>/eligibility/", views.DossierEligibilityView.as_view(), name="eligibility")
    edit_path = path("<int:pk>/edit/", views.DossierEditView.as_view(), name="edit")
    upload_path = path("<int:pk>/documents/", views.DocumentUploadView.as_view(), name="upload")
    download_path = path("<int:pk>/documents/<int:doc_pk>/", views.DocumentDownloadView.as_view(), name="download")
    submit_path = path("<int:pk>/submit/", views.DossierSubmitView.as_view(), name="submit")
    withdraw_path = path("<int:pk>/withdraw/", views.DossierWithdrawView.as_view(), name="withdraw")
