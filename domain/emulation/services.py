"""Registrations (đăng ký thi đua): a department head registers the titles its staff and itself aim for, until the
year's deadline; the secretariat imports the spreadsheets it still receives; everyone exports the list to Excel."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from domain.dossiers import policies as dossier_policies
from domain.dossiers.services.dossiers import award_for_period
from domain.records import spreadsheets
from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.models import Period, StaffMember
from ground.organisation.selectors import staff_of

from . import policies
from .models import Movement, Registration, RegistrationDeadline


def registration_deadline(organisation_id, year):
    return (
        RegistrationDeadline.objects.filter(organisation_id=organisation_id, year=year)
        .values_list("deadline", flat=True)
        .first()
    )


def registration_is_open(organisation_id, year):
    """Open until the end of the deadline day; without a deadline set, open."""
    deadline = registration_deadline(organisation_id, year)
    return deadline is None or timezone.localdate() <= deadline


def _award(code, year, kind):
    award = award_for_period(code, Period(year=year))
    if not award.accepts(kind):
        raise errors.InvalidInput(errors={"award": [_("This award is not given to this kind of nominee.")]})
    return award


def _registration_movement(organisation_id, movement_id, year, department):
    """The movement a registration answers, checked: of the unit, running in the year, open to the department (its
    target units, none meaning every unit), its registration window open today."""
    if movement_id is None:
        return None
    movement = (
        Movement.objects.filter(organisation_id=organisation_id, pk=movement_id)
        .prefetch_related("target_departments")
        .first()
    )
    if movement is None or movement.start.year > year or (movement.end and movement.end.year < year):
        raise errors.InvalidInput(errors={"movement": [_("Choose a movement of this year.")]})
    if not movement.open_to(department.pk):
        units = ", ".join(sorted(d.name for d in movement.target_departments.all()))
        text = _(
            "The movement “%(movement)s” is only for its target units (%(units)s); %(department)s is not one of "
            "them and cannot register for it."
        ) % {"movement": movement.theme, "units": units, "department": department.name}
        raise errors.NotInTargetUnits(text, errors={"movement": [text]})
    if not movement.registration_open_on(timezone.localdate()):
        raise errors.RegistrationClosed(_window_message(movement), errors={"movement": [_window_message(movement)]})
    return movement


def _window_message(movement):
    opens, closes = movement.registration_opens, movement.registration_closes
    day = lambda d: date_format(d, "d/m/Y")  # noqa: E731
    if opens and closes:
        return _("Registration for this movement is open from %(opens)s to %(closes)s, not today.") % {
            "opens": day(opens),
            "closes": day(closes),
        }
    if opens:
        return _("Registration for this movement opens on %(opens)s.") % {"opens": day(opens)}
    return _("Registration for this movement closed on %(closes)s.") % {"closes": day(closes)}


def registration_save(*, acting_user, year, choices, movement_id=None):
    """Replace the department's registrations for a year. ``choices`` maps a StaffMember id, or None for the
    department itself, to an award code ("" for nothing); ``movement_id`` links them to the movement they answer
    (its registration window must be open)."""
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    dossier_policies.require_nominate(acting_user, staff.department)
    movement = _registration_movement(staff.organisation_id, movement_id, year, staff.department)
    deadline = registration_deadline(staff.organisation_id, year)
    if deadline is not None and timezone.localdate() > deadline:
        raise errors.RegistrationClosed(
            _("Registrations for %(year)s closed on %(date)s.") % {"year": year, "date": date_format(deadline, "d/m/Y")}
        )
    members = {m.pk: m for m in StaffMember.objects.filter(department_id=staff.department_id, is_active=True)}
    rows, problems = [], {}
    for person_id, code in choices.items():
        if not code:
            continue
        person = members.get(person_id) if person_id is not None else None
        if person_id is not None and person is None:
            raise errors.InvalidInput(errors={"nominee": [_("Choose a member of your department.")]})
        try:
            _award(code, year, "person" if person else "department")
        except errors.DomainError as exc:
            problems[f"n_{person_id or 'dept'}"] = sum(exc.errors.values(), [])
            continue
        rows.append(
            Registration(
                organisation_id=staff.organisation_id,
                year=year,
                department_id=staff.department_id,
                person=person,
                award_code=code,
                movement=movement,
                registered_by=acting_user,
            )
        )
    if problems:
        raise errors.InvalidInput(errors=problems)
    with transaction.atomic():
        current = Registration.objects.filter(year=year, department_id=staff.department_id)
        before = {_key(r): r.award_code for r in current.select_related("person")}
        current.delete()
        Registration.objects.bulk_create(rows)
        after = {_key(r): r.award_code for r in rows}
        record_event(
            actor=acting_user,
            action="registration_saved",
            obj=staff.department,
            changes={
                k: [before.get(k), after.get(k)]
                for k in sorted(set(before) | set(after))
                if before.get(k) != after.get(k)
            },
            data={"year": year, "count": len(rows)},
        )
    return rows


def _key(registration):
    return registration.person.full_name if registration.person_id else str(_("(the department)"))


# --- Excel -----------------------------------------------------------------------------------------------------

HEADERS = [
    gettext_lazy("Year"),
    gettext_lazy("Department code"),
    gettext_lazy("Department"),
    gettext_lazy("Full name (empty for a collective)"),
    gettext_lazy("Award code"),
]


def registrations_export(registrations):
    rows = (
        [r.year, r.department.code, r.department.name, r.person.full_name if r.person else "", r.award_code]
        for r in registrations
    )
    return spreadsheets.workbook("dang-ky", HEADERS, rows)


def registrations_import(*, acting_user, uploaded):
    """The secretariat imports registrations received as spreadsheets (the export's columns). All or nothing;
    a nominee already registered for the year gets the file's title."""
    policies.require_import_registrations(acting_user)
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    names = spreadsheets.Names(staff.organisation_id)

    def parse(values):
        year, dept_code, _name, full_name, code = (list(values) + [None] * 5)[:5]
        subject = names.subject(full_name, dept_code)
        award = names.award(code, int(year), subject)
        person = subject.get("person")
        return int(year), person.department if person else subject["department"], person, award.code

    parsed = spreadsheets.read(uploaded, parse, bad_value=_("the year must be a number"))
    with transaction.atomic():
        for year, dept, person, code in parsed:
            Registration.objects.update_or_create(
                year=year,
                department=dept,
                person=person,
                defaults={"award_code": code, "organisation_id": staff.organisation_id, "registered_by": acting_user},
            )
        record_event(
            actor=acting_user,
            action="registrations_imported",
            data={"file": getattr(uploaded, "name", ""), "rows": len(parsed)},
        )
    return len(parsed)
