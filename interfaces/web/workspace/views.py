"""The home page of each role, and the refusal page that shows the way home."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .selectors import home_sections


class HomeView(LoginRequiredMixin, TemplateView):
    """Trang làm việc: the day's work of every role the user holds, on one page."""

    template_name = "workspace/home.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "sections": home_sections(self.request.user)}


def permission_denied(request, exception=None):
    """403: an anonymous visitor is sent to the login page; a signed-in user reads why, with the way home."""
    if request.path.startswith("/api/"):
        detail = _("You do not have permission to perform this action.")
        return JsonResponse({"detail": detail, "code": "permission_denied"}, status=403)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "workspace/403.html", status=403)
