"""Pages for official documents: the principal's preview before signing, download, verification, cancelling."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from domain.official import services


def _pdf(data, filename, inline=True):
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response


class DownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        issued = services.issued_document_get(actor=request.user, issued_id=pk)
        with issued.file.open("rb") as handle:
            return _pdf(handle.read(), issued.file.name.rsplit("/", 1)[-1], inline=False)


class VerifyView(LoginRequiredMixin, View):
    def get(self, request, pk):
        issued, result = services.issued_document_verify(actor=request.user, issued_id=pk)
        return render(request, "official/verify.html", {"issued": issued, "result": result})
