"""The fund's pages (secretariat; auditors read): ledger of a year, balance at a date, income, payments, payroll
and the year's report. Thin over fund.services / fund.selectors."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from domain.fund import exports, policies, selectors, services
from domain.fund.models import FundIncome
from ground.base import errors
from ground.organisation.models import Organisation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request):
    value = request.GET.get("year") or request.POST.get("year") or ""
    return int(value) if value.isdigit() else timezone.localdate().year


def _date(value, default=None):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        raise errors.InvalidInput(errors={"date": [_("Enter a valid date.")]}) from None


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class FundView(LoginRequiredMixin, View):
    def get(self, request):
        staff = policies.require_view_fund(request.user)
        year = _year(request)
        ledger = selectors.fund_year(staff.organisation_id, year)
        if request.GET.get("export") == "xlsx":
            organisation = Organisation.objects.get(pk=staff.organisation_id)
            return _download(exports.fund_report_xlsx(organisation, ledger), XLSX, f"quy-thi-dua-{year}.xlsx")
        on = _date(request.GET.get("on"), timezone.localdate())
        context = {
            "year": year,
            "ledger": ledger,
            "on": on,
            "balance": selectors.fund_balance(staff.organisation_id, on),
            "sources": FundIncome.Source.choices,
            "can_manage": request.user.has_perm("fund.manage_fund"),
        }
        return render(request, "fund/index.html", context)

    def post(self, request):
        action = request.POST.get("action")
        year = _year(request)
        try:
            if action == "income":
                amount = request.POST.get("amount", "").replace(".", "").replace(",", "").strip()
                services.fund_income_add(
                    acting_user=request.user,
                    year=year,
                    received_on=_date(request.POST.get("received_on"), timezone.localdate()),
                    source=request.POST.get("source", ""),
                    amount=int(amount) if amount.isdigit() else 0,
                    document=request.POST.get("document", ""),
                    description=request.POST.get("description", ""),
                )
                messages.success(request, _("The income was recorded."))
            elif action == "pay":
                services.payout_mark_paid(
                    acting_user=request.user,
                    payout_id=int(request.POST.get("payout") or 0),
                    paid_on=_date(request.POST.get("paid_on")),
                )
                messages.success(request, _("The line was marked paid."))
            elif action == "pay_decision":
                n = services.payouts_mark_decision_paid(
                    acting_user=request.user,
                    decision_number=request.POST.get("decision", ""),
                    paid_on=_date(request.POST.get("paid_on")),
                )
                messages.success(request, _("%(count)s lines were marked paid.") % {"count": n})
            else:
                raise errors.InvalidInput()
        except errors.DomainError as exc:
            if exc.status != 400:
                raise
            messages.error(request, " ".join([str(exc.message)] + [str(m) for ms in exc.errors.values() for m in ms]))
            return redirect(f"{reverse('fund:index')}?year={year}")
        return redirect(f"{reverse('fund:index')}?year={year}")


class PayrollView(LoginRequiredMixin, View):
    def get(self, request, fmt):
        staff = policies.require_view_fund(request.user)
        number = request.GET.get("decision", "")
        lines = selectors.payroll(staff.organisation_id, number)
        if not lines:
            raise errors.NotVisible()
        organisation = Organisation.objects.get(pk=staff.organisation_id)
        slug = number.replace("/", "-")
        if fmt == "pdf":
            return _download(exports.payroll_pdf(organisation, number, lines), "application/pdf", f"chi-tra-{slug}.pdf")
        return _download(exports.payroll_xlsx(organisation, number, lines), XLSX, f"chi-tra-{slug}.xlsx")
