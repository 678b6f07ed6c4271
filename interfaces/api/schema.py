"""The OpenAPI schema documents the contract's error answers on every operation."""

from drf_spectacular.authentication import SessionScheme as SpectacularSessionScheme
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
    """Each operation documents the contract's errors. A view whose schema-valid bodies can still be refused by a rule
    on what they name (a period closed to nominations, a member who sits on no council, a file that is no PDF...)
    declares it: ``body_rules = {"POST": ("the rules", (400,))}``; the answer's description says so and the operation
    carries ``x-rule-statuses``, the statuses such a refusal takes (schemathesis accepts them for schema-valid data
    of that operation only)."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        rules = getattr(self.view, "body_rules", {}).get(method)
        if operation is not None and rules:
            text, statuses = rules
            operation["x-rule-statuses"] = list(statuses)
            for code in statuses:
                answer = operation["responses"].get(str(code))
                if answer is not None:
                    answer["description"] = f"{answer['description']}, or refused by a rule: {text}"
        return operation

    def map_parsers(self):
        """JSON bodies are documented as JSON only: the form encodings DRF also parses cannot carry their nested
        objects, lists and nulls, so advertising them promised bodies the API cannot read. A view that takes files
        (multipart only) keeps its own."""
        media_types = super().map_parsers()
        return [m for m in media_types if m == "application/json"] or media_types

    def _get_pagination_parameters(self):
        """``page`` and ``page_size`` are read by a list's GET only (a POST to the list's path refuses them)."""
        return super()._get_pagination_parameters() if self.method == "GET" else []

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = _READ_ERRORS if self.method in ("GET", "HEAD") else _WRITE_ERRORS
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses


class SessionScheme(SpectacularSessionScheme):
    """The browser's session, as drf-spectacular describes DRF's (ours only translates its CSRF refusal)."""

    target_class = "interfaces.api.authentication.SessionAuthentication"


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


# A body may carry only its serializer's fields (interfaces/api/views/base.py ``validated``), except the province's,
# whose newer fields are ignored.
LENIENT_BODIES = frozenset({"ProvinceDecisionRequest"})


# A text that may not be blank must keep a visible character once cleaned at the boundary (ground/printing/text.py
# removes control and zero-width characters; DRF trims the spaces).
VISIBLE_CHARACTER = "[^\\s\\x00-\\x1f\\x7f-\\x9f\\u200b\\u2060\\ufeff]"


def closed_request_bodies(result, generator, request, public):
    """drf-spectacular's postprocessing hook, so that the schema says what the API refuses: ``additionalProperties:
    false`` on every request body's object schema (the ``…Request`` components of ``COMPONENT_SPLIT_REQUEST``), and a
    visible character in each text that may not be blank."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request") or component.get("type") != "object":
            continue
        if name not in LENIENT_BODIES:
            component["additionalProperties"] = False
        for field in component.get("properties", {}).values():
            if (
                field.get("type") == "string"
                and field.get("minLength", 0) >= 1
                and not {"pattern", "format"} & set(field)
            ):
                field["pattern"] = VISIBLE_CHARACTER
    return result
