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
from ground.base import errors
from ground.base.forms import show_domain_error
from ground.organisation.models import Organisation

from .forms import IncomeForm

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
        if request.GET.get("export") == "xlsx":
            ledger = selectors.fund_year(staff.organisation_id, year)
            organisation = Organisation.objects.get(pk=staff.organisation_id)
            return _download(exports.fund_report_xlsx(organisation, ledger), XLSX, f"quy-thi-dua-{year}.xlsx")
        return self._page(request, staff, year, _date(request.GET.get("on"), None))

    def _page(self, request, staff, year, on=None, income_form=None, status=200):
        """The year's page: its lines and figures, and the fund's balance at ``on`` (by default today, or 31/12 of
        a past year), all from one read."""
        on = on or min(timezone.localdate(), date(year, 12, 31))
        context = {
            "year": year,
            "ledger": selectors.fund_year(staff.organisation_id, year, on),
            "on": on,
            "income_form": income_form or IncomeForm(initial={"received_on": timezone.localdate()}),
            "can_manage": request.user.has_perm("fund.manage_fund"),
        }
        return render(request, "fund/index.html", context, status=status)

    def post(self, request):
        action = request.POST.get("action")
        year = _year(request)
        if action == "income":
            return self._income(request, year)
        try:
            if action == "pay":
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

    def _income(self, request, year):
        """Ghi khoản thu: bad input re-renders the page (400) with each error at its field and what was typed."""
        staff = policies.require_manage_fund(request.user)  # refused before the input is read
        form = IncomeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.fund_income_add(
                    acting_user=request.user,
                    year=year,
                    received_on=data["received_on"],
                    source=data["source"],
                    amount=data["amount"],
                    document=data["document"],
                    description=data["description"],
                )
            except errors.DomainError as exc:
                if exc.status != 400:
                    raise
                show_domain_error(form, exc)
            else:
                messages.success(request, _("The income was recorded."))
                return redirect(f"{reverse('fund:index')}?year={year}")
        return self._page(request, staff, year, income_form=form, status=400)


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
