"""Celery entry point of the deadline sweep (beat, every minute by default)."""

from celery import shared_task


@shared_task(acks_late=True)
def sweep():
    from . import services

    return services.sweep()
