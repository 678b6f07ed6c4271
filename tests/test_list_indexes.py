"""The indexes the lists stand on serve their queries (issue 18): a change to a list's filter that its partial index
no longer matches fails here, not at 100,000 dossiers. The planner is asked with sequential and bitmap scans priced
out, so that its answer does not depend on this test's few rows."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task

from domain.dossiers.services import documents
from domain.dossiers.services import dossiers as dossier_svc
from process.workflows import services as process
from tests.helpers import PDF, login, member

pytestmark = pytest.mark.django_db


def _plan(sql):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_inbox_walks_the_users_claimed_tasks_newest_first(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = dossier_svc.dossier_create(
        acting_user=head,
        period_year=2026,
        award_code="LDTT",
        nominee_kind="person",
        nominee_id=member(people, "llcs").pk,
    )
    documents.document_upload(
        acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
    )
    process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
    task = Task.objects.get(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")
    process.task_claim(acting_user=sec, task_id=task.pk)

    login(client, sec)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/process/inbox/")
    assert page.status_code == 200 and dossier.reference in page.content.decode()
    (rows,) = [q["sql"] for q in queries if 'ORDER BY "viewflow_task"."created" DESC' in q["sql"]]
    assert "workflows_task_inbox" in _plan(rows), _plan(rows)
