"""Initiative pages: list, propose, submit, and the Initiatives Council's decision (thin over records.services)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from domain.dossiers.services.documents import XLSX
from domain.records import policies, services
from domain.records.models import Initiative
from ground.base import errors
from ground.base.forms import show_domain_error
from ground.jobs.services import job_start
from ground.organisation.selectors import staff_of

from .forms import InitiativeCreateForm, InitiativeReviewForm, SpreadsheetForm


def _get(user, pk):
    initiative = Initiative.objects.filter(policies.initiative_visibility_q(user), pk=pk).distinct().first()
    if initiative is None:
        raise errors.NotVisible()
    return initiative


class InitiativeListView(LoginRequiredMixin, View):
    def get(self, request):
        qs = (
            Initiative.objects.filter(pk__in=Initiative.objects.filter(policies.initiative_visibility_q(request.user)))
            .prefetch_related("authors")
            .order_by("-year", "title", "pk")
        )
        page = Paginator(qs, 25).get_page(request.GET.get("page"))
        context = {"page": page, "can_propose": policies.can_propose_initiative(request.user)}
        return render(request, "records/initiative_list.html", context)


class InitiativeCreateView(LoginRequiredMixin, View):
    def form(self, request, data=None):
        staff = staff_of(request.user)
        return InitiativeCreateForm(data, department_id=staff.department_id if staff else None)

    def get(self, request):
        policies.require_propose_initiative(request.user)
        return render(request, "records/initiative_form.html", {"form": self.form(request)})

    def post(self, request):
        policies.require_propose_initiative(request.user)  # permission before validation
        form = self.form(request, request.POST)
        if form.is_valid():
            try:
                initiative = services.initiative_create(
                    acting_user=request.user,
                    title=form.cleaned_data["title"],
                    year=form.cleaned_data["year"],
                    author_ids=[a.pk for a in form.cleaned_data["authors"]],
                )
            except errors.DomainError as exc:
                if exc.status in (403, 404):
                    raise
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Initiative saved as a draft."))
                return redirect("initiatives:initiative", pk=initiative.pk)
        return render(request, "records/initiative_form.html", {"form": form}, status=400)


class InitiativeDetailView(LoginRequiredMixin, View):
    def get(self, request, pk, form=None, status=200):
        initiative = _get(request.user, pk)
        user = request.user
        staff = staff_of(user)
        context = {
            "initiative": initiative,
            "authors": initiative.authors.select_related("department"),
            "can_submit": initiative.status == Initiative.Status.DRAFT
            and policies.can_propose_initiative(user)
            and initiative.authors.filter(department_id=staff.department_id).exists(),
            "can_review": initiative.status == Initiative.Status.SUBMITTED and policies.can_review_initiatives(user),
            "form": form or InitiativeReviewForm(initial={"scope": Initiative.Scope.SCHOOL}),
        }
        return render(request, "records/initiative_detail.html", context, status=status)

    def post(self, request, pk):
        initiative = _get(request.user, pk)
        try:
            if request.POST.get("action") == "submit":
                services.initiative_submit(acting_user=request.user, initiative_id=initiative.pk)
                messages.success(request, _("Initiative submitted to the Initiatives Council."))
                return redirect("initiatives:initiative", pk=pk)
            form = InitiativeReviewForm(request.POST)
            if not form.is_valid():
                return self.get(request, pk, form=form, status=400)
            data = form.cleaned_data
            if data["action"] == "recognise":
                services.initiative_recognise(
                    acting_user=request.user,
                    initiative_id=initiative.pk,
                    scope=data["scope"],
                    recognised_by=data["recognised_by"],
                    document=data["document"],
                    comment=data["comment"],
                )
            else:
                services.initiative_reject(
                    acting_user=request.user, initiative_id=initiative.pk, reason=data["comment"]
                )
        except errors.DomainError as exc:
            if exc.status in (403, 404):
                raise
            form = InitiativeReviewForm(request.POST)
            form.is_valid()
            show_domain_error(form, exc)
            if "reason" in exc.errors:
                form.add_error("comment", exc.errors["reason"][0])
            return self.get(request, pk, form=form, status=exc.status)
        messages.success(request, _("The council's decision is recorded."))
        return redirect("initiatives:initiative", pk=pk)


class SpreadsheetImportView(LoginRequiredMixin, View):
    """Import an Excel workbook through one service: all or nothing, each bad row named on the form.

    Subclasses set ``service`` (acting_user, uploaded -> result), ``require`` (the policy), ``title``,
    ``help_text``, ``done(result)`` and, when there is an empty workbook to download, ``template``/``filename``.
    A workbook larger than ``IMPORT_BACKGROUND_BYTES`` is imported by a worker (``job_kind``, registered by
    ``web/import_jobs.py``): the answer is the job's page, its outcome (or the bad rows) shown there and notified.
    """

    service = None
    require = None
    template = None
    filename = "mau.xlsx"
    title = ""
    help_text = ""
    success_url = None  # None: back to this page
    job_kind = None  # the background job of a large workbook

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if request.GET.get("template") and self.template is not None:
            response = HttpResponse(self.template(), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
            return response
        return self.page(request, SpreadsheetForm())

    def post(self, request):
        form = SpreadsheetForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(request, form, status=400)
        uploaded = form.cleaned_data["file"]
        if self.job_kind and uploaded.size > settings.IMPORT_BACKGROUND_BYTES:
            job = job_start(user=request.user, kind=self.job_kind, title=self.title, source=uploaded)
            return redirect("jobs:detail", pk=job.pk)
        try:
            result = self.service(acting_user=request.user, uploaded=uploaded)
        except errors.DomainError as exc:
            if exc.status in (403, 404):
                raise
            for message in exc.errors.get("file", [exc.message]):
                form.add_error("file", message)
            return self.page(request, form, status=exc.status)
        messages.success(request, self.done(result))
        return redirect(self.success_url or request.path)

    def done(self, result):
        raise NotImplementedError

    def page(self, request, form, status=200):
        context = {"form": form, "title": self.title, "help_text": self.help_text, "has_template": bool(self.template)}
        return render(request, "records/import.html", context, status=status)
