"""Pages for official documents: the principal's preview before signing, download, verification, cancelling."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from domain.official import services
from ground.base import errors


def _pdf(data, filename, inline=True):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


class PreviewView(LoginRequiredMixin, View):
    def get(self, request, dossier_pk):
        return _pdf(services.issued_document_preview(actor=request.user, dossier_id=dossier_pk), "du-thao.pdf")


class DownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        issued = services.issued_document_get(actor=request.user, issued_id=pk)
        with issued.file.open("rb") as handle:
            return _pdf(handle.read(), issued.file.name.rsplit("/", 1)[-1], inline=False)


class VerifyView(LoginRequiredMixin, View):
    def get(self, request, pk):
        issued, result = services.issued_document_verify(actor=request.user, issued_id=pk)
        return render(request, "official/verify.html", {"issued": issued, "result": result})


class CancelView(LoginRequiredMixin, View):
    def post(self, request, pk):
        issued = services.issued_document_get(actor=request.user, issued_id=pk)
        try:
            services.issued_document_cancel(actor=request.user, issued_id=pk, reason=request.POST.get("reason", ""))
        except errors.DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.errors.get("reason", [exc.message])[0])
        else:
            messages.success(request, _("Document %(symbol)s cancelled.") % {"symbol": issued.symbol})
        return redirect("dossiers:detail", pk=issued.dossier_id)
