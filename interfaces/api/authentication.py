"""The province's system authenticates each message by its HMAC signature (``X-Signature``), which covers the
body (the contract), or the ``X-Timestamp`` header and the body (Unix seconds; more than 5 minutes away is refused)."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from domain.province import services as province
from ground.audit.context import client_ip


class ProvinceSignatureAuthentication(authentication.BaseAuthentication):
    """A body signed with the shared secret comes from the province; anything else is 401 and is logged."""

    header = "HTTP_X_SIGNATURE"

    def authenticate(self, request):
        signature = request.META.get(self.header)
        body = request._request.body  # the raw bytes, before any parsing
        refusal = province.callback_refusal(body, signature, request.META.get("HTTP_X_TIMESTAMP"))
        if refusal is not None:
            province.signature_refused(reason=refusal, remote_addr=client_ip(request._request) or "", path=request.path)
            raise exceptions.AuthenticationFailed(_("The signature of this message is missing or wrong."))
        user = province.province_client_user()
        if user is None:
            raise exceptions.AuthenticationFailed(_("No account of the province's system is configured."))
        return user, None

    def authenticate_header(self, request):
        return 'Signature header="X-Signature"'


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's, with its refusal of a session's write without the form's token in the user's language (DRF words it
    "CSRF Failed: CSRF token missing.", untranslated)."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise exceptions.PermissionDenied(
                _("The page's security token is missing or out of date: reload the page and try again.")
            ) from exc
