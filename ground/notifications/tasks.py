"""Celery entry points of notifications: each calls one service and may run any number of times."""

from celery import shared_task


@shared_task(acks_late=True)
def deliver_notifications(ids):
    from . import services

    for pk in ids:
        services.notification_deliver(pk)


@shared_task(acks_late=True)
def send_digests():
    from ground.workdays.services import today

    from . import services

    for pk in services.digests_prepare(today()):
        services.digest_deliver(pk)


@shared_task(acks_late=True)
def deliver_digests(ids):
    from . import services

    for pk in ids:
        services.digest_deliver(pk)
