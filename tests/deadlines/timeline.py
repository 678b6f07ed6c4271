"""Shared steps of the deadline tests: travel in time (time-machine), sweep, and let a worker send the mails."""

from datetime import datetime

import time_machine

from domain.deadlines.models import Reminder
from domain.deadlines.services import sweep
from ground.notifications.models import Notification
from ground.notifications.services import notification_deliver
from ground.workdays.services import LOCAL


def at(y, m, d, hour=10, minute=0):
    return datetime(y, m, d, hour, minute, tzinfo=LOCAL)


def travel(moment):
    return time_machine.travel(moment, tick=False)


def sweep_at(moment):
    with travel(moment):
        return sweep()["reminders"]


def deliver(moment):
    """What the worker does with the outbox: send every mail that is due."""
    with travel(moment):
        due = Notification.objects.filter(email_status="pending").values_list("pk", flat=True)
        return sum(notification_deliver(pk) for pk in list(due))


def slots(dossier):
    return sorted(
        Reminder.objects.filter(deadline__dossier=dossier).values_list("slot", "recipient__username").distinct()
    )
