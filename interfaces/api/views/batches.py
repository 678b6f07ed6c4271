"""Batch documents and the outgoing register: thin views over ``official`` selectors and services and the process
layer's ``workflows.batches`` (signing and issuing move every covered dossier)."""

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from domain.official import batches, register, selectors
from domain.official import services as official
from ground.base import errors
from process.workflows import batches as process

from .. import serializers as s
from .base import YEAR, ApiListView, ApiView, query_choice, query_int, validated

PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)}


def _detail(request, pk, status_code=status.HTTP_200_OK):
    document = batches.document_get(actor=request.user, document_id=pk)
    return Response(s.BatchDetailSerializer(document, context={"request": request}).data, status=status_code)


def _check(result):
    check = result["signature"]
    return {
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


class BatchListView(ApiListView):
    serializer_class = s.BatchSerializer
    query_parameters = {"GET": ("status",)}
    body_rules = {"POST": ("the sessions are concluded and the dossiers approved and waiting for a document", (400,))}

    def get_queryset(self):
        if not selectors.can_see_documents(self.request.user):
            raise errors.NotAllowed()
        status_filter = query_choice(self.request, "status", batches.D.Status.values)
        return selectors.documents_for(self.request.user, status=status_filter)

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=batches.D.Status.values)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def may_post(self, request, **_kwargs):
        batches.require_prepare(request.user)

    @extend_schema(request=s.BatchDraftSerializer, responses={201: s.BatchSerializer(many=True)})
    def post(self, request):
        """Draft the documents of concluded sessions (or of the given approved dossiers)."""
        data = validated(s.BatchDraftSerializer, request.data)
        documents = process.batch_draft(
            acting_user=request.user, session_ids=data["sessions"] or None, dossier_ids=data["dossiers"]
        )
        body = s.BatchSerializer(documents, many=True, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class BatchDetailView(ApiView):
    def may_patch(self, request, pk):
        batches.document_get(actor=request.user, document_id=pk)
        batches.require_prepare(request.user)

    @extend_schema(responses=s.BatchDetailSerializer)
    def get(self, request, pk):
        return _detail(request, pk)

    @extend_schema(request=s.BatchChangeSerializer, responses=s.BatchDetailSerializer)
    def patch(self, request, pk):
        """Add or remove dossiers of a draft; ``version`` is the one read (409 if stale)."""
        data = validated(s.BatchChangeSerializer, request.data)
        batches.batch_change(
            acting_user=request.user, document_id=pk, add=data["add"], remove=data["remove"], version=data["version"]
        )
        return _detail(request, pk)


class BatchSendView(ApiView):
    @extend_schema(request=None, responses=s.BatchDetailSerializer)
    def post(self, request, pk):
        batches.batch_send(acting_user=request.user, document_id=pk)
        return _detail(request, pk)


class BatchSignView(ApiView):
    def may_post(self, request, pk):
        batches.require_may_sign(actor=request.user, document_id=pk)

    @extend_schema(request=s.BatchSignSerializer, responses=s.BatchDetailSerializer)
    def post(self, request, pk):
        """Sign once for every dossier (400 ``wrong_pin``: nothing signed; 403 ``no_delegation``)."""
        data = validated(s.BatchSignSerializer, request.data)
        process.batch_sign(acting_user=request.user, document_id=pk, confirm=data["confirm"], comment=data["comment"])
        return _detail(request, pk)


class BatchIssueView(ApiView):
    @extend_schema(request=None, responses=s.BatchDetailSerializer)
    def post(self, request, pk):
        """The records clerk: number and date from the register, the organisation's signature."""
        process.batch_issue(acting_user=request.user, document_id=pk)
        return _detail(request, pk)


class BatchCancelView(ApiView):
    def may_post(self, request, pk):
        official.require_may_cancel(actor=request.user, issued_id=pk)

    @extend_schema(request=s.ReasonSerializer, responses=s.BatchDetailSerializer)
    def post(self, request, pk):
        data = validated(s.ReasonSerializer, request.data)
        official.issued_document_cancel(actor=request.user, issued_id=pk, reason=data["reason"])
        return _detail(request, pk)


class BatchPdfView(ApiView):
    @extend_schema(responses=PDF)
    def get(self, request, pk):
        """The issued PDF once issued, else the preview as it will read (number and date blank)."""
        data = batches.batch_preview(actor=request.user, document_id=pk)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="van-ban-{pk}.pdf"'
        return response


class BatchVerifyView(ApiView):
    @extend_schema(responses=s.SignatureCheckSerializer)
    def get(self, request, pk):
        _issued, result = official.issued_document_verify(actor=request.user, issued_id=pk)
        return Response(_check(result))


class RegisterListView(ApiListView):
    serializer_class = s.RegisterEntrySerializer
    query_parameters = {"GET": ("q", "year", "type")}

    def get_queryset(self):
        if not selectors.can_see_documents(self.request.user):
            raise errors.NotAllowed()
        params = self.request.query_params
        return selectors.register_entries(
            self.request.user,
            q=(params.get("q") or "")[:100],
            year=query_int(self.request, "year", minimum=1900, maximum=9999),
            doc_type=params.get("type") or "",
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="text in the number, subject or signer"),
            OpenApiParameter("year", YEAR),
            OpenApiParameter("type", str, description="QĐ, TTr, CV, BB, KH, BC, TB, QC"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def may_post(self, request, **_kwargs):
        register.require_clerk(request.user)

    @extend_schema(request=s.RegisterManualSerializer, responses={201: s.RegisterEntrySerializer})
    def post(self, request):
        """Register a document issued outside this system: it takes the next number."""
        data = validated(s.RegisterManualSerializer, request.data)
        entry = register.register_manual(
            actor=request.user,
            doc_type=data["type"],
            subject=data["subject"],
            issued_on=data["issued_on"],
            signer=data["signer"],
            recipients=data["recipients"],
        )
        return Response(s.RegisterEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


def _entry(request, pk):
    entry = selectors.register_entries(request.user).filter(pk=pk).first()
    if entry is None:
        raise errors.NotVisible()
    return entry


class RegisterDetailView(ApiView):
    @extend_schema(responses=s.RegisterEntrySerializer)
    def get(self, request, pk):
        return Response(s.RegisterEntrySerializer(_entry(request, pk)).data)


class RegisterPdfView(ApiView):
    @extend_schema(responses=PDF)
    def get(self, request, pk):
        entry = _entry(request, pk)
        if entry.document_id is None:
            raise errors.NotVisible()  # registered by hand: its file is not kept here
        issued = official.issued_document_get(actor=request.user, issued_id=entry.document_id)
        name = issued.file.name.rsplit("/", 1)[-1]
        return FileResponse(issued.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


class RegisterVerifyView(ApiView):
    @extend_schema(responses=s.SignatureCheckSerializer)
    def get(self, request, pk):
        entry = _entry(request, pk)
        if entry.document_id is None:
            raise errors.NotVisible()
        _issued, result = official.issued_document_verify(actor=request.user, issued_id=entry.document_id)
        return Response(_check(result))
