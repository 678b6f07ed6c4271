"""The auditor's workspace: read-only pages over audit selectors; exports are themselves recorded."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from ground.audit import policies, services
from ground.base import errors
from ground.printing.pagination import CappedPaginator

from . import exports, selectors
from .actions import change_rows
from .actions import label as action_label
from .forms import EventFilterForm


class AuditorView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            policies.require_audit(request.user)
        return super().dispatch(request, *args, **kwargs)


def _who(user):
    return user.get_full_name() or user.username


class EventListView(AuditorView):
    def get(self, request):
        form = EventFilterForm(request.GET or None)
        filters = form.filters() if request.GET else {}
        events = selectors.event_search(**filters) if filters is not None else selectors.event_search().none()
        export = request.GET.get("export")
        if export in ("csv", "xlsx") and filters is not None:
            return self.export(request, events, export, filters)
        page = CappedPaginator(events, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        return render(
            request,
            "audit/events.html",
            {
                "form": form,
                "page": page,
                "rows": [(e, action_label(e.action)) for e in page],
                "query": query.urlencode(),
            },
            status=200 if filters is not None else 400,
        )

    def export(self, request, events, fmt, filters):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        services.record_export(actor=request.user, fmt=fmt, filters=filters)
        if fmt == "csv":
            response = StreamingHttpResponse(exports.events_csv(events), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
            return response
        response = HttpResponse(
            exports.events_xlsx(events),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.xlsx"'
        return response


class DossierTrailView(AuditorView):
    def get(self, request, pk, fmt=None):
        trail = selectors.dossier_trail(pk)
        if trail is None or fmt not in (None, "json", "pdf"):
            raise errors.NotVisible()
        reference = trail["dossier"].reference
        if fmt in ("json", "pdf"):
            services.record_export(actor=request.user, fmt=fmt, dossier=trail["dossier"])
        if fmt == "json":
            response = HttpResponse(
                exports.trail_json_bytes(trail, exported_by=_who(request.user)),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{reference}-audit.json"'
            return response
        if fmt == "pdf":
            response = HttpResponse(exports.trail_pdf(trail, exported_by=_who(request.user)), "application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{reference}-audit.pdf"'
            return response
        context = {
            **trail,
            "rows": [(e, action_label(e.action), change_rows(e.changes)) for e in trail["events"]],
            "steps": [{**s, "duration_text": exports.duration_text(s["duration"])} for s in trail["steps"]],
            "chart_url": reverse("process:process_chart", args=[trail["process_id"]]) if trail["process_id"] else None,
        }
        return render(request, "audit/trail.html", context)


class VerifyView(AuditorView):
    def get(self, request):
        return render(request, "audit/verify.html", {"result": services.audit_verify()})
