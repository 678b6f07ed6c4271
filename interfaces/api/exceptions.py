"""Every API error in the contract's shape: ``{"detail", "code"}`` plus ``"errors"`` for invalid input.

Domain errors carry their own status and stable code; DRF's and Django's own errors (401, 403, 404,
405, 413, 415, 429, a body too large) are mapped here, so a client never sees another shape.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback

from ground.base.errors import DomainError, NotVisible

from .errors import RequestTooLarge, error_body


def _flatten(detail):
    """DRF validation detail -> {field: [messages]} (nested fields joined with dots)."""
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    errors = {}
    for field, value in detail.items():
        if isinstance(value, dict):
            errors.update({f"{field}.{sub}": msgs for sub, msgs in _flatten(value).items()})
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for index, item in enumerate(value):
                errors.update({f"{field}.{index}.{sub}": msgs for sub, msgs in _flatten(item).items()})
        else:
            errors[field] = [str(item) for item in (value if isinstance(value, list) else [value])]
    return errors


def _as_api_exception(exc):
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    return exc


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: the one mapping from an exception to an error response."""
    if isinstance(exc, DomainError):
        set_rollback()
        if isinstance(exc, NotVisible):
            context["request"]._request.audit_denied = True  # a refusal answered as "not found": traced
        return Response(error_body(exc.message, exc.code, exc.errors), status=exc.status)
    exc = _as_api_exception(exc)
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: Django's 500 handler answers (see handler500)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    set_rollback()
    if isinstance(exc, exceptions.ValidationError):
        body = error_body(_("The request is not valid."), "invalid", _flatten(exc.detail))
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        body = error_body(exc.detail, code)
    return Response(body, status=exc.status_code, headers=headers)


def _json_error(detail, code, status_code):
    return JsonResponse(error_body(detail, code), status=status_code, json_dumps_params={"ensure_ascii": False})


def not_found(request, exception=None):
    """handler404: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return _json_error(exceptions.NotFound.default_detail, "not_found", 404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    """handler500: JSON under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return _json_error(_("A server error occurred."), "server_error", 500)
    from django.views.defaults import server_error as page

    return page(request)


def bad_request(request, exception=None):
    """handler400: a body too large read outside DRF is a 413 under /api/."""
    if request.path.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            return _json_error(RequestTooLarge().detail, "request_too_large", 413)
        return _json_error(_("The request is not valid."), "invalid", 400)
    from django.views.defaults import bad_request as page

    return page(request, exception)
