"""The task lists' filters never enumerate processes or dossiers, and read in a constant number of queries."""

import pytest

from tests.helpers import login, member, nominate, open_task, submit

pytestmark = pytest.mark.django_db


def _submitted(client, people, n):
    head = people["truongkhoa.llcs"]
    made = []
    for i in range(n):
        person = member(people, "llcs") if i == 0 else people["depts"]["llcs"].staff.filter(user__isnull=True)[i]
        dossier = nominate(client, head, award="LDTT", person=person)
        submit(client, head, dossier)
        made.append(dossier)
    return made


def test_queue_filters_by_reference_without_listing_processes(client, people, django_assert_max_num_queries):
    first, second = _submitted(client, people, 2)
    login(client, people["thuongtruc"])
    with django_assert_max_num_queries(15):
        page = client.get("/process/queue/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="process"' not in html and 'name="q"' in html  # a text field, not a drop-down of processes
    assert f'data-row-id="{open_task(first).pk}"' in html and f'data-row-id="{open_task(second).pk}"' in html
    only = client.get("/process/queue/", {"q": second.reference.lower()}).content.decode()
    assert f'data-row-id="{open_task(second).pk}"' in only and f'data-row-id="{open_task(first).pk}"' not in only
    for path in ("/process/inbox/", "/process/archive/", "/process/tasks/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'name="process"' not in response.content.decode(), path


def _queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as done:
        assert client.get(path).status_code == 200, path
    return len(done.captured_queries)


def _queries_in_frame(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as done:
        assert client.get(path, headers={"Turbo-Frame": "eligibility-frame"}).status_code == 200, path
    return len(done.captured_queries)


LISTS = ("/process/queue/", "/process/inbox/", "/process/archive/", "/process/tasks/", "/process/flows/")


def test_task_lists_and_the_dossier_page_cost_the_same_queries_for_more_rows(client, people):
    """Issue 18: a row reads nothing of its own (nominee, award, owner, dossier); the counts are pinned."""
    made = _submitted(client, people, 2)
    login(client, people["thuongtruc"])
    for path in LISTS:
        client.get(path)  # warm: the session, the reference tables
    few = {path: _queries(client, path) for path in LISTS}
    page = f"/dossiers/{made[0].pk}/"
    client.get(page)
    on_page = _queries(client, page)
    head = people["truongkhoa.llcs"]
    more = []
    for person in people["depts"]["llcs"].staff.filter(user__isnull=True)[2:5]:
        more.append(nominate(client, head, award="LDTT", person=person))
        submit(client, head, more[-1])
    login(client, people["thuongtruc"])
    many = {path: _queries(client, path) for path in LISTS}
    assert many == few, (few, many)
    assert all(n <= 15 for n in many.values()), many
    # The dossier page within issue 18's 15; its eligibility panel, a Turbo frame loaded after it, reads the nominee's
    # record (six queries) on its own.
    assert _queries(client, f"/dossiers/{more[0].pk}/") == on_page <= 15
    for dossier in (made[0], more[0]):
        assert _queries_in_frame(client, f"/dossiers/{dossier.pk}/eligibility/") <= 15
