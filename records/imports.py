"""Importing the award history of past years from the spreadsheets the secretariat keeps (one award per row).

All or nothing: a file with any bad row changes nothing and every bad row is named with its reason. Rows already
in the history are skipped, so importing the same file twice adds nothing.
"""

import io
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from audit.services import record_event
from dossiers import errors, policies
from dossiers.models import AwardRecord, Department, Period, StaffMember
from dossiers.services.dossiers import award_for_period

from .models import Rating, YearlyRating
from .policies import require_import_history

HEADERS = [
    gettext_lazy("Year"),
    gettext_lazy("Award code"),
    gettext_lazy("Full name (empty for a collective)"),
    gettext_lazy("Department code"),
    gettext_lazy("Decision number"),
    gettext_lazy("Decision date (dd/mm/yyyy)"),
]
MAX_ROWS = 5000


def award_history_template():
    """An empty workbook with the expected columns, as bytes."""
    return _template("khen-thuong", HEADERS)


def _template(title, headers):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([str(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


class RowError(Exception):
    """A row's problem, in words for the secretariat."""


class _Rows:
    """Resolves names and codes of one organisation, with a fixed number of queries for the whole file."""

    def __init__(self, organisation):
        self.organisation = organisation
        self.departments = {d.code: d for d in Department.objects.filter(organisation=organisation)}
        self.people = {}
        for person in StaffMember.objects.filter(organisation=organisation):
            self.people.setdefault((person.department_id, person.full_name.strip().casefold()), []).append(person)
        self.awards = {}

    def award(self, code, year):
        if (code, year) not in self.awards:
            self.awards[code, year] = award_for_period(code, Period(year=year))
        return self.awards[code, year]

    def subject(self, name, dept_code):
        """``{"person": ...}`` when a name is given, else ``{"department": ...}``."""
        dept = self.departments.get(str(dept_code or "").strip())
        if dept is None:
            raise RowError(_("unknown department code %(code)s") % {"code": dept_code})
        if not (name and str(name).strip()):
            return {"department": dept}
        found = self.people.get((dept.pk, str(name).strip().casefold()), [])
        if len(found) != 1:
            raise RowError(_("no single staff member named %(name)s in %(dept)s") % {"name": name, "dept": dept})
        return {"person": found[0]}

    def award_record(self, values):
        year, code, name, dept_code, number, day = (list(values) + [None] * 6)[:6]
        year = int(year)
        subject = self.subject(name, dept_code)
        award = self.award(str(code or "").strip().upper(), year)
        if not award.accepts("person" if "person" in subject else "department"):
            raise RowError(_("this award is not given to this kind of nominee"))
        if not str(number or "").strip():
            raise RowError(_("the decision number is missing"))
        return AwardRecord(
            organisation=self.organisation,
            award=award,
            year=year,
            decision_number=str(number).strip(),
            decision_date=_date(day),
            **subject,
        )

    def rating(self, values):
        year, name, dept_code, rating = (list(values) + [None] * 4)[:4]
        rating = str(rating or "").strip().upper()
        if rating not in Rating.values:
            raise RowError(_("the rating must be one of: %(codes)s") % {"codes": ", ".join(Rating.values)})
        return YearlyRating(
            organisation=self.organisation, year=int(year), rating=rating, **self.subject(name, dept_code)
        )


def _read(organisation, uploaded, parse):
    try:
        sheet = load_workbook(uploaded, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, values_only=True))
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise errors.InvalidInput(errors={"file": [_("This is not an Excel (.xlsx) workbook.")]}) from exc
    parser, records, problems = _Rows(organisation), [], []
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        try:
            records.append(parse(parser, values))
        except RowError as exc:
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": exc})
        except errors.DomainError as exc:  # an award code unknown for that year
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": _first_error(exc)})
        except (TypeError, ValueError):
            reason = _("the year must be a number and the date written dd/mm/yyyy")
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": reason})
    if problems:
        raise errors.InvalidInput(_("Nothing was imported: correct these rows."), errors={"file": problems})
    return records


def _first_error(exc):
    for messages in exc.errors.values():
        return messages[0]
    return str(exc.message)


def award_history_import(*, acting_user, uploaded):
    """Nhập lịch sử khen thưởng: add the file's awards to the history of the user's organisation."""
    require_import_history(acting_user)
    staff = policies.staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    records = _read(staff.organisation, uploaded, _Rows.award_record)
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
    return _template("xep-loai", RATING_HEADERS)


def ratings_import(*, acting_user, uploaded):
    """Nhập kết quả xếp loại hằng năm: a rating already entered for that year and nominee is replaced."""
    require_import_history(acting_user)
    staff = policies.staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    ratings = _read(staff.organisation, uploaded, _Rows.rating)
    with transaction.atomic():
        for r in ratings:  # one by one: each change is traced with its before and after (audit's watch)
            subject = {"person": r.person} if r.person_id else {"department": r.department}
            YearlyRating.objects.update_or_create(
                year=r.year, **subject, defaults={"rating": r.rating, "organisation": r.organisation}
            )
        record_event(
            actor=acting_user,
            action="ratings_imported",
            data={"file": getattr(uploaded, "name", ""), "rows": len(ratings)},
        )
    return {"rows": len(ratings)}
