"""The secretariat's pages: suggested and nearly eligible nominees; importing past years' award history."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from domain.eligibility import policies, selectors
from domain.records import imports
from domain.records import policies as record_policies
from ground.base import errors
from ground.organisation.models import Department, Period, StaffMember
from ground.organisation.selectors import staff_of
from interfaces.web.records.views import SpreadsheetImportView

from .forms import SuggestionFilterForm

PAGE = 100


class SuggestionListView(LoginRequiredMixin, View):
    def get(self, request):
        policies.require_view_suggestions(request.user)
        staff = staff_of(request.user)
        organisation_id = staff.organisation_id if staff else None
        current = Period.objects.filter(organisation_id=organisation_id).order_by("-is_open", "-year").first()
        form = SuggestionFilterForm(request.GET or None, initial_year=current.year if current else None)
        rows = []
        if staff and form.is_valid():
            rows = selectors.suggestions(
                staff.organisation, form.cleaned_data["year"], award_code=form.cleaned_data["award"] or None
            )
        query = request.GET.copy()
        for key in ("sp", "np"):
            query.pop(key, None)
        context = {
            "form": form,
            # Pages of rows already computed: a large unit gets readable pages, not one long table.
            "suggested": Paginator([r for r in rows if r.kind == selectors.SUGGESTED], PAGE).get_page(
                request.GET.get("sp")
            ),
            "nearly": Paginator([r for r in rows if r.kind == selectors.NEARLY], PAGE).get_page(request.GET.get("np")),
            "query": query.urlencode(),
            "today": timezone.localdate(),
        }
        return render(request, "eligibility/suggestions.html", context)


class HistoryImportView(SpreadsheetImportView):
    """Nhập lịch sử khen thưởng các năm trước từ tệp Excel (and, below, the yearly ratings)."""

    require = staticmethod(record_policies.require_import_history)
    service = staticmethod(imports.award_history_import)
    template = staticmethod(imports.award_history_template)
    filename = "lich-su-khen-thuong.xlsx"
    job_kind = "import-award-history"
    title = gettext_lazy("Import the award history")
    help_text = gettext_lazy(
        "One award per row: year, award code, full name (empty for a collective), department code, decision number, "
        "decision date. A file with a wrong row imports nothing; rows already in the history are skipped."
    )

    def done(self, result):
        return _("Imported: %(added)s awards added, %(skipped)s already in the history.") % result


class RatingsImportView(HistoryImportView):
    """Nhập kết quả xếp loại chất lượng hằng năm."""

    service = staticmethod(imports.ratings_import)
    template = staticmethod(imports.ratings_template)
    filename = "xep-loai.xlsx"
    job_kind = "import-ratings"
    title = gettext_lazy("Import the yearly ratings")
    help_text = gettext_lazy(
        "One rating per row: year, full name (empty for a collective), department code, rating. A file with a wrong "
        "row imports nothing; a rating already entered for that year is replaced."
    )

    def done(self, result):
        return _("Imported: %(rows)s ratings.") % result


class NomineeRecordView(LoginRequiredMixin, View):
    """Hồ sơ thi đua của cá nhân / tập thể: the history its eligibility is judged on."""

    def get(self, request, kind, pk):
        model = StaffMember if kind == "people" else Department
        nominee = model.objects.filter(pk=pk).first()
        if nominee is None:
            raise errors.NotVisible()
        department_id = nominee.department_id if kind == "people" else nominee.pk
        policies.require_view_record(request.user, nominee.organisation_id, department_id)
        context = {"nominee": nominee, "is_person": kind == "people", **selectors.nominee_record(nominee)}
        return render(request, "eligibility/record.html", context)
