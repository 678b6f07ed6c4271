"""Where the current change comes from: the request (IP address, request id) or the Celery task.

Set once at the edge (``AuditContextMiddleware``, Celery's task_prerun) and read by ``record_event``, so
services need not pass the request down.
"""

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Origin:
    ip: str | None = None
    request_id: str = ""
    request: object = None  # the HttpRequest, for its (lazily loaded) user

    @property
    def user(self):
        user = getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


_NOWHERE = Origin()
_origin = contextvars.ContextVar("audit_origin", default=None)


def current():
    return _origin.get() or _NOWHERE


def enter(ip=None, request_id="", request=None):
    """Make this the origin of the events written from now on; returns the token for ``leave``."""
    return _origin.set(Origin(ip=ip, request_id=request_id[:64], request=request))


def leave(token):
    _origin.reset(token)


@contextmanager
def origin(**kwargs):
    token = enter(**kwargs)
    try:
        yield
    finally:
        leave(token)


def client_ip(request):
    """The client's address; X-Forwarded-For only behind a proxy we were told to trust."""
    if settings.AUDIT_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def request_id_of(request):
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given[:64] if given else uuid.uuid4().hex


class AuditContextMiddleware:
    """Tags every audit event written while serving a request with its IP address and request id, and records
    every refusal: any 403 answer, and a 404 that hid an object from this user (``request.audit_denied``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_of(request)
        with origin(ip=client_ip(request), request_id=request.request_id, request=request):
            response = self.get_response(request)
            if response.status_code == 403 or getattr(request, "audit_denied", False):
                from .services import record_denial

                record_denial(request, response.status_code)
        response["X-Request-ID"] = request.request_id
        return response
