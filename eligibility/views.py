"""The secretariat's pages: suggested and nearly eligible nominees; importing past years' award history."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dossiers import errors
from dossiers import policies as dossier_policies
from dossiers.models import Period
from records import imports
from records import policies as record_policies

from . import policies, selectors
from .forms import HistoryImportForm, SuggestionFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SuggestionListView(LoginRequiredMixin, View):
    def get(self, request):
        policies.require_view_suggestions(request.user)
        staff = dossier_policies.staff_of(request.user)
        organisation_id = staff.organisation_id if staff else None
        current = Period.objects.filter(organisation_id=organisation_id).order_by("-is_open", "-year").first()
        form = SuggestionFilterForm(request.GET or None, initial_year=current.year if current else None)
        rows = []
        if staff and form.is_valid():
            rows = selectors.suggestions(
                staff.organisation, form.cleaned_data["year"], award_code=form.cleaned_data["award"] or None
            )
        context = {
            "form": form,
            "suggested": [r for r in rows if r.kind == selectors.SUGGESTED],
            "nearly": [r for r in rows if r.kind == selectors.NEARLY],
            "today": timezone.localdate(),
        }
        return render(request, "eligibility/suggestions.html", context)


class HistoryImportView(LoginRequiredMixin, View):
    """Nhập lịch sử khen thưởng các năm trước từ tệp Excel."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            record_policies.require_import_history(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template"):
            response = HttpResponse(imports.award_history_template(), content_type=XLSX)
            response["Content-Disposition"] = 'attachment; filename="lich-su-khen-thuong.xlsx"'
            return response
        return self.page(request, HistoryImportForm())

    def post(self, request):
        form = HistoryImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = imports.award_history_import(acting_user=request.user, uploaded=form.cleaned_data["file"])
            except errors.DomainError as exc:
                if exc.status in (403, 404):
                    raise
                for message in exc.errors.get("file", [exc.message]):
                    form.add_error("file", message)
                return self.page(request, form, status=exc.status)
            messages.success(
                request, _("Imported: %(added)s awards added, %(skipped)s already in the history.") % result
            )
            return redirect("eligibility:import_history")
        return self.page(request, form, status=400)

    def page(self, request, form, status=200):
        return render(request, "eligibility/import_history.html", {"form": form}, status=status)
