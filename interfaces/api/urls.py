from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import audit, auth, batches, catalog, council, dossiers, emulation, province, tasks

app_name = "api"

v1 = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("awards/", catalog.AwardListView.as_view(), name="awards"),
    path("departments/", catalog.DepartmentListView.as_view(), name="departments"),
    path("staff/", catalog.StaffListView.as_view(), name="staff"),
    path("movements/", emulation.MovementListView.as_view(), name="movements"),
    path("registrations/", emulation.RegistrationListView.as_view(), name="registrations"),
    path("dossiers/", dossiers.DossierListView.as_view(), name="dossiers"),
    path("dossiers/<int:pk>/", dossiers.DossierDetailView.as_view(), name="dossier"),
    path("dossiers/<int:pk>/documents/", dossiers.DocumentUploadView.as_view(), name="document-upload"),
    path(
        "dossiers/<int:pk>/documents/<int:doc_pk>/", dossiers.DocumentDownloadView.as_view(), name="document-download"
    ),
    path(
        "dossiers/<int:pk>/issued/<int:issued_pk>/",
        dossiers.IssuedDocumentDownloadView.as_view(),
        name="issued-download",
    ),
    path(
        "dossiers/<int:pk>/issued/<int:issued_pk>/verify/",
        dossiers.IssuedDocumentVerifyView.as_view(),
        name="issued-verify",
    ),
    path("dossiers/<int:pk>/submit/", dossiers.DossierSubmitView.as_view(), name="dossier-submit"),
    path("dossiers/<int:pk>/withdraw/", dossiers.DossierWithdrawView.as_view(), name="dossier-withdraw"),
    path("dossiers/<int:pk>/history/", dossiers.DossierHistoryView.as_view(), name="dossier-history"),
    path("dossiers/<int:pk>/objections/", council.DossierObjectionsView.as_view(), name="dossier-objections"),
    path("tasks/", tasks.TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/claim/", tasks.TaskClaimView.as_view(), name="task-claim"),
    path("tasks/<int:pk>/release/", tasks.TaskReleaseView.as_view(), name="task-release"),
    path("tasks/<int:pk>/complete/", tasks.TaskCompleteView.as_view(), name="task-complete"),
    path("province/decisions/", province.ProvinceDecisionView.as_view(), name="province-decisions"),
    path("batches/", batches.BatchListView.as_view(), name="batches"),
    path("batches/<int:pk>/", batches.BatchDetailView.as_view(), name="batch"),
    path("batches/<int:pk>/send/", batches.BatchSendView.as_view(), name="batch-send"),
    path("batches/<int:pk>/sign/", batches.BatchSignView.as_view(), name="batch-sign"),
    path("batches/<int:pk>/issue/", batches.BatchIssueView.as_view(), name="batch-issue"),
    path("batches/<int:pk>/cancel/", batches.BatchCancelView.as_view(), name="batch-cancel"),
    path("batches/<int:pk>/pdf/", batches.BatchPdfView.as_view(), name="batch-pdf"),
    path("batches/<int:pk>/verify/", batches.BatchVerifyView.as_view(), name="batch-verify"),
    path("register/", batches.RegisterListView.as_view(), name="register"),
    path("register/<int:pk>/", batches.RegisterDetailView.as_view(), name="register-entry"),
    path("register/<int:pk>/pdf/", batches.RegisterPdfView.as_view(), name="register-pdf"),
    path("register/<int:pk>/verify/", batches.RegisterVerifyView.as_view(), name="register-verify"),
    path("audit/verify/", audit.AuditVerifyView.as_view(), name="audit-verify"),
    path("council/sessions/", council.SessionListView.as_view(), name="council-sessions"),
    path("council/sessions/<int:pk>/", council.SessionDetailView.as_view(), name="council-session"),
    path(
        "council/sessions/<int:pk>/candidates/",
        council.SessionCandidatesView.as_view(),
        name="council-session-candidates",
    ),
    path("council/sessions/<int:pk>/dossiers/", council.SessionDossiersView.as_view(), name="council-session-dossiers"),
    path(
        "council/sessions/<int:pk>/attendance/",
        council.SessionAttendanceView.as_view(),
        name="council-session-attendance",
    ),
    path("council/sessions/<int:pk>/open/", council.SessionOpenView.as_view(), name="council-session-open"),
    path("council/sessions/<int:pk>/votes/", council.SessionVotesView.as_view(), name="council-session-votes"),
    path(
        "council/sessions/<int:pk>/close-ballots/",
        council.SessionBallotsCloseView.as_view(),
        name="council-session-close-ballots",
    ),
    path("council/sessions/<int:pk>/conclude/", council.SessionConcludeView.as_view(), name="council-session-conclude"),
    path(
        "council/sessions/<int:pk>/quotas/<int:quota_pk>/",
        council.SessionQuotaView.as_view(),
        name="council-session-quota",
    ),
    path("council/sessions/<int:pk>/minutes/", council.SessionMinutesView.as_view(), name="council-session-minutes"),
    path("council/ballots/<int:pk>/vote/", council.BallotVoteView.as_view(), name="council-ballot-vote"),
    path(
        "council/ballots/<int:pk>/written-votes/",
        council.BallotWrittenVoteView.as_view(),
        name="council-ballot-written-votes",
    ),
    path("council/ballots/<int:pk>/close/", council.BallotCloseView.as_view(), name="council-ballot-close"),
    path("council/receipts/check/", council.ReceiptCheckView.as_view(), name="council-receipt-check"),
    path("council/postings/", council.PostingListView.as_view(), name="council-postings"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # the split view serves its script as a file: the page works under the Content-Security-Policy
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
