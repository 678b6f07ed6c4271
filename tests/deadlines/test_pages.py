"""Deadlines on the pages and for the API; the notification list, the unread count and mark-as-read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ground.notifications.models import Notification
from process.workflows.selectors import task_due_at, tasks_due_at
from tests.deadlines.timeline import at, deliver, sweep_at, travel
from tests.helpers import login, member, nominate, open_task, submit

pytestmark = pytest.mark.django_db


def _two_overdue(client, people):
    head = people["truongkhoa.llcs"]
    dossiers = []
    with travel(at(2026, 2, 13)):
        for award in ("CSTDCS", "LDTT"):
            dossier = nominate(client, head, award=award, person=member(people, "llcs"))
            submit(client, head, dossier)
            dossiers.append(dossier)
    return dossiers


def test_due_at_for_the_api_in_one_query_and_on_the_dossier_list(client, people):
    dossiers = _two_overdue(client, people)
    tasks = [open_task(d) for d in dossiers]
    with CaptureQueriesContext(connection) as queries:
        due = tasks_due_at(tasks)
    assert len(queries) == 1 and due == {t.pk: task_due_at(t) for t in tasks}
    assert all(value.isoformat() == "2026-02-25T10:00:00+00:00" for value in due.values())
    with travel(at(2026, 2, 26)):
        page = login(client, people["thuongtruc"]).get("/dossiers/").content.decode()
    assert page.count("25/02/2026 17:00 · quá hạn") == 2


def test_notification_list_unread_count_and_mark_read(client, people):
    _two_overdue(client, people)
    assert sweep_at(at(2026, 2, 23, 8, 5)) == 2
    sec = people["thuongtruc"]
    with travel(at(2026, 2, 23, 9)):
        login(client, sec)
        header = client.get("/dossiers/").content.decode()
        assert '<span class="aw-unread">2</span>' in header
        # viewflow's own pages show it in the site menu.
        assert "2 chưa đọc" in client.get("/process/queue/").content.decode()
        first = Notification.objects.filter(recipient=sec).first()
        client.post(f"/notifications/{first.pk}/read/")
        assert "1 chưa đọc" in client.get("/notifications/").content.decode()
        # Someone else's notification cannot be marked by this user.
        other = login(client, people["hieutruong"])
        other.post(f"/notifications/{Notification.objects.filter(read_at__isnull=True).first().pk}/read/")
        assert Notification.objects.filter(recipient=sec, read_at__isnull=True).count() == 1
        login(client, sec).post("/notifications/read/")
        assert Notification.objects.filter(recipient=sec, read_at__isnull=True).count() == 0
        assert '<span class="aw-unread">0</span>' in client.get("/dossiers/").content.decode()


def test_notifications_are_shown_in_the_pages_language_and_mailed_in_the_recipients(client, people, mailoutbox):
    """Written in both languages: the list follows the page's language (switched by the user), whatever the
    recipient's mail language; the mail goes in theirs."""
    _two_overdue(client, people)
    sec = people["thuongtruc"]
    assert sweep_at(at(2026, 2, 23, 8, 5)) == 2  # the secretariat's mail language: Vietnamese (the default)
    note = Notification.objects.filter(recipient=sec).first()
    assert note.title.startswith("Sắp đến hạn") and note.title_en.startswith("Due soon"), (note.title, note.title_en)
    with travel(at(2026, 2, 23, 9)):
        login(client, sec)
        vietnamese = client.get("/notifications/").content.decode()
        client.post("/i18n/setlang/", {"language": "en", "next": "/notifications/"})
        english = client.get("/notifications/").content.decode()
    assert note.title in vietnamese and note.title_en not in vietnamese
    assert note.title_en in english and note.title not in english and note.body_en.split("\n")[0] in english
    assert deliver(at(2026, 2, 23, 9, 5)) == 2
    assert [mail.subject[:11] for mail in mailoutbox] == ["Sắp đến hạn"] * 2


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_deadline_columns_add_no_query_per_row(client, people):
    """The due column is joined (select_related / subquery): no query per task or dossier.

    (viewflow's own "brief" column of the queue still reads each process: not ours to change here.)
    """
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    persons = list(people["depts"]["llcs"].staff.filter(user__isnull=True)[:3])
    counts = []
    with travel(at(2026, 2, 13)):
        for person in persons:
            submit(client, head, nominate(client, head, award="CSTDCS", person=person))
            login(client, sec)
            queue, dossiers = _queries(client, "/process/queue/"), _queries(client, "/dossiers/")
            assert not [q for q in queue if 'FROM "deadlines_taskdeadline"' in q]
            assert "25/02/2026 17:00" in client.get("/process/queue/").content.decode()
            counts.append(len(dossiers))
    assert counts[0] == counts[-1], counts
