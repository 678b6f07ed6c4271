"""Celery entry points: each only calls a service."""

from celery import shared_task

from domain.province.services import TransientDeliveryError


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(TransientDeliveryError,),
    retry_backoff=2,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=None,
)
def forward_to_province(self, task_pk):
    from django.conf import settings

    from . import services

    final = self.request.retries + 1 >= settings.PROVINCE_MAX_ATTEMPTS
    services.job_forward_to_province(task_pk, final_attempt=final)


@shared_task(acks_late=True)
def redispatch_stalled_jobs():
    from . import services

    services.jobs_redispatch_stalled()


@shared_task(acks_late=True)
def close_postings():
    """Beat: posting windows that ended move their dossiers on to the principal."""
    from . import council

    return council.postings_close_due()
