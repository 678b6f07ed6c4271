"""A sweep that dies in the middle of a batch (here: the database refuses the notifications) leaves no trace:
its reminder slots are not claimed, so the next sweep sends them, once."""

import pytest
from django.db import DatabaseError, connection

from domain.deadlines.models import Reminder, TaskDeadline
from ground.notifications.models import Notification
from tests.deadlines.timeline import at, sweep_at, travel
from tests.helpers import member, nominate, submit

pytestmark = pytest.mark.django_db

REFUSE = """
CREATE FUNCTION test_refuse_notifications() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'worker lost'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER test_refuse BEFORE INSERT ON notifications_notification
FOR EACH ROW EXECUTE FUNCTION test_refuse_notifications();
"""
ACCEPT = "DROP TRIGGER test_refuse ON notifications_notification; DROP FUNCTION test_refuse_notifications();"


def test_a_batch_that_fails_midway_is_sent_once_by_the_next_sweep(client, people):
    head = people["truongkhoa.llcs"]
    with travel(at(2026, 2, 13)):
        submit(client, head, nominate(client, head, award="CSTDCS", person=member(people, "llcs")))
    before = TaskDeadline.objects.values_list("next_reminder_at", flat=True).get()
    with connection.cursor() as cursor:
        cursor.execute(REFUSE)
    with pytest.raises(DatabaseError):
        sweep_at(at(2026, 2, 23, 8, 5))
    assert Reminder.objects.count() == 0 and Notification.objects.count() == 0
    assert TaskDeadline.objects.values_list("next_reminder_at", flat=True).get() == before
    with connection.cursor() as cursor:
        cursor.execute(ACCEPT)
    assert sweep_at(at(2026, 2, 23, 8, 6)) == 1
    assert sweep_at(at(2026, 2, 23, 8, 7)) == 0
    assert list(Reminder.objects.values_list("slot", flat=True)) == ["before"]
