"""What the API reads and writes. Output shapes follow ../shared/api.md; input serializers only validate
the form of a request: every rule is checked by the service the view calls."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers import selectors as dossier_selectors
from dossiers.models import AwardType, Department, Document, Dossier, DossierStatus, StaffMember
from dossiers.services.dossiers import PROVINCE_RESULTS
from workflows import selectors as process_selectors
from workflows.steps import STEPS

# --- catalog and people ------------------------------------------------------------------------


class AwardSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    regime = serializers.SlugRelatedField(slug_field="code", read_only=True)
    coefficient = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True)
    collective_coefficient = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True, allow_null=True
    )

    class Meta:
        model = AwardType
        fields = ["code", "name", "subject", "decided_by", "coefficient", "collective_coefficient", "regime"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "code", "name", "kind"]


class DepartmentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name"]


class StaffSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name")
    department = DepartmentRefSerializer()

    class Meta:
        model = StaffMember
        fields = ["id", "name", "position", "department"]


# --- tasks -------------------------------------------------------------------------------------


class DossierRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dossier
        fields = ["id", "reference"]


def _task_step(task):
    return task.flow_task.name if task.flow_task else None


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier = serializers.SerializerMethodField()
    step = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    status = serializers.CharField()
    assignee = serializers.SerializerMethodField()
    due_at = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(DossierRefSerializer)
    def get_dossier(self, task):
        return DossierRefSerializer(task.process.dossierprocess.dossier).data

    def get_step(self, task) -> str | None:
        return _task_step(task)

    def get_title(self, task) -> str:
        step = STEPS.get(_task_step(task))
        if step is not None:
            return str(step.title)
        return str(task.flow_task.task_title) if task.flow_task else ""

    def get_assignee(self, task) -> str | None:
        return task.owner.get_username() if task.owner_id else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, task):
        return _local(process_selectors.task_due_at(task))

    def get_actions(self, task) -> list[str]:
        step = STEPS.get(_task_step(task))
        return list(step.actions) if step and task.flow_task_type == "HUMAN" else []


class DossierTaskSerializer(TaskSerializer):
    """An open task in a dossier's detail, with what the requesting user may do with it."""

    can_complete = serializers.BooleanField(source="user_can_complete", default=False)
    can_claim = serializers.BooleanField(source="user_can_claim", default=False)

    @extend_schema_field(DossierRefSerializer)
    def get_dossier(self, task):
        dossier = self.context["dossier"]
        return {"id": dossier.pk, "reference": dossier.reference}


# --- dossiers ----------------------------------------------------------------------------------


class NomineeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["person", "department"])
    id = serializers.IntegerField()
    name = serializers.CharField(read_only=True)


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField(), help_text="each rule, met or not, in words")
    blocking = serializers.ListField(
        child=serializers.CharField(), help_text="failed hard rules: they refuse the principal's signature"
    )


class DossierListSerializer(serializers.ModelSerializer):
    award = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_name = serializers.CharField(source="award.name", read_only=True)
    nominee = serializers.SerializerMethodField()
    department = DepartmentRefSerializer(read_only=True)
    period = serializers.IntegerField(source="period.year", read_only=True)
    status = serializers.ChoiceField(choices=DossierStatus.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    current_step = serializers.SerializerMethodField()
    due_at = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "reference",
            "award",
            "award_name",
            "nominee",
            "department",
            "period",
            "status",
            "status_display",
            "current_step",
            "due_at",
            "created_at",
        ]

    @extend_schema_field(NomineeSerializer)
    def get_nominee(self, dossier):
        nominee = dossier.nominee
        name = nominee.full_name if dossier.nominee_kind == "person" else nominee.name
        return {"type": dossier.nominee_kind, "id": nominee.pk, "name": name}

    def get_current_step(self, dossier) -> str | None:
        task = process_selectors.dossier_current_task(dossier)
        return _task_step(task) if task else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, dossier):
        task = process_selectors.dossier_current_task(dossier)
        return _local(process_selectors.task_due_at(task)) if task else None


class DocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "kind", "filename", "sha256", "size", "content_type", "version", "uploaded_at", "url"]

    def get_url(self, document) -> str:
        path = reverse("api:document-download", args=[document.dossier_id, document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class IssuedDocumentSerializer(serializers.Serializer):
    """A numbered, signed official document (decision or submission letter); cancelled ones stay listed."""

    id = serializers.IntegerField()
    symbol = serializers.CharField()
    type = serializers.CharField(source="doc_type")
    status = serializers.CharField()
    issued_on = serializers.DateField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    signer = serializers.CharField(source="signer_subject")
    cancel_reason = serializers.CharField()


class SignatureCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    signed = serializers.BooleanField()
    intact = serializers.BooleanField(help_text="the signed bytes are unchanged")
    valid = serializers.BooleanField(help_text="the signature value is correct")
    trusted = serializers.BooleanField(help_text="the certificate chains to a trusted CA")
    whole_file = serializers.BooleanField(help_text="nothing was added after signing")
    matches_record = serializers.BooleanField(help_text="the same bytes as recorded at signing (SHA-256)")
    signer = serializers.CharField()
    sha256 = serializers.CharField()


class DossierDetailSerializer(DossierListSerializer):
    documents = DocumentSerializer(source="current_documents", many=True, read_only=True)
    issued_documents = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    eligibility = serializers.SerializerMethodField()

    class Meta(DossierListSerializer.Meta):
        fields = DossierListSerializer.Meta.fields + [
            "achievements",
            "status_reason",
            "version",
            "submitted_at",
            "decision_number",
            "decision_date",
            "documents",
            "issued_documents",
            "tasks",
            "eligibility",
        ]

    @extend_schema_field(IssuedDocumentSerializer(many=True))
    def get_issued_documents(self, dossier):
        return IssuedDocumentSerializer(dossier_selectors.issued_documents(dossier), many=True).data

    @extend_schema_field(DossierTaskSerializer(many=True))
    def get_tasks(self, dossier):
        info = process_selectors.dossier_process_info(self.context["request"].user, dossier)
        tasks = info["tasks"] if info else []
        return DossierTaskSerializer(tasks, many=True, context={**self.context, "dossier": dossier}).data

    @extend_schema_field(EligibilitySerializer)
    def get_eligibility(self, dossier):
        return dossier_selectors.dossier_eligibility(dossier)


class DossierCreateSerializer(serializers.Serializer):
    award = serializers.CharField(max_length=40)
    period = serializers.IntegerField(min_value=1900, max_value=9999)
    nominee = NomineeSerializer()
    achievements = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)


class DossierUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    achievements = serializers.CharField(allow_blank=True, max_length=20000)


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    file = serializers.FileField(allow_empty_file=False)


class UploadedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "kind", "filename", "sha256", "size", "version"]


class SubmitSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    actor_name = serializers.CharField()
    role = serializers.CharField()
    action = serializers.CharField()
    step = serializers.CharField()
    comment = serializers.CharField()
    data = serializers.JSONField()
    changes = serializers.JSONField(help_text="{field: [before, after]}")
    prev_hash = serializers.CharField()
    hash = serializers.CharField(help_text="SHA-256 chaining this event to the previous one (audit_verify)")

    def get_actor(self, event) -> str | None:
        return event.actor.get_username() if event.actor_id else None


class AuditVerifySerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    events = serializers.IntegerField()
    first_broken = serializers.IntegerField(allow_null=True)


# --- task actions ------------------------------------------------------------------------------


class TaskCompleteSerializer(serializers.Serializer):
    """``action`` and ``comment``, plus the step's own fields (the province decision entry's)."""

    action = serializers.CharField(max_length=30)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    result = serializers.ChoiceField(choices=PROVINCE_RESULTS, required=False)
    decision_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    decision_date = serializers.DateField(required=False, allow_null=True)

    def step_fields(self):
        return {k: v for k, v in self.validated_data.items() if k not in ("action", "comment")}


# --- auth and the province ---------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ProvinceDecisionSerializer(serializers.Serializer):
    submission = serializers.CharField(max_length=40, help_text="The submission letter's number, e.g. 12/TTr-TCT.")
    dossier = serializers.CharField(max_length=30, help_text="The dossier's reference, e.g. HS-2026-00012.")
    result = serializers.ChoiceField(choices=PROVINCE_RESULTS)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ProvinceDecisionResultSerializer(serializers.Serializer):
    dossier = serializers.CharField()
    status = serializers.CharField()
    recorded = serializers.BooleanField(help_text="False when this same answer had already been recorded.")


def _local(moment):
    """A datetime as the contract writes it: ISO 8601 with the offset of Asia/Ho_Chi_Minh (+07:00)."""
    return serializers.DateTimeField().to_representation(moment) if moment else None
