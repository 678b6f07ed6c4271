"""Background jobs: started by a page (the row written in the request's transaction, the message sent on commit),
run by a Celery worker under a lease, watched through their progress, told to the requester when finished.

Idempotent: a job already finished, or held by a worker whose lease runs, is not run again; a worker that lost its
lease (it was too slow, another took over) can neither write progress nor a result (its attempt number is stale).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ground.base import errors
from ground.notifications.services import Message, notifications_create

from .models import Job
from .registry import runner_of

log = logging.getLogger(__name__)
S = Job.Status


class LeaseLost(Exception):
    """This worker's attempt is no longer the job's current one."""


def _lease():
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def job_start(*, user, kind, title, params=None, source=None):
    """Write the job (in the caller's transaction) and send it to a worker once it commits. ``source``: an uploaded
    file the work reads (kept with the job, so the broker's message stays a job number)."""
    runner_of(kind)  # an unknown kind is a programming error: fail here, not in the worker
    job = Job.objects.create(
        kind=kind,
        title=str(title)[:255],
        params=params or {},
        requested_by=user,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    if source is not None:
        job.source.save(source.name.rsplit("/", 1)[-1][:100], source, save=True)
    transaction.on_commit(lambda: _dispatch(job.pk), robust=True)  # broker down: the beat sweep sends it later
    return job


def _dispatch(pk):
    from .tasks import run_job

    run_job.delay(pk)


def job_get(user, pk):
    """The requester's own job (the administrator sees every job); anyone else: not found."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.requested_by_id == user.pk or user.is_superuser):
        raise errors.NotVisible()
    return job


def jobs_of(user, limit=50):
    """The latest jobs the user asked for."""
    return list(Job.objects.filter(requested_by=user).order_by("-created_at", "-id")[:limit])


def _take(job_id):
    now = timezone.now()
    with transaction.atomic():
        job = (
            # Its own row only: locking the requester's too (read with it) skipped the job whenever their row was
            # share-locked, as by their next job's insert at that moment, and the job then waited for the sweep.
            Job.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=job_id)
            .filter(Q(status=S.QUEUED) | Q(status=S.RUNNING, lease_until__lt=now))
            .select_related("requested_by")
            .first()
        )
        if job is None:
            return None
        job.status = S.RUNNING
        job.attempts += 1
        job.lease_until = now + _lease()
        job.started_at = job.started_at or now
        job.progress = 0
        job.save(update_fields=["status", "attempts", "lease_until", "started_at", "progress"])
        return job


def job_run(job_id):
    """Run one job if it is due (the worker's entry point); returns whether this call finished it."""
    job = _take(job_id)
    if job is None:
        return False  # finished already, or another worker holds its lease
    attempt = job.attempts

    def progress(percent, step=""):
        moved = Job.objects.filter(pk=job.pk, attempts=attempt, status=S.RUNNING).update(
            progress=max(0, min(99, int(percent))), step=str(step)[:255], lease_until=timezone.now() + _lease()
        )
        if not moved:
            raise LeaseLost()

    with translation.override(job.language):
        try:
            result = runner_of(job.kind)(job, progress)
        except LeaseLost:
            log.info("Job %s: attempt %s lost its lease", job.pk, attempt)
            return False
        except errors.DomainError as exc:
            details = [str(m) for msgs in exc.errors.values() for m in msgs]
            return _finish(job.pk, attempt, error=" ".join([str(exc.message)] + details))
        except Exception:
            log.exception("Job %s (%s) failed", job.pk, job.kind)
            return _finish(job.pk, attempt, error=_("The work failed. Start it again, or tell the administrator."))
        return _finish(job.pk, attempt, result=result)


def _finish(job_id, attempt, *, result=None, error=""):
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, attempts=attempt, status=S.RUNNING).first()
        if job is None:
            return False  # another worker took over: its result counts
        if isinstance(result, dict):  # work without a file: its summary
            job.summary = str(result.get("summary", ""))
            job.status, job.progress, job.step = S.DONE, 100, ""
        elif result is not None:
            filename, content, content_type = result
            job.result.save(filename, ContentFile(content), save=False)
            job.result_name, job.result_type = filename, content_type
            job.status, job.progress, job.step = S.DONE, 100, ""
        else:
            job.status, job.error = S.FAILED, error
        job.finished_at = timezone.now()
        job.lease_until = None
        job.save()
        _tell(job)
    return True


def _tell(job):
    def render():
        names = {"title": job.title, "name": job.result_name}
        if job.status == S.DONE:
            body = job.summary if not job.result_name else _("The file %(name)s is ready to download.") % names
            return _("Ready: %(title)s") % names, body
        return _("Failed: %(title)s") % names, job.error

    link = reverse("jobs:detail", args=[job.pk])
    notifications_create(
        [Message(recipient_id=job.requested_by_id, kind="job_done", render=render, link=link, key=f"job:{job.pk}")]
    )


def jobs_redispatch(now=None, limit=500):
    """Beat: a job still waiting after the grace (its message was lost, or the broker was down when it was asked
    for) or one whose worker went silent past its lease goes to a worker again."""
    now = now or timezone.now()
    grace = timedelta(seconds=settings.JOB_DISPATCH_GRACE)
    ids = list(
        Job.objects.filter(Q(status=S.QUEUED, created_at__lt=now - grace) | Q(status=S.RUNNING, lease_until__lt=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: _dispatch(pk), robust=True)
    return len(ids)


def jobs_remove_old_files(now=None, limit=200):
    """Beat: the result file of a job finished more than JOB_KEEP_DAYS ago is deleted; the row stays and says when.

    A result (a report, the certificates' PDF) is made again from the database in a minute, and what was decided is
    kept by the documents themselves; an import's uploaded spreadsheet (``source``) is kept, as the record of what
    was imported. The file goes first, then the row is marked: a run stopped in between deletes nothing twice (a
    missing file is no error) and marks the row next time. Returns how many files were removed."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.JOB_KEEP_DAYS)
    old = (
        Job.objects.filter(status=S.DONE, file_removed_at__isnull=True, finished_at__lt=cutoff)
        .exclude(result="")
        .order_by("finished_at", "pk")[:limit]
    )
    removed = 0
    for job in old:
        job.result.delete(save=False)
        Job.objects.filter(pk=job.pk).update(result="", file_removed_at=now)
        removed += 1
    return removed
