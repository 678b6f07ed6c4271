"""Dossier pages: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from workflows import services as process
from workflows.selectors import dossier_process_info

from . import errors, policies, selectors
from .actions import label as action_label
from .forms import DocumentUploadForm, DossierCreateForm, DossierEditForm, WithdrawForm
from .models import DossierStatus
from .roles import label as role_label
from .services import documents as document_svc
from .services import dossiers as dossier_svc


def _apply_errors(form, exc):
    for field, msgs in exc.errors.items():
        for msg in msgs:
            form.add_error(field if field in form.fields else None, msg)
    if not exc.errors:
        form.add_error(None, exc.message)


class DossierListView(LoginRequiredMixin, View):
    def get(self, request):
        params = request.GET
        qs = selectors.dossier_list(
            request.user,
            status=params.get("status") or None,
            period=params.get("period") or None,
            award=params.get("award") or None,
            department=params.get("department") or None,
        )
        page = Paginator(qs, 25).get_page(params.get("page"))
        return render(
            request,
            "dossiers/list.html",
            {
                "page": page,
                "statuses": DossierStatus.choices,
                "filters": params,
                "can_nominate": request.user.has_perm("dossiers.nominate")
                and policies.staff_of(request.user) is not None,
            },
        )


class DossierDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        department_head = policies.is_head_of(request.user, dossier.department_id)
        return render(
            request,
            "dossiers/detail.html",
            {
                "dossier": dossier,
                "versions": selectors.document_versions(dossier),
                "events": [
                    (e, action_label(e.action), role_label(e.role)) for e in dossier.events.order_by("at", "id")
                ],
                "process": dossier_process_info(request.user, dossier),
                "can_edit": department_head and dossier.is_editable,
                "can_submit": department_head and dossier.status == DossierStatus.DRAFT,
                "can_withdraw": department_head and dossier.is_withdrawable,
            },
        )


class DossierCreateView(LoginRequiredMixin, View):
    def get(self, request):
        return render(
            request, "dossiers/form.html", {"form": DossierCreateForm(user=request.user), "title": _("New nomination")}
        )

    def post(self, request):
        form = DossierCreateForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                dossier = dossier_svc.dossier_create(
                    acting_user=request.user,
                    period_year=form.cleaned_data["period"],
                    award_code=form.cleaned_data["award"],
                    nominee_kind=form.cleaned_data["nominee_kind"],
                    nominee_id=form.nominee_id(),
                    achievements=form.cleaned_data["achievements"],
                )
            except errors.DomainError as exc:
                if exc.status in (403, 404):
                    raise
                _apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Dossier %(ref)s created. Attach the achievement report, then submit.")
                    % {"ref": dossier.reference},
                )
                return redirect("dossiers:detail", pk=dossier.pk)
        return render(request, "dossiers/form.html", {"form": form, "title": _("New nomination")}, status=400)


class DossierEditView(LoginRequiredMixin, View):
    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        form = DossierEditForm(initial={"version": dossier.version, "achievements": dossier.achievements})
        return render(request, "dossiers/form.html", {"form": form, "dossier": dossier, "title": _("Edit dossier")})

    def post(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        form = DossierEditForm(request.POST)
        if form.is_valid():
            try:
                dossier_svc.dossier_update(acting_user=request.user, dossier_id=dossier.pk, **form.cleaned_data)
            except errors.DomainError as exc:
                if exc.status == 404:
                    raise
                _apply_errors(form, exc)
                return render(
                    request,
                    "dossiers/form.html",
                    {"form": form, "dossier": dossier, "title": _("Edit dossier")},
                    status=exc.status,
                )
            messages.success(request, _("Changes saved."))
            return redirect("dossiers:detail", pk=dossier.pk)
        return render(
            request, "dossiers/form.html", {"form": form, "dossier": dossier, "title": _("Edit dossier")}, status=400
        )


class DocumentUploadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        return render(
            request,
            "dossiers/form.html",
            {"form": DocumentUploadForm(), "dossier": dossier, "title": _("Attach a document"), "multipart": True},
        )

    def post(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        form = DocumentUploadForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            try:
                document_svc.document_upload(
                    acting_user=request.user,
                    dossier_id=dossier.pk,
                    kind=form.cleaned_data["kind"],
                    uploaded=form.cleaned_data["file"],
                )
            except errors.DomainError as exc:
                if exc.status == 404:
                    raise
                _apply_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Document attached."))
                return redirect("dossiers:detail", pk=dossier.pk)
        return render(
            request,
            "dossiers/form.html",
            {"form": form, "dossier": dossier, "title": _("Attach a document"), "multipart": True},
            status=status,
        )


class DocumentDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk, doc_pk):
        document = selectors.document_get(request.user, pk, doc_pk)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=document.content_type
        )


class DossierSubmitView(LoginRequiredMixin, View):
    def post(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        try:
            process.dossier_submit(acting_user=request.user, dossier_id=dossier.pk)
        except errors.DomainError as exc:
            if exc.status == 404:
                raise
            messages.error(request, exc.message)
            return redirect("dossiers:detail", pk=dossier.pk)
        messages.success(request, _("Dossier submitted to the secretariat."))
        return redirect("dossiers:detail", pk=dossier.pk)


class DossierWithdrawView(LoginRequiredMixin, View):
    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        return render(
            request,
            "dossiers/form.html",
            {"form": WithdrawForm(), "dossier": dossier, "title": _("Withdraw the dossier"), "danger": True},
        )

    def post(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk)
        form = WithdrawForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                process.dossier_withdraw(
                    acting_user=request.user, dossier_id=dossier.pk, reason=form.cleaned_data["reason"]
                )
            except errors.DomainError as exc:
                if exc.status == 404:
                    raise
                _apply_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The dossier has been withdrawn."))
                return redirect("dossiers:detail", pk=dossier.pk)
        return render(
            request,
            "dossiers/form.html",
            {"form": form, "dossier": dossier, "title": _("Withdraw the dossier"), "danger": True},
            status=status,
        )
