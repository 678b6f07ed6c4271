from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from interfaces.web.audit.urls import AuditApp
from interfaces.web.council.urls import CouncilApp
from interfaces.web.dossiers.urls import DossierApp
from interfaces.web.eligibility.urls import EligibilityApp
from interfaces.web.emulation.urls import RegistrationApp
from interfaces.web.fund.urls import FundApp
from interfaces.web.notifications.urls import NotificationsApp
from interfaces.web.official.urls import DocumentsApp
from interfaces.web.province.urls import ProvinceApp
from interfaces.web.records.urls import RecordsApp
from interfaces.web.reports.urls import ReportsApp
from interfaces.web.workspace.urls import HomeApp
from process.workflows.flows import DossierFlow
from process.workflows.viewsets import DossierFlowViewset

documents = DocumentsApp()

site = Site(
    title=_("Emulation and commendation"),
    primary_color="#b71c1c",
    secondary_color="#c62828",
    menu_template_name="includes/site_menu.html",  # viewflow's menu plus the unread notifications
    viewsets=[
        HomeApp(),
        DossierApp(),
        DossierFlowViewset(DossierFlow, app_name="process"),
        CouncilApp(),
        documents,
        ProvinceApp(),
        AuditApp(),
        NotificationsApp(),
        EligibilityApp(),
        RecordsApp(),
        RegistrationApp(),
        FundApp(),
        ReportsApp(),
    ],
)

# Namespaces included beside the site that are shown in its frame, with their app's menu (config/middleware.py).
FRAMED = {"official": documents, "jobs": None}

urlpatterns = [
    path("", RedirectView.as_view(url="/home/", permanent=False)),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("official/", include("interfaces.web.official.urls")),
    path("api/", include("interfaces.api.urls")),
    path("public/", include("interfaces.web.public.urls")),
    path("jobs/", include("interfaces.web.jobs.urls")),
    path("", site.urls),
]

# JSON errors under /api/ (the contract's shape), Django's pages elsewhere.
handler400 = "interfaces.api.exceptions.bad_request"
handler403 = "interfaces.web.workspace.views.permission_denied"  # anonymous: to the login page; others: the way home
handler404 = "interfaces.api.exceptions.not_found"
handler500 = "interfaces.api.exceptions.server_error"
