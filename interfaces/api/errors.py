"""The API's error shape and its one exception of its own, apart from the handler (``exceptions.py``).

Kept free of ``rest_framework.views``: the parsers (named in DRF's settings) and django-axes' lockout answer import
these, and ``rest_framework.views`` reads DRF's settings, which import the parsers, when it is first imported.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(_("The request is too large."))


def error_body(detail, code, errors=None):
    body = {"detail": str(detail), "code": code}
    if errors:
        body["errors"] = {field: [str(m) for m in msgs] for field, msgs in errors.items()}
    return body
