"""Reports built as background jobs (``ground.jobs``): the page asks, a worker builds, the requester downloads."""

from django.utils.translation import gettext as _

from ground.base import errors
from ground.jobs.services import job_start

from . import policies
from .registry import REPORTS, report_build

REPORT = "report"


def report_job(job, progress):
    """One report of the catalogue for a year, for its requester's unit (their permission checked again here)."""
    staff = policies.require_view_reports(job.requested_by)
    name, year = job.params.get("name"), int(job.params.get("year"))
    if name not in REPORTS:
        raise errors.NotVisible()
    progress(10, _("Reading the figures"))
    content, filename = report_build(name, organisation_id=staff.organisation_id, year=year)
    progress(95, _("Writing the file"))
    return filename, content, REPORTS[name].content_type


def report_job_start(*, user, name, year):
    """Ask for a report in the background: refused at once if the user may not read reports."""
    policies.require_view_reports(user)
    if name not in REPORTS:
        raise errors.NotVisible()
    title = _("%(report)s, %(year)s") % {"report": REPORTS[name].label, "year": year}
    return job_start(user=user, kind=REPORT, title=title, params={"name": name, "year": int(year)})
