from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from audit.urls import AuditApp
from dossiers.urls import DossierApp
from eligibility.urls import EligibilityApp
from emulation.urls import RegistrationApp
from records.urls import RecordsApp
from workflows.flows import DossierFlow
from workflows.viewsets import DossierFlowViewset

site = Site(
    title=_("Emulation and commendation"),
    primary_color="#b71c1c",
    secondary_color="#c62828",
    viewsets=[
        DossierApp(),
        DossierFlowViewset(DossierFlow, app_name="process"),
        AuditApp(),
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
    path("", site.urls),
]
