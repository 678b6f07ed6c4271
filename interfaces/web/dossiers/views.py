"""Dossier pages: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from domain.council.selectors import withhold_objectors_in_trail
from domain.deadlines.selectors import with_deadlines
from domain.dossiers import policies, selectors
from domain.dossiers.models import DossierStatus
from domain.dossiers.services import documents as document_svc
from domain.dossiers.services import dossiers as dossier_svc
from domain.eligibility.selectors import dossier_eligibility
from ground.base import errors
from ground.base.forms import show_domain_error
from ground.organisation.roles import label as role_label
from ground.organisation.selectors import staff_of
from ground.printing.lists import sorted_by, work_list
from interfaces.web.audit.actions import label as action_label
from interfaces.web.council import pages as council_pages
from process.workflows import services as process
from process.workflows.selectors import dossier_process_info

from .forms import DocumentUploadForm, DossierCreateForm, DossierEditForm, WithdrawForm
from .lists import DossierFilter, DossierTable


class DossierListView(LoginRequiredMixin, View):
    """Hồ sơ: search, filters, sortable columns, pages, Excel export and a printed list (issue 16)."""

    def get(self, request):
        return work_list(
            request,
            rows=with_deadlines(selectors.dossier_list(request.user, by_name=sorted_by(request, "nominee"))),
            filterset_class=DossierFilter,
            table_class=DossierTable,
            template="dossiers/list.html",
            title=_("Award dossiers"),
            filename="ho-so",
            context={
                "can_nominate": request.user.has_perm("dossiers.nominate") and staff_of(request.user) is not None,
            },
        )


class DossierDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk, documents="all")
        department_head = policies.is_head_of(request.user, dossier.department_id)
        return render(
            request,
            "dossiers/detail.html",
            {
                "dossier": dossier,
                "versions": dossier.document_versions,
                "events": [
                    (e, action_label(e.action), role_label(e.role))
                    for e in withhold_objectors_in_trail(request.user, dossier, selectors.dossier_events(dossier))
                ],
                "process": dossier_process_info(request.user, dossier),
                "can_edit": department_head and dossier.is_editable,
                "can_submit": department_head and dossier.status == DossierStatus.DRAFT,
                "can_withdraw": department_head and dossier.is_withdrawable,
                "issued": selectors.issued_documents(dossier),
                "can_sign": policies.can_sign(request.user, dossier),
                "council": council_pages.dossier_council(request.user, dossier),
            },
        )


class DossierEligibilityView(LoginRequiredMixin, View):
    """The eligibility panel of a dossier page, loaded into it as a Turbo frame once the page is shown (the nominee's
    record takes six queries of its own); without Turbo, a page of its own."""

    def get(self, request, pk):
        dossier = selectors.dossier_get(request.user, pk, documents=None)
        in_frame = request.headers.get("Turbo-Frame") == "eligibility-frame"
        return render(
            request,
            "eligibility/dossier_frame.html" if in_frame else "eligibility/dossier_page.html",
            {"dossier": dossier, "eligibility": dossier_eligibility(dossier)},
        )


class ServiceFormView(LoginRequiredMixin, View):
    """A form whose valid input goes to one service; a domain error is shown on the form, input kept."""

    form_class = None
    title = ""
    multipart = False
    danger = False

    def get(self, request, pk=None):
        dossier = selectors.dossier_get(request.user, pk) if pk else None
        return self.page(request, self.make_form(dossier=dossier), dossier)

    def require(self, request, dossier):
        """Permission before validation: every form here is the nominating department head's."""
        if dossier is None:
            policies.require_may_nominate(request.user)
        else:
            policies.require_department_action(request.user, dossier)

    def post(self, request, pk=None):
        dossier = selectors.dossier_get(request.user, pk) if pk else None
        self.require(request, dossier)  # 403 (404 for a dossier one may not see) before the form is read
        form = self.make_form(request.POST, request.FILES, dossier=dossier)
        status = 400
        if form.is_valid():
            try:
                dossier = self.perform(form, dossier)
            except errors.DomainError as exc:
                if exc.status == 404:
                    raise
                show_domain_error(form, exc)
                status = exc.status
            else:
                messages.success(request, self.success_message(dossier))
                return redirect("dossiers:detail", pk=dossier.pk)
        return self.page(request, form, dossier, status=status)

    def make_form(self, *args, dossier=None, **kwargs):
        return self.form_class(*args, **kwargs)

    def page(self, request, form, dossier, status=200):
        context = {
            "form": form,
            "dossier": dossier,
            "title": self.title,
            "multipart": self.multipart,
            "danger": self.danger,
        }
        return render(request, "dossiers/form.html", context, status=status)


class DossierCreateView(ServiceFormView):
    form_class = DossierCreateForm
    title = _lazy("New nomination")

    def make_form(self, *args, dossier=None, **kwargs):
        return DossierCreateForm(*args, user=self.request.user, **kwargs)

    def perform(self, form, dossier):
        return dossier_svc.dossier_create(
            acting_user=self.request.user,
            period_year=form.cleaned_data["period"],
            award_code=form.cleaned_data["award"],
            nominee_kind=form.cleaned_data["nominee_kind"],
            nominee_id=form.nominee_id(),
            achievements=form.cleaned_data["achievements"],
        )

    def success_message(self, dossier):
        return _("Dossier %(ref)s created. Attach the achievement report, then submit.") % {"ref": dossier.reference}


class DossierEditView(ServiceFormView):
    form_class = DossierEditForm
    title = _lazy("Edit dossier")

    def make_form(self, *args, dossier=None, **kwargs):
        initial = {"version": dossier.version, "achievements": dossier.achievements}
        return DossierEditForm(*args, initial=initial, **kwargs)

    def perform(self, form, dossier):
        return dossier_svc.dossier_update(acting_user=self.request.user, dossier_id=dossier.pk, **form.cleaned_data)

    def success_message(self, dossier):
        return _("Changes saved.")


class DocumentUploadView(ServiceFormView):
    form_class = DocumentUploadForm
    title = _lazy("Attach a document")
    multipart = True

    def perform(self, form, dossier):
        document_svc.document_upload(
            acting_user=self.request.user,
            dossier_id=dossier.pk,
            kind=form.cleaned_data["kind"],
            uploaded=form.cleaned_data["file"],
        )
        return dossier

    def success_message(self, dossier):
        return _("Document attached.")


class DossierWithdrawView(ServiceFormView):
    form_class = WithdrawForm
    title = _lazy("Withdraw the dossier")
    danger = True

    def post(self, request, pk=None):
        # a refusal comes before the confirmation box is read (someone else's dossier: 403, not "tick the box")
        policies.require_department_action(request.user, selectors.dossier_get(request.user, pk))
        return super().post(request, pk)

    def perform(self, form, dossier):
        return process.dossier_withdraw(
            acting_user=self.request.user, dossier_id=dossier.pk, reason=form.cleaned_data["reason"]
        )

    def success_message(self, dossier):
        return _("The dossier has been withdrawn.")


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
            if exc.status in (403, 404):
                raise  # a refusal: the refused page, and its trace in the audit trail
            messages.error(request, exc.message)
            return redirect("dossiers:detail", pk=dossier.pk)
        messages.success(request, _("Dossier submitted to the secretariat."))
        return redirect("dossiers:detail", pk=dossier.pk)
