"""The audit chain's check, for auditors (the same service as `manage.py audit_verify` and the workspace page)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from ground.audit import policies, services

from .. import serializers as s
from .base import ApiView


class AuditVerifyView(ApiView):
    @extend_schema(responses=s.AuditVerifySerializer)
    def get(self, request):
        policies.require_audit(request.user)
        return Response(s.AuditVerifySerializer(services.audit_verify()).data)
