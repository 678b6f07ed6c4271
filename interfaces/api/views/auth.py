"""``POST /api/v1/auth/token/``: a token for a username and password (throttled per client address)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, permissions
from rest_framework.authtoken.models import Token
from rest_framework.response import Response

from .. import serializers as s
from ..throttling import TokenRateThrottle
from .base import ApiView, validated


class InvalidCredentials(exceptions.AuthenticationFailed):
    """401: a well-formed request whose credentials do not authenticate (400 is for a body that is not well formed)."""

    default_code = "invalid_credentials"
    default_detail = _("Wrong username or password.")


class TokenView(ApiView):
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenRateThrottle]

    def get_authenticate_header(self, request):
        return "Token"  # the credentials this endpoint exchanges for a token; without it DRF would answer 403

    @extend_schema(request=s.TokenRequestSerializer, responses=s.TokenSerializer, auth=[])
    def post(self, request):
        data = validated(s.TokenRequestSerializer, request.data)
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise InvalidCredentials()
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
