"""The council's review (issue 4): sessions, attendance, ballots, quotas, minutes, the posted list and objections.

Thin views: each calls one service of ``council.services`` (or the process entry point of ``workflows.council``
when dossiers' processes move) and reads its answer through ``council.selectors``; every rule and every refusal
comes from the domain (``dossiers.errors``).
"""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from domain.council import policies, selectors
from domain.council.services import ballots, quotas, sessions
from domain.dossiers import selectors as dossier_selectors
from ground.base import errors
from ground.organisation.selectors import staff_of
from process.workflows import council as council_process

from .. import serializers as s
from .base import ApiListView, ApiView, query_bool, validated


def session_detail(request, pk, *, status_code=status.HTTP_200_OK):
    view = selectors.session_view(request.user, pk)
    return Response(s.SessionDetailSerializer(view, context={"request": request}).data, status=status_code)


def ballot_answer(request, pk, *, receipt=None, status_code=status.HTTP_200_OK, with_receipt=False):
    ballot = s.BallotSerializer(selectors.ballot_get(request.user, pk)).data
    body = {"ballot": ballot, "receipt": receipt} if with_receipt else ballot
    return Response(body, status=status_code)


# --- permission before validation: who may write, on the object the URL names, before the body is read ---


def may_run_session(request, pk, **_kwargs):
    """The secretariat of the session's unit (404 for a session one may not see)."""
    session = selectors.session_get(request.user, pk)
    policies.require_run_sessions(request.user, session.organisation_id)


def may_run_ballot(request, pk, **_kwargs):
    ballot = selectors.ballot_get(request.user, pk)
    policies.require_run_sessions(request.user, ballot.session.organisation_id)


# --- sessions --------------------------------------------------------------------------------------


class SessionListView(ApiListView):
    """The council sessions of the user's unit, newest first (secretariat, council, principal, auditors)."""

    serializer_class = s.SessionListSerializer
    body_rules = {
        "POST": (
            "the period exists and every dossier waits for the council and is on no other session's agenda",
            (400,),
        )
    }

    def get_queryset(self):
        return selectors.sessions_for(self.request.user)

    def may_post(self, request, **_kwargs):
        policies.require_may_run_sessions(request.user)

    @extend_schema(request=s.SessionCreateSerializer, responses={201: s.SessionDetailSerializer})
    def post(self, request):
        """The secretariat convenes a session with its agenda of accepted dossiers (or, ``kind=initiatives``, a
        session of the Initiatives Council with the submitted initiatives)."""
        data = validated(s.SessionCreateSerializer, request.data)
        session = sessions.session_create(
            acting_user=request.user,
            period=selectors.period_of(request.user, data["period"]),
            title=data["title"],
            meeting_date=data["meeting_date"],
            place=data["place"],
            dossier_ids=data["dossiers"],
            kind=data["kind"],
            initiative_ids=data["initiatives"],
        )
        return session_detail(request, session.pk, status_code=status.HTTP_201_CREATED)


class SessionDetailView(ApiView):
    @extend_schema(responses=s.SessionDetailSerializer)
    def get(self, request, pk):
        """Attendance, quorum, the agenda's ballots (counts once closed), exceeded quotas, the minutes' link."""
        return session_detail(request, pk)


class SessionCandidatesView(ApiListView):
    """Accepted dossiers of the session's period that its agenda may take (the secretariat's list)."""

    serializer_class = s.CouncilDossierSerializer

    def get_queryset(self):
        return selectors.session_candidates(self.request.user, self.kwargs["pk"])


class SessionDossiersView(ApiView):
    may_post = staticmethod(may_run_session)
    body_rules = {"POST": ("every dossier waits for the council and is on no other session's agenda", (400,))}

    @extend_schema(request=s.SessionDossiersSerializer, responses=s.SessionDetailSerializer)
    def post(self, request, pk):
        """Add dossiers to the agenda of a session not yet opened."""
        data = validated(s.SessionDossiersSerializer, request.data)
        sessions.session_add_dossiers(acting_user=request.user, session_id=pk, dossier_ids=data["dossiers"])
        return session_detail(request, pk)


class SessionAttendanceView(ApiView):
    may_post = staticmethod(may_run_session)
    body_rules = {"POST": ("every id is a seat of the session's council", (400,))}

    @extend_schema(request=s.AttendanceInputSerializer, responses=s.SessionDetailSerializer)
    def post(self, request, pk):
        """Điểm danh: the seats present (every other seat is absent), before the session opens."""
        data = validated(s.AttendanceInputSerializer, request.data)
        sessions.attendance_record(acting_user=request.user, session_id=pk, present_member_ids=data["present"])
        return session_detail(request, pk)


class SessionOpenView(ApiView):
    @extend_schema(request=None, responses=s.SessionDetailSerializer)
    def post(self, request, pk):
        """Open the session: every ballot of the agenda opens. 409 ``no_quorum`` without the quorum present."""
        sessions.session_open(acting_user=request.user, session_id=pk)
        return session_detail(request, pk)


class SessionVotesView(ApiView):
    def may_post(self, request, pk):
        """A seat on the session's council (404 for a session one may not see); presence is the service's."""
        session = selectors.session_get(request.user, pk)
        policies.require_seat(request.user, session.council_id)

    body_rules = {"POST": ("each ballot is open, on this session's agenda and not voted on by this member", (400, 409))}

    @extend_schema(request=s.VoteSheetSerializer, responses={201: s.VoteSheetResultSerializer})
    def post(self, request, pk):
        """Phiếu bầu: a present member votes on several ballots of the session at once, all or none. Each secret
        ballot answers with its receipt, shown only now."""
        data = validated(s.VoteSheetSerializer, request.data)
        receipts = ballots.votes_cast(acting_user=request.user, session_id=pk, choices=data["votes"])
        body = {"receipts": {str(ballot_id): code for ballot_id, code in receipts.items()}}
        return Response(body, status=status.HTTP_201_CREATED)


class SessionBallotsCloseView(ApiView):
    may_post = staticmethod(may_run_session)

    @extend_schema(request=None, responses=s.SessionDetailSerializer)
    def post(self, request, pk):
        """Close every ballot of the session still open and count each (all or none); 409 ``ballot_not_open``
        when none is open."""
        ballots.ballots_close(acting_user=request.user, session_id=pk)
        return session_detail(request, pk)


class SessionConcludeView(ApiView):
    @extend_schema(request=None, responses=s.SessionDetailSerializer)
    def post(self, request, pk):
        """Conclude: each dossier selected (posted) or not, the minutes on every dossier, the processes move on.

        409 when a ballot is still open, or ``quota_undecided`` while an exceeded quota waits for its decision."""
        council_process.session_conclude(acting_user=request.user, session_id=pk)
        return session_detail(request, pk)


class SessionQuotaView(ApiView):
    may_post = staticmethod(may_run_session)
    body_rules = {"POST": ("the ballots kept are ballots of this session under this quota, within it", (400,))}

    @extend_schema(request=s.QuotaDecideSerializer, responses=s.SessionDetailSerializer)
    def post(self, request, pk, quota_pk):
        """Decide an exceeded quota: the ballots kept (by the ranking of votes) and the reasons."""
        data = validated(s.QuotaDecideSerializer, request.data)
        quotas.quota_decide(
            acting_user=request.user,
            session_id=pk,
            quota_id=quota_pk,
            kept_ballot_ids=data["kept"],
            reason=data["reason"],
        )
        return session_detail(request, pk)


class SessionMinutesView(ApiView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        """The minutes (biên bản) of a concluded session, as stored on its dossiers; 404 before."""
        document = selectors.session_minutes(request.user, pk)
        return FileResponse(
            document.file.open("rb"), as_attachment=True, filename=document.filename, content_type="application/pdf"
        )


# --- ballots ---------------------------------------------------------------------------------------


class BallotVoteView(ApiView):
    def may_post(self, request, pk):
        """A seat on the session's council (404 for a ballot one may not see); presence is the service's."""
        ballot = selectors.ballot_get(request.user, pk)
        policies.require_seat(request.user, ballot.session.council_id)

    @extend_schema(request=s.VoteSerializer, responses={201: s.VoteResultSerializer})
    def post(self, request, pk):
        """A present member votes (once). A secret ballot answers with the voter's receipt, shown only now."""
        data = validated(s.VoteSerializer, request.data)
        receipt = ballots.vote_cast(acting_user=request.user, ballot_id=pk, choice=data["choice"])
        return ballot_answer(request, pk, receipt=receipt, status_code=status.HTTP_201_CREATED, with_receipt=True)


class BallotWrittenVoteView(ApiView):
    may_post = staticmethod(may_run_ballot)
    body_rules = {"POST": ("the member sits on the session's council, is recorded absent and has not voted", (400,))}

    @extend_schema(request=s.WrittenVoteSerializer, responses={201: s.VoteResultSerializer})
    def post(self, request, pk):
        """The secretary enters an absent member's written vote; a secret ballot's receipt goes to that member."""
        data = validated(s.WrittenVoteSerializer, request.data)
        receipt = ballots.vote_record_written(
            acting_user=request.user, ballot_id=pk, member_id=data["member"], choice=data["choice"]
        )
        return ballot_answer(request, pk, receipt=receipt, status_code=status.HTTP_201_CREATED, with_receipt=True)


class BallotCloseView(ApiView):
    @extend_schema(request=None, responses=s.BallotSerializer)
    def post(self, request, pk):
        """Close the vote: the count against the ballot's threshold."""
        ballots.ballot_close(acting_user=request.user, ballot_id=pk)
        return ballot_answer(request, pk)


class ReceiptCheckView(ApiView):
    read_only_post = True  # a check reads: auditors may check a receipt too

    def may_post(self, request):
        """Only those who may see the unit's sessions check receipts (the receipt names its session): 404 to others,
        as the session itself would be."""
        staff = staff_of(request.user)
        if not policies.can_see_sessions(request.user, staff.organisation_id if staff else None):
            raise errors.NotVisible()

    @extend_schema(request=s.ReceiptCheckSerializer, responses=s.ReceiptResultSerializer)
    def post(self, request):
        """Whether the paper of a secret ballot's receipt is in the count (never which choice it carries)."""
        data = validated(s.ReceiptCheckSerializer, request.data)
        ballot, counted = ballots.receipt_check(acting_user=request.user, receipt=data["receipt"])
        body = {"ballot": ballot.pk, "dossier": ballot.dossier, "counted": counted}
        return Response(s.ReceiptResultSerializer(body).data)


# --- the posted list and objections ----------------------------------------------------------------


@extend_schema(
    parameters=[
        OpenApiParameter(
            "include_closed", OpenApiTypes.BOOL, description="also the dossiers whose posting window has closed"
        )
    ]
)
class PostingListView(ApiListView):
    """Công khai: the posted list of the unit, for every staff member, with each dossier's open objections."""

    serializer_class = s.PostingSerializer
    query_parameters = {"GET": ("include_closed",)}

    def get_queryset(self):
        include_closed = query_bool(self.request, "include_closed")
        return selectors.postings_for(self.request.user, include_closed=include_closed)


class DossierObjectionsView(ApiListView):
    """A dossier's objections, for whoever may see the dossier."""

    serializer_class = s.ObjectionSerializer

    def get_queryset(self):
        self.dossier = dossier_selectors.dossier_get(self.request.user, self.kwargs["pk"])
        return selectors.objections_of(self.request.user, self.dossier)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "dossier": getattr(self, "dossier", None)}

    def may_post(self, request, pk):
        council_process.require_may_object(acting_user=request.user, dossier_id=pk)

    @extend_schema(request=s.ObjectionCreateSerializer, responses={201: s.ObjectionSerializer})
    def post(self, request, pk):
        """Phản ánh: a staff member objects, under their name, while the dossier is posted (it is suspended).

        403 for auditors (read-only); 409 ``posting_closed`` once the window is over."""
        data = validated(s.ObjectionCreateSerializer, request.data)
        objection = council_process.objection_file(acting_user=request.user, dossier_id=pk, text=data["text"])
        return Response(s.ObjectionSerializer(objection).data, status=status.HTTP_201_CREATED)
