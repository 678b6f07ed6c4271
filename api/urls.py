from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .views import audit, auth, catalog, dossiers, province, tasks

app_name = "api"

v1 = [
    path("auth/token/", auth.TokenView.as_view(), name="token"),
    path("awards/", catalog.AwardListView.as_view(), name="awards"),
    path("departments/", catalog.DepartmentListView.as_view(), name="departments"),
    path("staff/", catalog.StaffListView.as_view(), name="staff"),
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
    path("tasks/", tasks.TaskListView.as_view(), name="tasks"),
    path("tasks/<int:pk>/claim/", tasks.TaskClaimView.as_view(), name="task-claim"),
    path("tasks/<int:pk>/release/", tasks.TaskReleaseView.as_view(), name="task-release"),
    path("tasks/<int:pk>/complete/", tasks.TaskCompleteView.as_view(), name="task-complete"),
    path("province/decisions/", province.ProvinceDecisionView.as_view(), name="province-decisions"),
    path("audit/verify/", audit.AuditVerifyView.as_view(), name="audit-verify"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
