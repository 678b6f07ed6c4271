"""Importing the award history of past years from the spreadsheets the secretariat keeps (one award per row).

All or nothing: a file with any bad row changes nothing and every bad row is named with its reason. Rows already
in the history are skipped, so importing the same file twice adds nothing.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from domain.dossiers.models import AwardRecord
from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.selectors import staff_of

from . import spreadsheets
from .models import Rating, YearlyRating
from .policies import require_import_history
from .spreadsheets import RowError

HEADERS = [
    gettext_lazy("Year"),
    gettext_lazy("Award code"),
    gettext_lazy("Full name (empty for a collective)"),
    gettext_lazy("Department code"),
    gettext_lazy("Decision number"),
    gettext_lazy("Decision date (dd/mm/yyyy)"),
]


def award_history_template():
    """An empty workbook with the expected columns, as bytes."""
    return spreadsheets.workbook("khen-thuong", HEADERS)


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def _award_record(names, values):
    year, code, name, dept_code, number, day = (list(values) + [None] * 6)[:6]
    year = int(year)
    subject = names.subject(name, dept_code)
    award = names.award(code, year, subject)
    if not str(number or "").strip():
        raise RowError(_("the decision number is missing"))
    return AwardRecord(
        organisation_id=names.organisation_id,
        award=award,
        year=year,
        decision_number=str(number).strip(),
        decision_date=_date(day),
        **subject,
    )


def _rating(names, values):
    year, name, dept_code, rating = (list(values) + [None] * 4)[:4]
    rating = str(rating or "").strip().upper()
    if rating not in Rating.values:
        raise RowError(_("the rating must be one of: %(codes)s") % {"codes": ", ".join(Rating.values)})
    return YearlyRating(
        organisation_id=names.organisation_id, year=int(year), rating=rating, **names.subject(name, dept_code)
    )


def _read(staff, uploaded, parse):
    names = spreadsheets.Names(staff.organisation_id)
    bad = _("the year must be a number and the date written dd/mm/yyyy")
    return spreadsheets.read(uploaded, lambda values: parse(names, values), bad_value=bad)


def award_history_import(*, acting_user, uploaded):
    """Nhập lịch sử khen thưởng: add the file's awards to the history of the user's organisation."""
    require_import_history(acting_user)
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    records = _read(staff, uploaded, _award_record)
    with transaction.atomic():
        existing = set(
            AwardRecord.objects.filter(organisation=staff.organisation).values_list(
                "person_id", "department_id", "award__code", "year"
            )
        )
        new = []
        for r in records:
            key = (r.person_id, r.department_id, r.award.code, r.year)
            if key not in existing:
                existing.add(key)
                new.append(r)
        AwardRecord.objects.bulk_create(new)
        record_event(
            actor=acting_user,
            action="award_history_imported",
            data={"file": getattr(uploaded, "name", ""), "rows": len(records), "added": len(new)},
        )
    return {"rows": len(records), "added": len(new), "skipped": len(records) - len(new)}


RATING_HEADERS = [
    gettext_lazy("Year"),
    gettext_lazy("Full name (empty for a collective)"),
    gettext_lazy("Department code"),
    gettext_lazy("Rating (HTXSNV, HTTNV, HTNV, KHTNV)"),
]


def ratings_template():
    return spreadsheets.workbook("xep-loai", RATING_HEADERS)


def ratings_import(*, acting_user, uploaded):
    """Nhập kết quả xếp loại hằng năm: a rating already entered for that year and nominee is replaced."""
    require_import_history(acting_user)
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    ratings = _read(staff, uploaded, _rating)
    with transaction.atomic():
        for r in ratings:  # one by one: each change is traced with its before and after (audit's watch)
            subject = {"person": r.person} if r.person_id else {"department": r.department}
            YearlyRating.objects.update_or_create(
                year=r.year, **subject, defaults={"rating": r.rating, "organisation_id": r.organisation_id}
            )
        record_event(
            actor=acting_user,
            action="ratings_imported",
            data={"file": getattr(uploaded, "name", ""), "rows": len(ratings)},
        )
    return {"rows": len(ratings)}
