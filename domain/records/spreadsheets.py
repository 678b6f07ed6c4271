"""The secretariat's spreadsheets, in one place: writing a workbook, reading one all or nothing, and resolving the
names and codes written in it (departments by code, staff by name within their department, awards per year).
"""

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from domain.dossiers.services.dossiers import award_for_period
from ground.base import errors
from ground.organisation.models import Department, Period, StaffMember
from ground.printing import spreadsheets

MAX_ROWS = 5000


class RowError(Exception):
    """A row's problem, in words for the secretariat."""


def workbook(title, headers, rows=()):
    """An .xlsx file as bytes: a header row, then ``rows`` (formulas neutralised by printing.spreadsheets)."""
    return spreadsheets.xlsx_bytes(title, headers, rows)


def read(uploaded, parse, *, bad_value):
    """``parse(values)`` of every non-empty row after the header. Any bad row: InvalidInput naming each bad row
    (``bad_value`` for a value of the wrong type), and nothing is returned."""
    try:
        sheet = load_workbook(uploaded, read_only=True, data_only=True).active
        rows = list(sheet.iter_rows(min_row=2, max_row=MAX_ROWS + 1, values_only=True))
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise errors.InvalidInput(errors={"file": [_("This is not an Excel (.xlsx) workbook.")]}) from exc
    items, problems = [], []
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        try:
            items.append(parse([spreadsheets.unquote_cell(v) for v in values]))
        except RowError as exc:
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": exc})
        except errors.DomainError as exc:  # e.g. an award code unknown for that year
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": _first_error(exc)})
        except (TypeError, ValueError):
            problems.append(_("Row %(row)s: %(error)s") % {"row": number, "error": bad_value})
    if problems:
        raise errors.InvalidInput(_("Nothing was imported: correct these rows."), errors={"file": problems})
    return items


def _first_error(exc):
    for messages in exc.errors.values():
        return messages[0]
    return str(exc.message)


class Names:
    """Looks up one organisation's departments, staff and awards with a fixed number of queries per file."""

    def __init__(self, organisation_id):
        self.organisation_id = organisation_id
        self.departments = {d.code: d for d in Department.objects.filter(organisation_id=organisation_id)}
        self.people = {}
        for person in StaffMember.objects.filter(organisation_id=organisation_id):
            self.people.setdefault((person.department_id, person.full_name.strip().casefold()), []).append(person)
        self.awards = {}

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

    def award(self, code, year, subject):
        """The award of that code in force for the year, given to this kind of nominee."""
        code = str(code or "").strip().upper()
        if (code, year) not in self.awards:
            self.awards[code, year] = award_for_period(code, Period(year=year))
        award = self.awards[code, year]
        if not award.accepts("person" if "person" in subject else "department"):
            raise RowError(_("this award is not given to this kind of nominee"))
        return award
