"""Celery entry points of the background jobs: each calls one service and may run any number of times."""

from celery import shared_task


@shared_task(acks_late=True)
def run_job(job_id):
    from . import services

    return services.job_run(job_id)


@shared_task(acks_late=True)
def redispatch_jobs():
    from . import services

    return services.jobs_redispatch()


@shared_task(acks_late=True)
def remove_old_job_files():
    from . import services

    return services.jobs_remove_old_files()
