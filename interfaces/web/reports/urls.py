from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.reports import policies
from ground.organisation.selectors import staff_of

from . import views


class ReportsApp(Application):
    """Báo cáo, thống kê and tra cứu khen thưởng."""

    title = _("Reports and lookup")
    icon = "assessment"
    app_name = "reports"
    menu_template_name = "reports/menu.html"
    # a member of a unit (the lookup); logins without a staff record (the province's) have nothing here
    permission = staticmethod(lambda user: staff_of(user) is not None)

    def entry_url(self, user):
        """Who may not read the reports opens the award lookup from the menu."""
        return None if policies.can_view_reports(user) else self.reverse("lookup")

    index_path = path("", views.ReportListView.as_view(), name="index")
    lookup_path = path("lookup/", views.LookupView.as_view(), name="lookup")
    template_path = path("templates/<slug:name>.docx", views.TemplateDownloadView.as_view(), name="template")
    download_path = path("<slug:name>/", views.ReportDownloadView.as_view(), name="download")
