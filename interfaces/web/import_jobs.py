"""Spreadsheet imports run as background jobs (``ground.jobs``): the page's own service, on the stored workbook,
as the requester; its summary is the page's own success message."""

from django.core.files import File
from django.utils.translation import gettext as _

from ground.jobs.registry import register


def _runner(view_class):
    def run(job, progress):
        progress(5, _("Reading the workbook"))
        with job.source.open("rb") as handle:
            uploaded = File(handle, name=job.source.name.rsplit("/", 1)[-1])
            result = view_class.service(acting_user=job.requested_by, uploaded=uploaded)
        return {"summary": view_class().done(result)}

    return run


def register_imports():
    from interfaces.web.eligibility.views import HistoryImportView, RatingsImportView
    from interfaces.web.emulation.views import RegistrationImportView

    for view_class in (HistoryImportView, RatingsImportView, RegistrationImportView):
        register(view_class.job_kind, _runner(view_class))
