"""The OpenAPI schema documents the contract's error answers on every operation."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Translated message (Accept-Language: vi|en).")
    code = serializers.CharField(help_text="Stable code, e.g. not_found, task_taken, file_too_large.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per field, for invalid input.",
    )

    class Meta:
        ref_name = "Error"


_READ_ERRORS = {"400": "Invalid input", "401": "Not authenticated", "403": "Not allowed", "404": "Not visible"}
_WRITE_ERRORS = {
    **_READ_ERRORS,
    "409": "Conflict: taken, done or changed meanwhile",
    "413": "Too large",
    "415": "File type not accepted",
    "429": "Throttled",
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = _READ_ERRORS if self.method in ("GET", "HEAD") else _WRITE_ERRORS
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses


class ProvinceSignatureScheme(OpenApiAuthenticationExtension):
    target_class = "interfaces.api.authentication.ProvinceSignatureAuthentication"
    name = "provinceSignature"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Signature",
            "description": "sha256=<hex HMAC-SHA256 of the raw body with the secret shared with the province>",
        }
