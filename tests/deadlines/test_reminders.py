"""Deadlines and reminders over real Vietnamese dates, with time moved forward (time-machine)."""

import pytest
from django.utils import timezone

from ground.audit.models import AuditEvent
from ground.notifications.models import Notification
from tests.deadlines.timeline import at, deliver, slots, sweep_at, travel
from tests.helpers import login, member, nominate, open_task, submit, task_url

pytestmark = pytest.mark.django_db


def _submitted(client, people, moment, award="CSTDCS"):
    with travel(moment):
        dossier = nominate(client, people["truongkhoa.llcs"], award=award, person=member(people, "llcs"))
        assert submit(client, people["truongkhoa.llcs"], dossier).status_code == 302
    return dossier


def test_deadline_crosses_tet_and_is_shown_on_the_task_page_and_lists(client, people):
    dossier = _submitted(client, people, at(2026, 2, 13))  # Friday before Tết Nguyên đán
    task = open_task(dossier)
    # check_completeness: 3 working days; 16-20/02 are Tết, so Mon 23, Tue 24, Wed 25 -> 25/02 17:00.
    assert timezone.localtime(task.deadline.due_at) == at(2026, 2, 25, 17)
    login(client, people["thuongtruc"])
    with travel(at(2026, 2, 24)):
        page = client.get(task_url(task)).content.decode()
        assert "25/02/2026 17:00" in page and "quá hạn" not in page
        assert "25/02/2026 17:00" in client.get("/process/queue/").content.decode()
        assert "25/02/2026 17:00" in client.get(f"/dossiers/{dossier.pk}/").content.decode()
    with travel(at(2026, 2, 26)):
        assert "quá hạn" in client.get(task_url(task)).content.decode()
        assert "quá hạn" in client.get("/process/queue/").content.decode()


def test_deadline_crosses_hung_kings_30_april_and_1_may(client, people):
    dossier = _submitted(client, people, at(2026, 4, 24))  # Friday; 27/04, 30/04 and 01/05 are days off
    assert timezone.localtime(open_task(dossier).deadline.due_at) == at(2026, 5, 4, 17)


def test_the_three_reminder_slots_then_escalation_each_once(client, people, mailoutbox):
    dossier = _submitted(client, people, at(2026, 2, 13))
    assert sweep_at(at(2026, 2, 20, 9)) == 0  # Tết: nothing due yet
    # 2 working days before 25/02 is Monday 23/02 (08:00).
    assert sweep_at(at(2026, 2, 23, 7, 59)) == 0
    assert sweep_at(at(2026, 2, 23, 8, 5)) == 1
    assert sweep_at(at(2026, 2, 23, 8, 6)) == 0  # a second sweep sends nothing
    assert deliver(at(2026, 2, 23, 8, 6)) == 1
    assert deliver(at(2026, 2, 23, 8, 7)) == 0
    mail = mailoutbox[0]
    assert mail.to == ["thuongtruc@truongchinhtri.laichau.example"]
    assert mail.subject.startswith("Sắp đến hạn") and dossier.reference in mail.subject
    assert "http://127.0.0.1:8000/process/" in mail.body and "25/02/2026 17:00" in mail.body
    assert mail.alternatives[0][1] == "text/html" and "<a href=" in mail.alternatives[0][0]

    assert sweep_at(at(2026, 2, 25, 8, 1)) == 1  # the deadline day
    assert sweep_at(at(2026, 2, 27, 8, 1)) == 1  # overdue by 2 working days
    assert sweep_at(at(2026, 2, 27, 9, 0)) == 0
    assert AuditEvent.objects.filter(dossier=dossier, action="task_escalated").count() == 0
    # Overdue by 3 working days (Mon 02/03): the principal, next up from the secretariat, is told.
    assert sweep_at(at(2026, 3, 2, 8, 1)) == 1
    assert sweep_at(at(2026, 3, 3, 8, 1)) == 1  # overdue-4 to the secretariat
    assert slots(dossier) == [
        ("before", "thuongtruc"),
        ("due", "thuongtruc"),
        ("escalation", "hieutruong"),
        ("overdue-2", "thuongtruc"),
        ("overdue-4", "thuongtruc"),
    ]
    assert AuditEvent.objects.filter(dossier=dossier, action="task_escalated").count() == 1
    assert deliver(at(2026, 3, 3, 9)) == 4
    assert len(mailoutbox) == 5
    with travel(at(2026, 3, 3, 9)):
        page = login(client, people["hieutruong"]).get(f"/dossiers/{dossier.pk}/").content.decode()
        inbox = client.get("/notifications/").content.decode()
    assert "đã báo cấp trên" in page and "Đã báo cấp trên việc quá hạn" in page
    assert "Việc quá hạn" in inbox and "1 chưa đọc" in inbox


def test_reminders_go_to_the_assignee_only_and_stop_when_the_task_is_done(client, people):
    dossier = _submitted(client, people, at(2026, 2, 13))
    task = open_task(dossier)
    with travel(at(2026, 2, 23, 9)):
        login(client, people["thuongtruc"]).post(task_url(task, "assign"))
        assert sweep_at(at(2026, 2, 23, 9)) == 1
        client.post(task_url(task), {"action": "accept", "comment": ""})
    task.deadline.refresh_from_db()
    assert task.deadline.closed_at is not None and task.deadline.next_reminder_at is None
    # The finished task's due and overdue slots pass in silence; the council's task is due 09/03.
    assert sweep_at(at(2026, 2, 27, 9)) == 0
    assert slots(dossier) == [("before", "thuongtruc")]


def test_english_recipient_gets_english_and_a_digest_instead_of_single_mails(client, people, mailoutbox):
    sec = people["thuongtruc"]
    login(client, sec).post("/notifications/settings/", {"language": "en", "digest": "on"})
    dossier = _submitted(client, people, at(2026, 2, 13))
    assert sweep_at(at(2026, 2, 23, 8, 5)) == 1
    assert sweep_at(at(2026, 2, 25, 8, 5)) == 1
    assert deliver(at(2026, 2, 25, 8, 6)) == 0  # nothing mailed one by one
    note = Notification.objects.filter(recipient=sec).first()
    assert note.title_en.startswith("Due today") and note.email_status == "digest"
    from ground.notifications.tasks import send_digests

    with travel(at(2026, 2, 26, 7, 30)):
        send_digests()
        send_digests()  # beat fired twice, or a redelivered message: still one mail
    assert len(mailoutbox) == 1
    digest = mailoutbox[0]
    assert digest.subject == "Daily summary: 2 reminders" and digest.to == [sec.email]
    assert "Due soon" in digest.body and "Due today" in digest.body and dossier.reference in digest.body
    assert set(Notification.objects.filter(recipient=sec).values_list("email_status", flat=True)) == {"sent"}
