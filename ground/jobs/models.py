from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def result_path(instance, filename):
    return f"jobs/{instance.pk}/{filename}"


def source_path(instance, filename):
    return f"jobs/{instance.pk}/source/{filename}"


class Job(models.Model):
    """Long work asked for on a page (a report, the certificates' PDF, ...), run by a Celery worker.

    The row is the work's only source of truth: the broker's message just says "run job N". A worker takes the job
    with a lease (its attempt number fences a worker that lost it), writes its progress here, and stores the result
    file; a message lost or a worker killed leaves a row the beat sweep sends again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("requested by")
    )
    language = models.CharField(_("language"), max_length=5, default="vi")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("current step"), max_length=255, blank=True)
    source = models.FileField(_("input file"), upload_to=source_path, max_length=255, blank=True)
    result = models.FileField(_("result"), upload_to=result_path, max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    result_name = models.CharField(_("file name"), max_length=255, blank=True)
    result_type = models.CharField(_("content type"), max_length=120, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The result file is deleted JOB_KEEP_DAYS after the work finished (it is made again in a minute); the row stays.
    file_removed_at = models.DateTimeField(_("file removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["status", "lease_until"],
                name="job_unfinished",
                condition=models.Q(status__in=["queued", "running"]),
            ),
            models.Index(fields=["requested_by", "-created_at"], name="job_of_user"),
            models.Index(
                fields=["finished_at"],
                name="job_file_kept",
                condition=models.Q(status="done", file_removed_at__isnull=True) & ~models.Q(result=""),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def has_file(self):
        """A result file to download: made, and not yet removed after its time."""
        return self.status == self.Status.DONE and bool(self.result_name) and self.file_removed_at is None
