"""Celery entry point of the complaints register's reminders (beat, hourly by default)."""

from celery import shared_task


@shared_task(acks_late=True)
def remind_complaints():
    from .complaints import complaint_reminders

    return complaint_reminders()
