"""Every report by name: what it is, its file type, and how it is built for a unit and a year. The pages and the
``report`` command read this one table."""

from dataclasses import dataclass
from functools import partial

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ground.organisation.models import Organisation

from . import documents, lists, statistics

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Report:
    name: str
    label: str
    ext: str
    build: callable

    @property
    def content_type(self):
        return DOCX if self.ext == "docx" else XLSX


FORM_TITLES = {
    "0601": _("number of emulation movements"),
    "0602": _("number of state-level awards"),
    "0603": _("number of ministry- and province-level awards"),
    "0604": _("number of bodies doing emulation and commendation work"),
    "0605": _("number of civil servants doing emulation and commendation work"),
}


def _form(organisation_id, year, *, code):
    return statistics.statistics_xlsx(organisation_id, year, forms=[code])


def _fund(organisation_id, year):
    from domain.fund.exports import fund_report_xlsx
    from domain.fund.selectors import fund_year

    return fund_report_xlsx(Organisation.objects.get(pk=organisation_id), fund_year(organisation_id, year))


REPORTS = {
    r.name: r
    for r in [
        Report(
            "year-end",
            _("Year-end report of the emulation and commendation work"),
            "docx",
            lambda org, year: documents.work_report(org, year),
        ),
        Report(
            "half-year",
            _("Half-year report of the emulation and commendation work"),
            "docx",
            lambda org, year: documents.work_report(org, year, half=True),
        ),
        Report("self-inspection", _("Self-inspection report (data section)"), "docx", documents.self_inspection),
        Report(
            "statistics",
            _("Statistical report, Circular 02/2023/TT-BNV (forms 0601 to 0605, one sheet each)"),
            "xlsx",
            statistics.statistics_xlsx,
        ),
        *[
            Report(
                f"statistics-{code}",
                format_lazy(
                    _("Circular 02/2023/TT-BNV, form {code}.N/BNV-TĐKT: {title}"), code=code, title=FORM_TITLES[code]
                ),
                "xlsx",
                partial(_form, code=code),
            )
            for code in statistics.FORMS
        ],
        Report("registrations", _("List of registrations"), "xlsx", lists.registrations),
        Report("nominations", _("List of nominations"), "xlsx", lists.nominations),
        Report("council-results", _("List of council results"), "xlsx", lists.council_results),
        Report("awards", _("List of awards with amounts"), "xlsx", lists.awards),
        Report("fund", _("Award fund report"), "xlsx", _fund),
    ]
}


def report_build(name, *, organisation_id, year):
    """The report's bytes and its file name."""
    report = REPORTS[name]
    return report.build(organisation_id, year), f"{name}-{year}.{report.ext}"
