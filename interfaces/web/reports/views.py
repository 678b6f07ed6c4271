"""The Reports page (download each report for a year; the default Word templates) and the award lookup."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from domain.dossiers.selectors import periods_for
from domain.reports import docx_templates, policies, selectors
from domain.reports import jobs as report_jobs
from domain.reports.overview import overview
from domain.reports.registry import DOCX, REPORTS, report_build
from ground.base import errors
from ground.organisation.models import Department


def chart_data(view):
    """What the charts draw (passed to the page's script as JSON, never as inline script)."""
    return {
        "status": {
            "labels": [label for _s, label, _n in view.by_status],
            "values": [n for _s, _l, n in view.by_status],
        },
        "departments": {
            "labels": [name for name, *_rest in view.by_department],
            "open": [row[2] for row in view.by_department],
            "awarded": [row[3] for row in view.by_department],
            "other": [row[1] - row[2] - row[3] for row in view.by_department],
        },
        "awards": {
            "labels": [name for name, _this, _last in view.awards],
            "this": [this for _n, this, _l in view.awards],
            "last": [last for _n, _t, last in view.awards],
        },
        "times": {
            "labels": [t.title for t in view.step_times],
            "median": [t.median_days for t in view.step_times],
            "p90": [t.p90_days for t in view.step_times],
        },
        "quotas": {
            "labels": [q.award_name for q in view.quotas],
            "used": [q.used for q in view.quotas],
            "cap": [q.cap for q in view.quotas],
        },
    }


def _int(value):
    return int(value) if value and str(value).isdigit() else None


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ReportListView(LoginRequiredMixin, View):
    """The menu's entry: the reports for those who read them, the award lookup for everyone else."""

    def get(self, request):
        if not policies.can_view_reports(request.user):
            return LookupView().get(request)
        policies.require_view_reports(request.user)
        year = _int(request.GET.get("year")) or timezone.localdate().year
        return render(request, "reports/index.html", {"year": year, "reports": REPORTS.values()})


class OverviewView(LoginRequiredMixin, View):
    """Tổng quan: the year's figures and charts for the secretariat, the principal and auditors (issue 16)."""

    def get(self, request):
        staff = policies.require_view_overview(request.user)
        years = [p.year for p in periods_for(request.user)]
        year = _int(request.GET.get("year"))
        if year not in years:
            today = timezone.localdate().year
            year = today if today in years or not years else years[0]
        view = overview(request.user, staff.organisation_id, year)
        return render(request, "reports/overview.html", {"view": view, "years": years, "chart": chart_data(view)})


class ReportDownloadView(LoginRequiredMixin, View):
    def get(self, request, name):
        staff = policies.require_view_reports(request.user)
        if name not in REPORTS:
            raise errors.NotVisible()
        year = _int(request.GET.get("year")) or timezone.localdate().year
        content, filename = report_build(name, organisation_id=staff.organisation_id, year=year)
        return _download(content, REPORTS[name].content_type, filename)

    def post(self, request, name):
        """Build in the background: a worker writes the file, the job's page shows its progress."""
        year = _int(request.POST.get("year")) or timezone.localdate().year
        job = report_jobs.report_job_start(user=request.user, name=name, year=year)
        return redirect("jobs:detail", pk=job.pk)


class TemplateDownloadView(LoginRequiredMixin, View):
    def get(self, request, name):
        policies.require_view_reports(request.user)
        if name not in docx_templates.DEFAULTS:
            raise errors.NotVisible()
        return _download(docx_templates.DEFAULTS[name](), DOCX, f"mau-{name}.docx")


class LookupView(LoginRequiredMixin, View):
    def get(self, request):
        staff = policies.require_lookup(request.user)
        org = staff.organisation_id
        q = {
            "name": request.GET.get("name", "").strip()[:100],
            "department": _int(request.GET.get("department")),
            "movement": _int(request.GET.get("movement")),
            "year": _int(request.GET.get("year")),
        }
        searched = any(q.values())
        rows = (
            selectors.awards_lookup(
                org, name=q["name"], department_id=q["department"], movement_id=q["movement"], year=q["year"]
            )
            if searched
            else []
        )
        context = {
            "q": q,
            "rows": rows,
            "searched": searched,
            "departments": Department.objects.filter(organisation_id=org),
            "movements": selectors.movements_of(org),
        }
        return render(request, "reports/lookup.html", context)
