from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import policies, views


class EligibilityApp(Application):
    """Xét điều kiện: the secretariat's lists of suggested and nearly eligible nominees."""

    title = _("Eligibility")
    icon = "fact_check"
    app_name = "eligibility"
    menu_template_name = "eligibility/menu.html"
    permission = staticmethod(policies.can_view_suggestions)

    index_path = path("", views.SuggestionListView.as_view(), name="index")
    import_path = path("history/import/", views.HistoryImportView.as_view(), name="import_history")
