"""The OpenAPI schema validates, lists answer in a constant number of queries, and a schema fuzzer
(schemathesis) finds no server error and no answer outside the schema on the live server."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from domain.dossiers.services import documents, dossiers
from ground.organisation.models import StaffMember
from process.workflows import selectors as process_selectors
from process.workflows import services as process
from tests.api.conftest import API, create_dossier, pdf_file, token_for
from tests.helpers import member


def test_schema_generates_without_warnings_and_validates(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/province/decisions/" in (tmp_path / "schema.yaml").read_text()


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs.content.decode()  # no CDN needed
    bundle = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert bundle.status_code == 200


def _many_dossiers(people):
    """About twenty dossiers of two departments, half of them submitted (with a process and a task)."""
    made = []
    for head_name, dept in (("truongkhoa.llcs", "llcs"), ("truongkhoa.xdd", "xdd")):
        head = people[head_name]
        for person in StaffMember.objects.filter(department=people["depts"][dept], user__isnull=True)[:4]:
            for award in ("LDTT", "CSTDCS", "GIAYKHEN"):
                dossier = dossiers.dossier_create(
                    acting_user=head, period_year=2026, award_code=award, nominee_kind="person", nominee_id=person.pk
                )
                documents.document_upload(
                    acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=pdf_file()
                )
                if len(made) % 2:
                    process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
                made.append(dossier)
    return made


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), len(response.json()["results"])


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_page_size(api, people):
    made = _many_dossiers(people)
    assert len(made) >= 20
    sec, head = api("thuongtruc"), api("truongkhoa.llcs")
    pk = made[1].pk
    for client, url in (
        (sec, f"{API}/dossiers/"),
        (head, f"{API}/dossiers/"),
        (sec, f"{API}/tasks/"),
        (sec, f"{API}/staff/"),
        (sec, f"{API}/awards/"),
        (sec, f"{API}/dossiers/{pk}/history/"),
    ):
        small, small_len = _queries(client, url, page_size=1)
        large, large_len = _queries(client, url, page_size=200)
        assert large_len > small_len, url
        assert large == small, (url, small, large)


# --- schemathesis --------------------------------------------------------------------------------


def _council_sessions(people):
    """A session being prepared and one in session (its ballot open), each with an accepted dossier."""
    from django.utils import timezone

    from domain.council.services import sessions
    from interfaces.demo.seed import run_session

    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    made = []
    for person in StaffMember.objects.filter(department=people["depts"]["llcs"], user__isnull=True)[1:3]:
        dossier = dossiers.dossier_create(
            acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
        )
        documents.document_upload(
            acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=pdf_file()
        )
        process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
        task = process_selectors.tasks_for(sec).get(process__dossierprocess__dossier=dossier)
        process.task_complete(acting_user=sec, task_id=task.pk, action="accept")
        dossier.refresh_from_db()
        made.append(dossier)
    prepared = sessions.session_create(
        acting_user=sec, period=made[0].period, title="", meeting_date=timezone.localdate(), dossier_ids=[made[0].pk]
    )
    in_session = run_session(sec, [made[1]], conclude=False)
    return prepared, in_session, in_session.ballots.get()


def _checks():
    """Every check schemathesis registers (what `st run --checks all` runs)."""
    import schemathesis.specs.openapi.checks  # noqa: F401  (registers the OpenAPI checks)
    from schemathesis.checks import CHECKS

    checks = CHECKS.get_all()
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "negative_data_rejection",
        "positive_data_acceptance",
        "missing_required_header",
        "unsupported_method",
    } <= {check.__name__ for check in checks}
    return checks


def _config(raw_schema):
    """schemathesis' defaults, except that a schema-valid body may be refused with the statuses an operation documents
    as a rule's (``x-rule-statuses``, see interfaces/api/schema.py): positive data of that operation only."""
    from schemathesis.config import SchemathesisConfig
    from schemathesis.config._checks import POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES

    operations = [
        {
            "include-name": f"{method.upper()} {path}",  # the label: method and path together (two filters OR)
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES
                    + [str(code) for code in operation["x-rule-statuses"]]
                }
            },
        }
        for path, methods in raw_schema["paths"].items()
        for method, operation in methods.items()
        if "x-rule-statuses" in operation
    ]
    assert len(operations) >= 5
    return SchemathesisConfig.from_dict({"operations": operations})


def _fuzz(operation, headers, checks, *, max_examples, path_parameters=None):
    """The schema's examples, the coverage phase (boundaries, missing and unexpected parts, other methods) and
    bounded generated examples, positive and negative, of one operation; returns the failure, or None."""
    from schemathesis.core.failures import FailureGroup
    from schemathesis.generation.feedback import FeedbackSources
    from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test
    from schemathesis.generation.overrides import Override

    def call(case):
        case.call_and_validate(headers=headers, checks=checks)

    run = create_test(
        operation=operation,
        test_func=call,
        config=HypothesisTestConfig(
            project=operation.schema.config,
            modes=[HypothesisTestMode.EXAMPLES, HypothesisTestMode.COVERAGE, HypothesisTestMode.FUZZING],
            settings=hypothesis_settings(
                max_examples=max_examples,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            ),
            override=Override(path_parameters=dict(path_parameters or {})),
            feedback=FeedbackSources(),
        ),
    )
    try:
        run()
    except (Exception, FailureGroup) as exc:  # a check failed: report which operation, keep fuzzing the others
        return f"{operation.label}: {exc}"
    return None


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error(live_server, people, settings):
    import schemathesis

    settings.API_THROTTLE_RATES = {"write": "100000/min", "token": "100000/min"}
    head, sec = APIClient(), APIClient()
    head.credentials(HTTP_AUTHORIZATION=f"Token {token_for('truongkhoa.llcs')}")
    sec.credentials(HTTP_AUTHORIZATION=f"Token {token_for('thuongtruc')}")
    dossier = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk)
    head.post(f"{API}/dossiers/{dossier['id']}/submit/")
    task = sec.get(f"{API}/tasks/").json()["results"][0]
    draft = create_dossier(head, award="CSTDCS", nominee_id=member(people, "llcs").pk)
    document_id = head.get(f"{API}/dossiers/{draft['id']}/").json()["documents"][0]["id"]
    prepared, in_session, ballot = _council_sessions(people)
    real_ids = {
        "/api/v1/dossiers/{id}/": {"id": dossier["id"]},
        "/api/v1/dossiers/{id}/history/": {"id": dossier["id"]},
        "/api/v1/dossiers/{id}/documents/": {"id": draft["id"]},
        "/api/v1/dossiers/{id}/documents/{doc_pk}/": {"id": draft["id"], "doc_pk": document_id},
        "/api/v1/dossiers/{id}/submit/": {"id": draft["id"]},
        "/api/v1/dossiers/{id}/withdraw/": {"id": draft["id"]},
        "/api/v1/tasks/{id}/claim/": {"id": task["id"]},
        "/api/v1/tasks/{id}/release/": {"id": task["id"]},
        "/api/v1/tasks/{id}/complete/": {"id": task["id"]},
        "/api/v1/dossiers/{id}/objections/": {"id": ballot.dossier_id},
        "/api/v1/council/sessions/{id}/": {"id": in_session.pk},
        "/api/v1/council/sessions/{id}/candidates/": {"id": prepared.pk},
        "/api/v1/council/sessions/{id}/dossiers/": {"id": prepared.pk},
        "/api/v1/council/sessions/{id}/attendance/": {"id": prepared.pk},
        "/api/v1/council/sessions/{id}/open/": {"id": prepared.pk},
        "/api/v1/council/sessions/{id}/conclude/": {"id": in_session.pk},
        "/api/v1/council/sessions/{id}/quotas/{quota_pk}/": {"id": in_session.pk},
        "/api/v1/council/sessions/{id}/minutes/": {"id": in_session.pk},
        "/api/v1/council/ballots/{id}/vote/": {"id": ballot.pk},
        "/api/v1/council/ballots/{id}/written-votes/": {"id": ballot.pk},
        "/api/v1/council/ballots/{id}/close/": {"id": ballot.pk},
    }

    url = f"{live_server.url}/api/schema/?format=json"
    schema = schemathesis.openapi.from_url(url, config=_config(APIClient().get(url).json()))
    checks = _checks()
    as_head = {"Authorization": f"Token {token_for('truongkhoa.llcs')}"}
    as_secretariat = {"Authorization": f"Token {token_for('thuongtruc')}"}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        council = operation.path.startswith("/api/v1/council/")
        if operation.path not in real_ids:
            failures.append(_fuzz(operation, as_head, checks, max_examples=5))
            if council:  # the secretariat runs the council: its answers go deeper than a head's refusal
                failures.append(_fuzz(operation, as_secretariat, checks, max_examples=5))
            continue
        failures.append(_fuzz(operation, as_head, checks, max_examples=2))  # ids that may not exist
        who = as_secretariat if council or operation.path.startswith("/api/v1/tasks/") else as_head
        failures.append(_fuzz(operation, who, checks, max_examples=4, path_parameters=real_ids[operation.path]))
    assert operations >= 34
    failures = [f for f in failures if f]
    assert not failures, "\n\n".join(failures)
