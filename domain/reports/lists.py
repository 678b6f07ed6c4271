"""Excel lists of a period: registrations, nominations, council results, awards with amounts."""

from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from domain.council.models import Ballot
from domain.dossiers.models import AwardRecord, Dossier
from domain.emulation.models import Registration
from ground.organisation.models import Organisation
from ground.printing.sheets import Book


def _dmy(day):
    return date_format(day, "d/m/Y") if day else ""


def _book(organisation_id, title, headers, rows, widths):
    org = Organisation.objects.get(pk=organisation_id)
    book = Book()
    book.sheet(title, heading=[org.name.upper(), title.upper()], headers=headers, rows=rows, widths=widths)
    return book.bytes()


def registrations(organisation_id, year):
    qs = (
        Registration.objects.filter(organisation_id=organisation_id, year=year)
        .select_related("department", "person", "movement")
        .order_by("department__name", "person__full_name", "pk")
    )
    rows = [
        [
            i,
            r.department.name,
            r.person.full_name if r.person else _("(the department)"),
            r.award_code,
            r.movement.theme if r.movement else "",
        ]
        for i, r in enumerate(qs, start=1)
    ]
    return _book(
        organisation_id,
        _("Registrations %(year)s") % {"year": year},
        [_("Serial number"), _("Department"), _("Nominee"), _("Award code"), _("Movement")],
        rows,
        [6, 34, 30, 16, 40],
    )


def _dossiers(organisation_id, year):
    return (
        Dossier.objects.filter(organisation_id=organisation_id, period__year=year)
        .select_related("department", "nominee_person", "nominee_department", "award")
        .order_by("reference")
    )


def nominations(organisation_id, year):
    rows = [
        [
            i,
            d.reference,
            d.department.name,
            str(d.nominee),
            d.award.name_vi,
            d.get_status_display(),
            _dmy(d.submitted_at.date() if d.submitted_at else None),
        ]
        for i, d in enumerate(_dossiers(organisation_id, year), start=1)
    ]
    return _book(
        organisation_id,
        _("Nominations %(year)s") % {"year": year},
        [
            _("Serial number"),
            _("Reference"),
            _("Nominating department"),
            _("Nominee"),
            _("Award"),
            _("Status"),
            _("Submitted on"),
        ],
        rows,
        [6, 18, 30, 30, 34, 34, 14],
    )


def council_results(organisation_id, year):
    """Closed ballots only: tallies are never shown while a vote is open."""
    ballots = Ballot.objects.filter(status=Ballot.Status.CLOSED).select_related("session").order_by("position")
    dossiers = _dossiers(organisation_id, year).filter(ballots__status=Ballot.Status.CLOSED).distinct()
    dossiers = dossiers.prefetch_related(Prefetch("ballots", queryset=ballots, to_attr="closed"))
    rows = []
    for d in dossiers:
        for b in d.closed:
            result = _("Selected") if b.passed and not b.quota_cut else _("Not selected")
            rows.append(
                [
                    len(rows) + 1,
                    _dmy(b.session.meeting_date),
                    d.reference,
                    str(d.nominee),
                    d.award.name_vi,
                    b.approvals,
                    b.rejections,
                    b.base_count,
                    result,
                ]
            )
    return _book(
        organisation_id,
        _("Council results %(year)s") % {"year": year},
        [
            _("Serial number"),
            _("Meeting date"),
            _("Reference"),
            _("Nominee"),
            _("Award"),
            _("Approving votes"),
            _("Rejecting votes"),
            _("Votes measured against"),
            _("Result"),
        ],
        rows,
        [6, 14, 18, 30, 34, 12, 12, 14, 16],
    )


def awards(organisation_id, year):
    qs = (
        AwardRecord.objects.filter(organisation_id=organisation_id, year=year)
        .select_related("person__department", "department", "award")
        .order_by("decision_date", "decision_number", "pk")
    )
    rows = [
        [
            i,
            r.decision_number,
            _dmy(r.decision_date),
            str(r.person or r.department),
            r.person.department.name if r.person else "",
            r.award.name_vi,
            r.get_method_display(),
            r.amount,
        ]
        for i, r in enumerate(qs, start=1)
    ]
    return _book(
        organisation_id,
        _("Awards %(year)s") % {"year": year},
        [
            _("Serial number"),
            _("Decision"),
            _("Decision date"),
            _("Awardee"),
            _("Unit"),
            _("Award"),
            _("Method"),
            _("Amount (VND)"),
        ],
        rows,
        [6, 16, 14, 30, 30, 34, 16, 16],
    )
