"""``POST /api/v1/province/decisions/``: the province's system answers, signed with the shared secret."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from process.workflows import services as process

from .. import serializers as s
from ..authentication import ProvinceSignatureAuthentication
from ..throttling import ProvinceRateThrottle
from .base import ApiView, validated


class ProvinceDecisionView(ApiView):
    authentication_classes = [ProvinceSignatureAuthentication]
    throttle_classes = [ProvinceRateThrottle]

    def initial(self, request, *args, **kwargs):
        self.check_throttles(request)  # per address, before the signature is checked (and a refusal recorded)
        self.throttle_classes = []  # counted once
        super().initial(request, *args, **kwargs)

    @extend_schema(request=s.ProvinceDecisionSerializer, responses=s.ProvinceDecisionResultSerializer)
    def post(self, request):
        data = validated(s.ProvinceDecisionSerializer, request.data, unknown_fields="ignore")
        answer = {
            "result": data["result"],
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"],
            "note": data["note"],
        }
        if not data["dossier"]:  # the whole letter: one answer for every dossier it proposed
            done = process.province_letter_decision_receive(actor=request.user, submission=data["submission"], **answer)
            results = [{"dossier": d.reference, "status": d.status, "recorded": c} for d, c in done]
            recorded = any(r["recorded"] for r in results)
            return Response({"dossier": "", "status": "", "recorded": recorded, "results": results})
        dossier, created = process.province_decision_receive(
            actor=request.user, dossier_reference=data["dossier"], submission=data["submission"], **answer
        )
        return Response({"dossier": dossier.reference, "status": dossier.status, "recorded": created})
