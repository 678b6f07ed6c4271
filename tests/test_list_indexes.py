"""The indexes the lists stand on serve their queries (issue 18): a change to a list's filter that its partial index
no longer matches fails here, not at 100,000 dossiers. The planner is asked with sequential and bitmap scans priced
out, so that its answer does not depend on this test's few rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from process.workflows import services as process
from tests.helpers import login, member, nominate, open_task, submit

pytestmark = pytest.mark.django_db


def _plan(sql):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("EXPLAIN " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_inbox_walks_the_users_claimed_tasks_newest_first(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    process.task_claim(acting_user=sec, task_id=open_task(dossier).pk)

    login(client, sec)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/process/inbox/")
    assert page.status_code == 200 and dossier.reference in page.content.decode()
    (rows,) = [q["sql"] for q in queries if 'ORDER BY "viewflow_task"."created" DESC' in q["sql"]]
    assert "workflows_task_inbox" in _plan(rows), _plan(rows)


def test_the_api_task_list_counts_from_the_open_human_tasks_index_alone(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    submit(client, head, nominate(client, head, award="LDTT", person=member(people, "llcs")))

    login(client, sec)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/tasks/")
    assert answer.status_code == 200 and answer.json()["count"] == 1
    (count,) = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert "Index Only Scan using workflows_task_human_open" in _plan(count), _plan(count)
