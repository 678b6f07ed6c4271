from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from audit.urls import AuditApp
from council.urls import CouncilApp
from dossiers.urls import DossierApp
from eligibility.urls import EligibilityApp
from emulation.urls import RegistrationApp
from notifications.urls import NotificationsApp
from official.urls import DocumentsApp
from province.urls import ProvinceApp
from records.urls import RecordsApp
from workflows.flows import DossierFlow
from workflows.viewsets import DossierFlowViewset

site = Site(
    title=_("Emulation and commendation"),
    primary_color="#b71c1c",
    secondary_color="#c62828",
    menu_template_name="includes/site_menu.html",  # viewflow's menu plus the unread notifications
    viewsets=[
        DossierApp(),
        DossierFlowViewset(DossierFlow, app_name="process"),
        CouncilApp(),
        DocumentsApp(),
        ProvinceApp(),
        AuditApp(),
        NotificationsApp(),
        EligibilityApp(),
        RecordsApp(),
        RegistrationApp(),
    ],
)

urlpatterns = [
    path("", RedirectView.as_view(url="/process/inbox/", permanent=False)),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("official/", include("official.urls")),
    path("api/", include("api.urls")),
    path("", site.urls),
]

# JSON errors under /api/ (the contract's shape), Django's pages elsewhere.
handler400 = "api.exceptions.bad_request"
handler404 = "api.exceptions.not_found"
handler500 = "api.exceptions.server_error"
