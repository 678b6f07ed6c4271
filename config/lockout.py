"""django-axes' answer to a locked-out sign-in: the API's JSON error under /api/ (429, ``locked_out``, Retry-After),
the sign-in page's own "locked" page elsewhere (as axes renders it)."""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from interfaces.api.errors import error_body


def lockout_response(request, original_response=None, credentials=None):
    status = settings.AXES_HTTP_RESPONSE_CODE
    cool_off = get_cool_off(request)
    if request.path.startswith("/api/"):
        detail = _("Too many failed sign-ins for this account or from this address. Try again later.")
        body = error_body(detail, "locked_out")
        response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
        if cool_off:
            response["Retry-After"] = str(int(cool_off.total_seconds()))
        return response
    context = {"failure_limit": get_failure_limit(request, credentials), "cooloff_timedelta": cool_off}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=status)
