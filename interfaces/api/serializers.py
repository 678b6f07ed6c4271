"""What the API reads and writes. Output shapes follow ../shared/api.md; input serializers only validate
the form of a request: every rule is checked by the service the view calls."""

from typing import Literal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from domain.council.models import Ballot, Choice, CouncilMember, CouncilSession, Objection, PostingEntry, ThresholdBase
from domain.dossiers import selectors as dossier_selectors
from domain.dossiers.models import Document, Dossier, DossierStatus
from domain.dossiers.steps import STEPS
from domain.eligibility.selectors import dossier_eligibility
from domain.emulation.models import Movement, Registration
from ground.organisation.models import AwardType, Department, StaffMember
from process.workflows import selectors as process_selectors
from process.workflows.outcomes import PROVINCE_RESULTS


class CharField(serializers.CharField):
    """Text: a string only. DRF's field takes 5 for "5" and 1.5 for "1.5": a client that sends a number where text
    belongs has a field mixed up, and is told so instead of having a number stored as its reason."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# --- catalog and people ------------------------------------------------------------------------


class AwardSerializer(serializers.ModelSerializer):
    name = CharField(read_only=True)
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
    name = CharField(source="full_name")
    department = DepartmentRefSerializer()

    class Meta:
        model = StaffMember
        fields = ["id", "name", "position", "department"]


# --- tasks -------------------------------------------------------------------------------------


class DossierRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Dossier
        fields = ["id", "reference"]


def _dossier_ref(dossier):
    """DossierRefSerializer's fields, built directly (a list of 200 tasks made a serializer per row)."""
    return {"id": dossier.pk, "reference": dossier.reference}


def _task_step(task):
    return task.flow_task.name if task.flow_task else None


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier = serializers.SerializerMethodField()
    step = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    status = CharField()
    assignee = serializers.SerializerMethodField()
    due_at = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    @extend_schema_field(DossierRefSerializer)
    def get_dossier(self, task):
        return _dossier_ref(task.process.dossierprocess.dossier)

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
        return _dossier_ref(self.context["dossier"])


# --- dossiers ----------------------------------------------------------------------------------


class NomineeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["person", "department"])
    id = serializers.IntegerField()
    name = CharField(read_only=True)


class EligibilitySerializer(serializers.Serializer):
    eligible = serializers.BooleanField()
    reasons = serializers.ListField(child=CharField(), help_text="each rule, met or not, in words")
    blocking = serializers.ListField(
        child=CharField(), help_text="failed hard rules: they refuse the principal's signature"
    )


class DossierListSerializer(serializers.ModelSerializer):
    award = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_name = CharField(source="award.name", read_only=True)
    nominee = serializers.SerializerMethodField()
    department = DepartmentRefSerializer(read_only=True)
    period = serializers.IntegerField(source="period.year", read_only=True)
    status = serializers.ChoiceField(choices=DossierStatus.choices, read_only=True)
    status_display = CharField(source="get_status_display", read_only=True)
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

    def to_representation(self, dossier):
        """The declared fields' values, built directly: a page of 200 spent most of its time in DRF's machinery,
        field by field (issue 18). The fields above stay the contract (and the schema); tests compare the two."""
        return {
            "id": dossier.pk,
            "reference": dossier.reference,
            "award": dossier.award.code,
            "award_name": str(dossier.award.name),
            "nominee": self.get_nominee(dossier),
            "department": {"id": dossier.department_id, "name": dossier.department.name},
            "period": dossier.period.year,
            "status": dossier.status,
            "status_display": str(dossier.get_status_display()),
            "current_step": self.get_current_step(dossier),
            "due_at": self.get_due_at(dossier),
            "created_at": _local(dossier.created_at),
        }

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
    symbol = CharField(help_text="empty until the records clerk issues it")
    type = CharField(source="doc_type")
    status = CharField()
    issued_on = serializers.DateField(allow_null=True)
    sha256 = CharField()
    size = serializers.IntegerField(allow_null=True)
    signer = CharField(source="signer_subject")
    cancel_reason = CharField()


class SignatureCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    signed = serializers.BooleanField()
    intact = serializers.BooleanField(help_text="the signed bytes are unchanged")
    valid = serializers.BooleanField(help_text="the signature value is correct")
    trusted = serializers.BooleanField(help_text="the certificate chains to a trusted CA")
    whole_file = serializers.BooleanField(help_text="nothing was added after signing")
    matches_record = serializers.BooleanField(help_text="the same bytes as recorded at signing (SHA-256)")
    signer = CharField()
    sha256 = CharField()


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

    def to_representation(self, dossier):
        # One dossier: every field through DRF (the list's direct build covers the list's fields only).
        return serializers.ModelSerializer.to_representation(self, dossier)

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
        return dossier_eligibility(dossier)


class DossierCreateSerializer(serializers.Serializer):
    award = CharField(max_length=40)
    period = serializers.IntegerField(min_value=1900, max_value=9999)
    nominee = NomineeSerializer()
    achievements = CharField(required=False, allow_blank=True, default="", max_length=20000)


class DossierUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    achievements = CharField(allow_blank=True, max_length=20000)


class DocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    file = serializers.FileField(allow_empty_file=False)


class UploadedDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "kind", "filename", "sha256", "size", "version"]


class SubmitSerializer(serializers.Serializer):
    comment = CharField(required=False, allow_blank=True, default="", max_length=4000)


class WithdrawSerializer(serializers.Serializer):
    reason = CharField(max_length=4000)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    actor_name = CharField()
    role = CharField()
    action = CharField()
    step = CharField()
    comment = CharField()
    data = serializers.JSONField()
    changes = serializers.JSONField(help_text="{field: [before, after]}")
    prev_hash = CharField()
    hash = CharField(help_text="SHA-256 chaining this event to the previous one (audit_verify)")

    def get_actor(self, event) -> str | None:
        return event.actor.get_username() if event.actor_id else None


class AuditVerifySerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    events = serializers.IntegerField()
    first_broken = serializers.IntegerField(allow_null=True)


# --- task actions ------------------------------------------------------------------------------


class TaskCompleteSerializer(serializers.Serializer):
    """``action`` and ``comment``, plus the step's own fields (the province decision entry's, the objection's)."""

    action = CharField(max_length=30)
    comment = CharField(required=False, allow_blank=True, default="", max_length=4000)
    result = serializers.ChoiceField(choices=PROVINCE_RESULTS, required=False)
    decision_number = CharField(required=False, allow_blank=True, max_length=40)
    decision_date = serializers.DateField(required=False, allow_null=True)
    objection = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="resolve_objection: the objection decided (default: the first one waiting)",
    )

    @staticmethod
    def step_fields(data):
        return {k: v for k, v in data.items() if k not in ("action", "comment")}


# --- auth and the province ---------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    username = CharField(max_length=150)
    password = CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = CharField()


class ProvinceDecisionSerializer(serializers.Serializer):
    # DRF's lenient text fields: the province's system is not ours to correct (a number sent as 12 is kept as "12"),
    # and its newer fields are ignored (``validated(..., unknown_fields="ignore")``).

    submission = serializers.CharField(max_length=40, help_text="The submission letter's number, e.g. 12/TTr-TCT.")
    dossier = serializers.CharField(
        max_length=30,
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "The dossier's reference, e.g. HS-2026-00012; empty: the answer is for every dossier of the letter, "
            "recorded for all of them or, when one of them has a different answer or no longer waits, for none."
        ),
    )
    result = serializers.ChoiceField(choices=PROVINCE_RESULTS)
    decision_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ProvinceDecisionResultSerializer(serializers.Serializer):
    dossier = CharField()
    status = CharField()
    recorded = serializers.BooleanField(help_text="False when this same answer had already been recorded.")
    results = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="A whole letter's answer: one result per dossier."
    )


def _local(moment):
    """A datetime as the contract writes it: ISO 8601 with the offset of Asia/Ho_Chi_Minh (+07:00)."""
    return serializers.DateTimeField().to_representation(moment) if moment else None


# --- the council's review (issue 4) ------------------------------------------------------------


class CouncilDossierSerializer(serializers.ModelSerializer):
    """A dossier as the council and the posted list show it."""

    award = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_name = CharField(source="award.name", read_only=True)
    nominee = serializers.SerializerMethodField()
    department = DepartmentRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=DossierStatus.choices, read_only=True)

    class Meta:
        model = Dossier
        fields = ["id", "reference", "award", "award_name", "nominee", "department", "status"]

    @extend_schema_field(NomineeSerializer)
    def get_nominee(self, dossier):
        return DossierListSerializer.get_nominee(self, dossier)


def _closed(ballot):
    return ballot.status == Ballot.Status.CLOSED


class BallotInitiativeSerializer(serializers.Serializer):
    """The initiative voted on by the Initiatives Council (Hội đồng sáng kiến)."""

    id = serializers.IntegerField()
    title = CharField()
    year = serializers.IntegerField()
    kind = CharField()
    status = CharField()


class BallotSerializer(serializers.Serializer):
    """One dossier's (or, in an Initiatives Council session, one initiative's) vote. The count (approvals ...
    selected) is null until the ballot is closed."""

    id = serializers.IntegerField()
    session = serializers.IntegerField(source="session_id")
    dossier = CouncilDossierSerializer(allow_null=True, help_text="null on an Initiatives Council's ballot")
    initiative = BallotInitiativeSerializer(allow_null=True, help_text="null on an award ballot")
    position = serializers.IntegerField()
    secret = serializers.BooleanField()
    threshold_percent = serializers.DecimalField(max_digits=5, decimal_places=2, coerce_to_string=False)
    threshold_base = serializers.ChoiceField(choices=ThresholdBase.choices)
    status = serializers.ChoiceField(choices=Ballot.Status.choices)
    voted_by_me = serializers.BooleanField(default=False, help_text="the requesting user's seat has voted")
    voters = serializers.SerializerMethodField(help_text="seats (member ids) that took part: public, never a choice")
    approvals = serializers.SerializerMethodField()
    rejections = serializers.SerializerMethodField()
    base_count = serializers.SerializerMethodField(help_text="the votes the threshold is measured against")
    percent = serializers.SerializerMethodField()
    passed = serializers.SerializerMethodField()
    selected = serializers.SerializerMethodField(help_text="passed and not left out by a quota")

    def get_voters(self, ballot) -> list[int]:
        return sorted(p.member_id for p in ballot.voters)

    def get_approvals(self, ballot) -> int | None:
        return ballot.approvals if _closed(ballot) else None

    def get_rejections(self, ballot) -> int | None:
        return ballot.rejections if _closed(ballot) else None

    def get_base_count(self, ballot) -> int | None:
        return ballot.base_count if _closed(ballot) else None

    def get_percent(self, ballot) -> float | None:
        return float(ballot.percent) if _closed(ballot) and ballot.percent is not None else None

    def get_passed(self, ballot) -> bool | None:
        return bool(ballot.passed) if _closed(ballot) else None

    def get_selected(self, ballot) -> bool | None:
        return ballot.selected if _closed(ballot) else None


class AttendanceSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id", help_text="the seat's id (CouncilMember)")
    username = CharField(source="member.user.username")
    name = CharField(source="member.__str__")
    role = serializers.ChoiceField(source="member.role", choices=CouncilMember.Role.choices)
    present = serializers.BooleanField()


class QuorumSerializer(serializers.Serializer):
    present = serializers.IntegerField()
    members = serializers.IntegerField()
    needed = serializers.IntegerField()
    reached = serializers.BooleanField()


class SeatSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    role = serializers.ChoiceField(choices=CouncilMember.Role.choices)
    present = serializers.BooleanField()


class QuotaCandidateSerializer(serializers.Serializer):
    ballot = serializers.IntegerField()
    dossier = DossierRefSerializer()
    approvals = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True)
    proposed = serializers.BooleanField(help_text="within the places by the ranking of votes")
    kept = serializers.BooleanField(allow_null=True, help_text="the decision's choice; null before it")


class QuotaDecisionSerializer(serializers.Serializer):
    kept = serializers.ListField(child=serializers.IntegerField(), help_text="ballot ids")
    reason = CharField()
    decided_by = CharField()
    decided_at = serializers.DateTimeField()


class QuotaCheckSerializer(serializers.Serializer):
    """An exceeded quota of the session: the ranking by votes, the places left, and the decision once taken."""

    id = serializers.IntegerField(source="quota.pk")
    award = CharField(source="quota.award_code")
    base_award = CharField(source="quota.base_award_code")
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, help_text="the ratio that binds"
    )
    source = CharField(help_text="where the ratio comes from: the law's article or the school's regulation")
    recipients = serializers.IntegerField(help_text="recipients of the base award in the period")
    cap = serializers.IntegerField()
    taken = serializers.IntegerField(help_text="places taken by earlier sessions")
    places = serializers.IntegerField(source="available")
    candidates = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    @extend_schema_field(QuotaCandidateSerializer(many=True))
    def get_candidates(self, check):
        proposed = {b.pk for b in check.proposed}
        kept = {b.pk for b in check.decision.kept.all()} if check.decision else None
        return [
            {
                "ballot": b.pk,
                "dossier": {"id": b.dossier_id, "reference": b.dossier.reference},
                "approvals": b.approvals,
                "percent": float(b.percent) if b.percent is not None else None,
                "proposed": b.pk in proposed,
                "kept": None if kept is None else b.pk in kept,
            }
            for b in check.candidates
        ]

    @extend_schema_field(QuotaDecisionSerializer(allow_null=True))
    def get_decision(self, check):
        decision = check.decision
        if decision is None:
            return None
        return QuotaDecisionSerializer(
            {
                "kept": sorted(b.pk for b in decision.kept.all()),
                "reason": decision.reason,
                "decided_by": decision.decided_by.get_username(),
                "decided_at": decision.decided_at,
            }
        ).data


class SessionListSerializer(serializers.ModelSerializer):
    period = serializers.IntegerField(source="council.period.year")
    status = serializers.ChoiceField(choices=CouncilSession.Status.choices)
    kind = serializers.ChoiceField(choices=CouncilSession.Kind.choices)
    dossier_count = serializers.IntegerField(
        help_text="dossiers (initiatives, in an Initiatives Council session) on the agenda, withdrawn ones left out"
    )

    class Meta:
        model = CouncilSession
        fields = [
            "id",
            "kind",
            "number",
            "period",
            "title",
            "meeting_date",
            "place",
            "status",
            "dossier_count",
            "created_at",
            "opened_at",
            "concluded_at",
        ]


class SessionDetailSerializer(serializers.Serializer):
    """A session as ``council.selectors.session_view`` reads it for the requesting user."""

    id = serializers.IntegerField(source="session.pk")
    number = serializers.IntegerField(source="session.number")
    period = serializers.IntegerField(source="session.council.period.year")
    title = CharField(source="session.title")
    meeting_date = serializers.DateField(source="session.meeting_date")
    place = CharField(source="session.place")
    status = serializers.ChoiceField(source="session.status", choices=CouncilSession.Status.choices)
    kind = serializers.ChoiceField(source="session.kind", choices=CouncilSession.Kind.choices)
    version = serializers.IntegerField(source="session.version")
    opened_at = serializers.DateTimeField(source="session.opened_at", allow_null=True)
    concluded_at = serializers.DateTimeField(source="session.concluded_at", allow_null=True)
    can_run = serializers.BooleanField(help_text="the requesting user runs the session (secretariat)")
    my_seat = serializers.SerializerMethodField()
    attendance = AttendanceSerializer(many=True)
    quorum = serializers.SerializerMethodField()
    ballots = serializers.SerializerMethodField()
    quotas = serializers.SerializerMethodField()
    minutes = serializers.SerializerMethodField(help_text="download URL of the minutes (PDF), once concluded")

    @extend_schema_field(SeatSerializer(allow_null=True))
    def get_my_seat(self, view):
        if view.seat is None:
            return None
        return {"member": view.seat.pk, "role": view.seat.role, "present": view.present_self}

    @extend_schema_field(QuorumSerializer)
    def get_quorum(self, view):
        return {"present": view.present, "members": view.members, "needed": view.needed, "reached": view.has_quorum}

    @extend_schema_field(BallotSerializer(many=True))
    def get_ballots(self, view):
        for ballot in view.ballots:
            ballot.voted_by_me = ballot.pk in view.voted
        return BallotSerializer(view.ballots, many=True).data

    @extend_schema_field(QuotaCheckSerializer(many=True))
    def get_quotas(self, view):
        shown = [check for check in view.quotas if check.exceeded or check.decision is not None]
        return QuotaCheckSerializer(shown, many=True).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_minutes(self, view):
        if view.session.status != CouncilSession.Status.CONCLUDED:
            return None
        path = reverse("api:council-session-minutes", args=[view.session.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


def _ids(help_text):
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), max_length=1000, help_text=help_text
    )


class SessionCreateSerializer(serializers.Serializer):
    period = serializers.IntegerField(min_value=1900, max_value=9999, help_text="year of the emulation period")
    title = CharField(required=False, allow_blank=True, default="", max_length=255)
    meeting_date = serializers.DateField()
    place = CharField(required=False, allow_blank=True, default="", max_length=255)
    kind = serializers.ChoiceField(
        choices=CouncilSession.Kind.choices,
        required=False,
        default=CouncilSession.Kind.AWARDS,
        help_text="initiatives: a session of the Initiatives Council, its agenda the submitted initiatives",
    )
    dossiers = _ids("accepted dossiers of the period (see candidates)")
    initiatives = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        max_length=1000,
        required=False,
        default=list,
        help_text="initiatives submitted to the Initiatives Council (kind initiatives)",
    )


class SessionDossiersSerializer(serializers.Serializer):
    dossiers = _ids("accepted dossiers of the period (see candidates)")


class AttendanceInputSerializer(serializers.Serializer):
    present = _ids("seats (member ids) present; every other seat is absent")


class QuotaDecideSerializer(serializers.Serializer):
    kept = _ids("ballots that stay within the quota")
    reason = CharField(allow_blank=True, max_length=4000)


class VoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=Choice.choices)


class VoteSheetSerializer(serializers.Serializer):
    """Phiếu bầu: a member's votes on several ballots of one session, stored all or none. The ballots' numbers and
    the sheet's size are the service's rules (``ballots.votes_cast``), the same for the page and the API."""

    votes = serializers.DictField(
        child=serializers.ChoiceField(choices=Choice.choices),
        allow_empty=False,
        help_text='ballot id → choice, e.g. {"12": "approve", "13": "reject"}',
    )


class VoteSheetResultSerializer(serializers.Serializer):
    receipts = serializers.DictField(
        child=CharField(allow_null=True),
        help_text="ballot id → the receipt of a secret ballot (shown once), null for an open vote",
    )


class WrittenVoteSerializer(serializers.Serializer):
    member = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="the absent seat's id")
    choice = serializers.ChoiceField(choices=Choice.choices)


class VoteResultSerializer(serializers.Serializer):
    ballot = BallotSerializer()
    receipt = CharField(
        allow_null=True, help_text="secret ballot: the voter's receipt, shown once (e.g. P12-ABCD-EFGH-JKLM)"
    )


class ReceiptCheckSerializer(serializers.Serializer):
    # The shape of a receipt (P<ballot>-XXXX-XXXX-XXXX, any case), so the schema says which codes are well formed.
    receipt = serializers.RegexField(
        r"^[Pp][1-9][0-9]{0,8}(-[A-Za-z0-9]{4}){3}$",
        max_length=40,
        trim_whitespace=False,
        error_messages={"invalid": _("This is not a receipt code.")},
    )


class ReceiptResultSerializer(serializers.Serializer):
    ballot = serializers.IntegerField()
    dossier = DossierRefSerializer()
    counted = serializers.BooleanField(help_text="the paper of this receipt is in the ballot's box (not the choice)")


class PostingSerializer(serializers.ModelSerializer):
    dossier = CouncilDossierSerializer()
    session = serializers.IntegerField(source="session_id")
    status = serializers.SerializerMethodField()
    open_objections = serializers.IntegerField()

    class Meta:
        model = PostingEntry
        fields = [
            "id",
            "dossier",
            "session",
            "posted_at",
            "opens_on",
            "closes_on",
            "closes_at",
            "status",
            "open_objections",
        ]

    def get_status(self, entry) -> Literal["open", "suspended", "closed"]:
        if entry.dossier.status == DossierStatus.SUSPENDED:
            return "suspended"
        return "open" if entry.closed_at is None else "closed"


class ObjectionSerializer(serializers.ModelSerializer):
    dossier = serializers.SerializerMethodField()
    filed_by = CharField(source="filed_by.username")
    status = serializers.ChoiceField(choices=Objection.Status.choices)
    resolved_by = serializers.SerializerMethodField()

    class Meta:
        model = Objection
        fields = [
            "id",
            "dossier",
            "filed_by",
            "signed_name",
            "signed_position",
            "text",
            "filed_at",
            "status",
            "resolution",
            "resolved_by",
            "resolved_at",
        ]

    @extend_schema_field(DossierRefSerializer)
    def get_dossier(self, objection):
        dossier = self.context.get("dossier") or objection.dossier  # a dossier's list passes it: no query per row
        return {"id": dossier.pk, "reference": dossier.reference}

    def get_resolved_by(self, objection) -> str | None:
        return objection.resolved_by.get_username() if objection.resolved_by_id else None


class ObjectionCreateSerializer(serializers.Serializer):
    text = CharField(allow_blank=True, max_length=4000, help_text="the objection and its grounds")


# --- batch documents and the outgoing register (issue 15) ---------------------------------------


class BatchDossierSerializer(serializers.Serializer):
    """One line of a document's annex."""

    id = serializers.IntegerField()
    reference = CharField()
    nominee = CharField()
    position = CharField(source="nominee_person.position", default="")
    department = CharField(source="department.name")
    award = CharField(source="award.code")
    status = CharField()


class BatchSerializer(serializers.Serializer):
    """A batch document: one decision (per award, or with an article per award) or one submission letter."""

    id = serializers.IntegerField()
    type = CharField(source="doc_type")
    status = CharField()
    award = CharField(source="award_code", help_text="empty: one article per award")
    authority = CharField(help_text="a letter's higher authority (province, national)")
    symbol = CharField(help_text="empty until the records clerk issues it")
    issued_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()
    signed_by = CharField(source="signed_by.get_full_name", default=None, allow_null=True)
    signed_at = serializers.DateTimeField(allow_null=True)
    signature_block = serializers.DictField()
    sha256 = CharField()
    dossier_count = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField())
    def get_dossier_count(self, document):
        return getattr(document, "dossier_count", None) or document.dossiers.count()

    @extend_schema_field(serializers.URLField())
    def get_pdf(self, document):
        request = self.context.get("request")
        path = f"/api/v1/batches/{document.pk}/pdf/"
        return request.build_absolute_uri(path) if request else path


class BatchDetailSerializer(BatchSerializer):
    dossiers = serializers.SerializerMethodField()

    @extend_schema_field(BatchDossierSerializer(many=True))
    def get_dossiers(self, document):
        from domain.official.batches import document_dossiers

        return BatchDossierSerializer(document_dossiers(document), many=True).data


def _ids(**kwargs):
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), max_length=1000, required=False, **kwargs
    )


class BatchDraftSerializer(serializers.Serializer):
    sessions = _ids(default=list)
    dossiers = _ids(default=None, allow_null=True)


class BatchChangeSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    add = _ids(default=list)
    remove = _ids(default=list)


class BatchSignSerializer(serializers.Serializer):
    confirm = CharField(help_text="the signer's password, or the key's PIN", trim_whitespace=False)
    comment = CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReasonSerializer(serializers.Serializer):
    reason = CharField(max_length=2000)


class RegisterEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    symbol = CharField()
    number = serializers.IntegerField()
    year = serializers.IntegerField()
    type = CharField(source="doc_type")
    issued_on = serializers.DateField()
    subject = CharField()
    signer = CharField()
    recipients = CharField()
    status = CharField()
    manual = serializers.BooleanField()
    document = serializers.IntegerField(source="document_id", allow_null=True)


class RegisterManualSerializer(serializers.Serializer):
    type = CharField(max_length=10)
    subject = CharField(max_length=500)
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    signer = CharField(required=False, allow_blank=True, default="", max_length=255)
    recipients = CharField(required=False, allow_blank=True, default="", max_length=500)


# --- emulation: movements and registrations (issue 19) ------------------------------------------------------------


class MovementSerializer(serializers.ModelSerializer):
    target_departments = DepartmentRefSerializer(many=True, read_only=True)
    awards = serializers.ListField(child=CharField(), source="award_code_list", read_only=True)
    open_to_me = serializers.SerializerMethodField(
        help_text="Whether the caller's department may register for it (no target units: every unit may)."
    )

    class Meta:
        model = Movement
        fields = [
            "id",
            "kind",
            "theme",
            "start",
            "end",
            "document",
            "target_departments",
            "registration_opens",
            "registration_closes",
            "awards",
            "open_to_me",
        ]

    def get_open_to_me(self, movement) -> bool:
        return movement.open_to(self.context["department_id"])


class RegistrationSerializer(serializers.ModelSerializer):
    department = DepartmentRefSerializer(read_only=True)
    person = serializers.SerializerMethodField()
    movement = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Registration
        fields = ["id", "year", "department", "person", "award_code", "movement"]

    @extend_schema_field(
        {"type": "object", "nullable": True, "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
    )
    def get_person(self, registration):
        if registration.person_id is None:
            return None
        return {"id": registration.person_id, "name": registration.person.full_name}


class RegistrationChoiceSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        min_value=1, max_value=2**31 - 1, allow_null=True, help_text="A staff member's id; null for the department."
    )
    award = CharField(max_length=40, allow_blank=True, help_text="An award code; empty for nothing.")


class RegistrationSaveSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=9999)
    movement = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True, default=None)
    choices = RegistrationChoiceSerializer(many=True, max_length=500)


class RegistrationSaveResultSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    registrations = RegistrationSerializer(many=True, help_text="The department's registrations for the year, now.")
