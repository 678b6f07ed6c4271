from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from domain.fund import policies

from . import views


class FundApp(Application):
    """Quỹ thi đua, khen thưởng: income, payouts per decision, balance, payroll and the year's report."""

    title = _("Award fund")
    icon = "savings"
    app_name = "fund"
    menu_template_name = None  # no viewsets: viewflow would print its "No viewsets found" notice
    permission = staticmethod(policies.can_view_fund)

    index_path = path("", views.FundView.as_view(), name="index")
    payroll_path = path("payroll.<str:fmt>", views.PayrollView.as_view(), name="payroll")
