from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.reports import policies

from . import views


class ReportsApp(Application):
    """Báo cáo, thống kê and tra cứu khen thưởng."""

    title = _("Reports and lookup")
    icon = "assessment"
    app_name = "reports"
    menu_template_name = "reports/menu.html"
    permission = staticmethod(policies.can_lookup)

    index_path = path("", views.ReportListView.as_view(), name="index")
    lookup_path = path("lookup/", views.LookupView.as_view(), name="lookup")
    overview_path = path("overview/", views.OverviewView.as_view(), name="overview")
    template_path = path("templates/<slug:name>.docx", views.TemplateDownloadView.as_view(), name="template")
    download_path = path("<slug:name>/", views.ReportDownloadView.as_view(), name="download")
