"""The page of a background job: its progress bar (polled by static/js/awards.js, no inline script), its result."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ground.base import errors
from ground.jobs.services import job_get, jobs_of


class JobListView(LoginRequiredMixin, View):
    """My background work: the latest jobs I asked for."""

    def get(self, request):
        return render(request, "jobs/list.html", {"jobs": jobs_of(request.user)})


class JobDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        context = {"job": job_get(request.user, pk), "keep_days": settings.JOB_KEEP_DAYS}
        return render(request, "jobs/detail.html", context)


class JobProgressView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = job_get(request.user, pk)
        response = JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "progress": job.progress,
                "step": job.step,
                "error": job.error,
                "filename": job.result_name,
                "summary": job.summary,
                "download": reverse("jobs:download", args=[job.pk]) if job.has_file else None,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request, pk):
        job = job_get(request.user, pk)
        if job.file_removed_at is not None:
            raise errors.Gone()
        if not job.has_file:
            raise errors.NotVisible()
        return FileResponse(
            job.result.open("rb"), as_attachment=True, filename=job.result_name, content_type=job.result_type
        )
