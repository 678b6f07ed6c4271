"""The secretariat's pages for the exchange with the province (thin: selectors and one service)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from domain.province import policies, selectors
from ground.base import errors
from process.workflows.services import delivery_retry


class StatusView(LoginRequiredMixin, View):
    def get(self, request):
        policies.require_manage_exchange(request.user)
        return render(request, "province/status.html", {"groups": selectors.submissions_by_state()})


class RetryView(LoginRequiredMixin, View):
    def post(self, request, dossier_pk):

        try:
            delivery_retry(acting_user=request.user, dossier_id=dossier_pk)
        except errors.DomainError as exc:
            if exc.status in (403, 404):
                raise
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The package will be sent to the province again."))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "province:index"
        return redirect(target)
