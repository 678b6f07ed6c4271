"""Pages of the batch documents and the outgoing register (thin: selectors, and one service per form).

A domain error becomes a message on the page (400, 409); a refusal (403) or a hidden object (404) goes up to
``workflows.middleware`` (the refused page, and its trace in the audit trail).
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from domain.official import batches, certificates, exports, register, selectors
from domain.official import jobs as official_jobs
from domain.official.models import RegisterEntry
from ground.base import errors
from process.workflows import batches as process
from process.workflows import jobs as sign_jobs

from .forms import SignForm


def _refusal(exc):
    return exc.status in (403, 404)


def _ids(values):
    return [int(v) for v in values if str(v).isdigit()]


def _pdf(data, filename, inline=True):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


def _require_see(user):
    if not selectors.can_see_documents(user):
        raise errors.NotAllowed()


class BatchListView(LoginRequiredMixin, View):
    def get(self, request):
        _require_see(request.user)
        return render(
            request,
            "official/batches.html",
            {
                "documents": selectors.documents_for(request.user, status=request.GET.get("status") or None),
                "sessions": process.sessions_waiting(request.user)
                if request.user.has_perm("dossiers.prepare_batch")
                else [],
                "statuses": batches.D.Status.choices,
            },
        )

    def post(self, request):
        """Lập dự thảo: the documents of the chosen concluded sessions."""
        try:
            documents = process.batch_draft(
                acting_user=request.user, session_ids=_ids(request.POST.getlist("session")) or None
            )
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            messages.error(request, exc.message)
            return redirect("official:batches")
        messages.success(request, _("%(count)d draft documents prepared.") % {"count": len(documents)})
        return redirect("official:batches")


def _document_page(request, pk, *, status=200, sign_form=None, error="", blocking=()):
    """The document's page; after a failed form, with its errors and what was typed (never the password)."""
    document = batches.document_get(actor=request.user, document_id=pk)
    if sign_form is None:
        sign_form = SignForm()
    context = {
        "document": document,
        "sign_form": sign_form,
        "error": error,
        "blocking": list(blocking),
        **selectors.document_page(request.user, document),
    }
    return render(request, "official/batch.html", context, status=status)


class BatchDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return _document_page(request, pk)


class BatchActionView(LoginRequiredMixin, View):
    """One form per action: add / remove dossiers, send for signature, sign, issue, cancel, hand over."""

    def post(self, request, pk, action):
        post = request.POST
        sign_form = None
        try:
            if action == "change":
                batches.batch_change(
                    acting_user=request.user,
                    document_id=pk,
                    add=_ids(post.getlist("add")),
                    remove=_ids(post.getlist("remove")),
                    version=post.get("version") or None,
                )
                done = _("The list was changed.")
            elif action == "send":
                batches.batch_send(acting_user=request.user, document_id=pk)
                done = _("Sent for signature.")
            elif action == "sign":
                sign_form = SignForm(post)
                if not sign_form.is_valid():
                    return _document_page(request, pk, status=400, sign_form=sign_form)
                _document, job = sign_jobs.batch_sign_start(
                    acting_user=request.user,
                    document_id=pk,
                    confirm=sign_form.cleaned_data["confirm"],
                    comment=sign_form.cleaned_data["comment"],
                )
                if job is not None:  # a long list: a worker signs, the job's page shows it
                    return redirect("jobs:detail", pk=job.pk)
                done = _("Signed. The records clerk will now number and issue it.")
            elif action == "issue":
                document = process.batch_issue(acting_user=request.user, document_id=pk)
                done = _("Issued with number %(symbol)s.") % {"symbol": document.symbol}
            elif action == "cancel":
                from domain.official.services import issued_document_cancel

                issued_document_cancel(actor=request.user, issued_id=pk, reason=post.get("reason", ""))
                done = _("Document cancelled; its number stays in the register.")
            elif action == "handover":
                certificates.handover_record(
                    actor=request.user,
                    document_id=pk,
                    dossier_id=int(post.get("dossier") or 0),
                    handed_on=_date(post.get("handed_on")),
                    received_by=post.get("received_by", ""),
                )
                done = _("Hand-over recorded.")
            else:
                raise errors.NotVisible()
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            # the refusal on the document's page, with its status (400 bad input, 409 conflict): nothing changed
            if sign_form is not None and isinstance(exc, errors.WrongPin):  # at its field; the comment is kept
                sign_form.add_error("confirm", exc.message)
                return _document_page(request, pk, status=exc.status, sign_form=sign_form)
            problems = [str(m) for msgs in exc.errors.values() for m in msgs]
            return _document_page(
                request,
                pk,
                status=exc.status,
                sign_form=sign_form,
                error=" ".join(problems) or str(exc.message),
                blocking=getattr(exc, "reasons", []),
            )
        messages.success(request, done)
        return redirect("official:batch", pk=pk)


def _date(text):
    try:
        return dt.datetime.strptime((text or "").strip(), "%d/%m/%Y").date()
    except ValueError:
        try:
            return dt.date.fromisoformat((text or "").strip())
        except ValueError:
            return None


class BatchPreviewView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return _pdf(batches.batch_preview(actor=request.user, document_id=pk), f"van-ban-{pk}.pdf")


class CertificatesView(LoginRequiredMixin, View):
    def get(self, request, pk):
        return _pdf(certificates.certificates_pdf(actor=request.user, document_id=pk), f"giay-khen-{pk}.pdf")

    def post(self, request, pk):
        """Print in the background: a worker builds the PDF, the job's page shows its progress."""
        try:
            job = official_jobs.certificates_job_start(user=request.user, document_id=pk)
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            messages.error(request, exc.message)
            return redirect("official:batch", pk=pk)
        return redirect("jobs:detail", pk=job.pk)


class CertificateTestPageView(LoginRequiredMixin, View):
    def get(self, request):
        return _pdf(certificates.test_page(actor=request.user), "trang-in-thu.pdf")


class RegisterView(LoginRequiredMixin, View):
    def get(self, request):
        _require_see(request.user)
        q = request.GET.get("q", "").strip()[:100]
        year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else None
        doc_type = request.GET.get("type", "")
        entries = selectors.register_entries(request.user, q=q, year=year, doc_type=doc_type)
        if request.GET.get("export") == "xlsx":
            response = HttpResponse(
                exports.register_xlsx(entries),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="so-van-ban-di.xlsx"'
            return response
        return render(
            request,
            "official/register.html",
            {
                "entries": entries[:500],
                "q": q,
                "year": year or "",
                "type": doc_type,
                "types": RegisterEntry.DOC_TYPES,
                "can_register": request.user.has_perm("dossiers.issue_document"),
                "today": dt.date.today(),
            },
        )

    def post(self, request):
        """Vào sổ: a document issued outside this system takes its own number."""
        post = request.POST
        try:
            entry = register.register_manual(
                actor=request.user,
                doc_type=post.get("doc_type", ""),
                subject=post.get("subject", ""),
                issued_on=_date(post.get("issued_on")),
                signer=post.get("signer", ""),
                recipients=post.get("recipients", ""),
            )
        except errors.DomainError as exc:
            if _refusal(exc):
                raise
            problems = [str(m) for msgs in exc.errors.values() for m in msgs]
            messages.error(request, " ".join(problems) or str(exc.message))
            return redirect("official:register")
        messages.success(request, _("Registered with number %(symbol)s.") % {"symbol": entry.symbol})
        return redirect("official:register")
