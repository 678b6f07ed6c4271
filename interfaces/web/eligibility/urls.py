from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.eligibility import policies

from . import legal_views, views


class EligibilityApp(Application):
    """Xét điều kiện: the secretariat's lists of suggested and nearly eligible nominees."""

    title = _("Eligibility")
    icon = "fact_check"
    app_name = "eligibility"
    menu_template_name = "eligibility/menu.html"
    # viewflow's SiteMiddleware refuses the app's pages to others: department heads open their staff's records.
    permission = staticmethod(policies.can_open_app)

    def entry_url(self, user):
        """A department head opens their department's record from the menu (the lists are the secretariat's)."""
        if not policies.can_view_suggestions(user) and getattr(user, "staff", None) is not None:
            return self.reverse("record", args=["departments", user.staff.department_id])
        return None

    index_path = path("", views.SuggestionListView.as_view(), name="index")
    record_path = path("<str:kind>/<int:pk>/", views.NomineeRecordView.as_view(), name="record")
    import_path = path("history/import/", views.HistoryImportView.as_view(), name="import_history")
    ratings_path = path("ratings/import/", views.RatingsImportView.as_view(), name="import_ratings")
    complaints_path = path("complaints/", legal_views.ComplaintRegisterView.as_view(), name="complaints")
    complaint_path = path("complaints/<int:pk>/decide/", legal_views.ComplaintActionView.as_view(), name="complaint")
    revoke_path = path("awards/<int:pk>/revoke/", legal_views.AwardRevokeView.as_view(), name="revoke")
