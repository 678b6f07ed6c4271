"""Dossiers: thin views over dossiers/workflows selectors and services."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from domain.council.selectors import withhold_objectors_in_trail
from domain.dossiers import policies, selectors
from domain.dossiers.models import DossierStatus
from domain.dossiers.services import documents as document_svc
from domain.dossiers.services import dossiers as dossier_svc
from domain.official import services as official
from ground.base import errors
from process.workflows import selectors as process_selectors
from process.workflows import services as process

from .. import parsers
from .. import serializers as s
from .base import ID, YEAR, ApiListView, ApiView, query_int, validated


def dossier_detail(request, pk, *, status_code=status.HTTP_200_OK):
    dossier = selectors.dossier_get(request.user, pk)
    return Response(s.DossierDetailSerializer(dossier, context={"request": request}).data, status=status_code)


LIST_FILTERS = [
    OpenApiParameter("status", str, enum=DossierStatus.values),
    OpenApiParameter("period", YEAR, description="Year of the emulation period"),
    OpenApiParameter("department", ID, description="Nominating department's id"),
    OpenApiParameter("award", str, description="Award code, e.g. CSTDCS"),
]


def may_act_for_department(request, pk, **_kwargs):
    """Edit, upload, submit, withdraw: the nominating department's head only (404 for a dossier one may not see)."""
    policies.require_department_action(request.user, selectors.dossier_get(request.user, pk))


class DossierListView(ApiListView):
    serializer_class = s.DossierListSerializer
    query_parameters = {"GET": tuple(p.name for p in LIST_FILTERS)}
    body_rules = {
        "POST": (
            "the period takes nominations, the award is in force for it, the nominee exists, is yours to nominate and "
            "has no other dossier for this award and period",
            (400,),
        )
    }

    def get_queryset(self):
        params = self.request.query_params
        status_filter = params.get("status") or None
        if status_filter and status_filter not in DossierStatus.values:
            raise ValidationError({"status": [errors.InvalidInput.message]})
        qs = selectors.dossier_list(
            self.request.user,
            status=status_filter,
            period=query_int(self.request, "period", minimum=1900, maximum=9999),
            department=query_int(self.request, "department"),
            award=params.get("award") or None,
        )
        return process_selectors.with_open_tasks(qs)

    @extend_schema(parameters=LIST_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def may_post(self, request, **_kwargs):
        policies.require_may_nominate(request.user)

    @extend_schema(request=s.DossierCreateSerializer, responses={201: s.DossierDetailSerializer})
    def post(self, request):
        data = validated(s.DossierCreateSerializer, request.data)
        dossier = dossier_svc.dossier_create(
            acting_user=request.user,
            period_year=data["period"],
            award_code=data["award"],
            nominee_kind=data["nominee"]["type"],
            nominee_id=data["nominee"]["id"],
            achievements=data["achievements"],
        )
        return dossier_detail(request, dossier.pk, status_code=status.HTTP_201_CREATED)


class DossierDetailView(ApiView):
    may_patch = staticmethod(may_act_for_department)

    @extend_schema(responses=s.DossierDetailSerializer)
    def get(self, request, pk):
        return dossier_detail(request, pk)

    @extend_schema(request=s.DossierUpdateSerializer, responses=s.DossierDetailSerializer)
    def patch(self, request, pk):
        """The department corrects its draft or returned dossier; ``version`` is the one read (409 if stale)."""
        data = validated(s.DossierUpdateSerializer, request.data)
        dossier_svc.dossier_update(
            acting_user=request.user, dossier_id=pk, version=data["version"], achievements=data["achievements"]
        )
        return dossier_detail(request, pk)


class DocumentUploadView(ApiView):
    body_rules = {
        "POST": (
            "the file is not empty, is a PDF, DOCX, XLSX, JPEG or PNG (415) and within the size limit (413)",
            (400, 413, 415),
        )
    }
    parser_classes = [parsers.MultiPartParser]  # cleaned text fields, like every JSON body
    too_large = errors.FileTooLarge
    may_post = staticmethod(may_act_for_department)

    @extend_schema(request=s.DocumentUploadSerializer, responses={201: s.UploadedDocumentSerializer})
    def post(self, request, pk):
        data = validated(s.DocumentUploadSerializer, request.data)
        document = document_svc.document_upload(
            acting_user=request.user, dossier_id=pk, kind=data["kind"], uploaded=data["file"]
        )
        return Response(s.UploadedDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


_FILE_TYPES = [document_svc.PDF, document_svc.DOCX, document_svc.XLSX, document_svc.JPEG, document_svc.PNG]


class DocumentDownloadView(ApiView):
    @extend_schema(responses={(200, media): OpenApiResponse(OpenApiTypes.BINARY) for media in _FILE_TYPES})
    def get(self, request, pk, doc_pk):
        document = selectors.document_get(request.user, pk, doc_pk)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type=document.content_type
        )


class IssuedDocumentDownloadView(ApiView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk, issued_pk):
        issued = official.issued_document_get(actor=request.user, issued_id=issued_pk, dossier_id=pk)
        name = issued.file.name.rsplit("/", 1)[-1]
        return FileResponse(issued.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


class IssuedDocumentVerifyView(ApiView):
    @extend_schema(responses=s.SignatureCheckSerializer)
    def get(self, request, pk, issued_pk):
        _issued, result = official.issued_document_verify(actor=request.user, issued_id=issued_pk, dossier_id=pk)
        check = result["signature"]
        data = {
            "ok": result["ok"],
            "signed": check.signed,
            "intact": check.intact,
            "valid": check.valid,
            "trusted": check.trusted,
            "whole_file": check.whole_file,
            "matches_record": result["matches_record"],
            "signer": check.signer,
            "sha256": result["sha256"],
        }
        return Response(s.SignatureCheckSerializer(data).data)


class DossierSubmitView(ApiView):
    may_post = staticmethod(may_act_for_department)

    @extend_schema(request=s.SubmitSerializer, responses=s.DossierDetailSerializer)
    def post(self, request, pk):
        data = validated(s.SubmitSerializer, request.data)
        process.dossier_submit(acting_user=request.user, dossier_id=pk, comment=data["comment"])
        return dossier_detail(request, pk)


class DossierWithdrawView(ApiView):
    may_post = staticmethod(may_act_for_department)

    @extend_schema(request=s.WithdrawSerializer, responses=s.DossierDetailSerializer)
    def post(self, request, pk):
        data = validated(s.WithdrawSerializer, request.data)
        process.dossier_withdraw(acting_user=request.user, dossier_id=pk, reason=data["reason"])
        return dossier_detail(request, pk)


class DossierHistoryView(ApiListView):
    serializer_class = s.EventSerializer

    def get_queryset(self):
        self.dossier = selectors.dossier_get(self.request.user, self.kwargs["pk"])
        return selectors.dossier_events(self.dossier)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return withhold_objectors_in_trail(self.request.user, self.dossier, page)
