"""Rows of the year's cycle built directly, as the administrator or a past year would have left them."""

from datetime import date

from domain.dossiers.models import AwardRecord, Dossier
from domain.dossiers.services.dossiers import award_for_period
from domain.emulation.models import Movement
from ground.organisation.models import Period


def movement(org, kind="regular", theme="Phong trào", year=2026, **extra):
    return Movement.objects.create(
        organisation=org, kind=kind, theme=theme, start=date(year, 1, 1), end=date(year, 12, 31), **extra
    )


def dossier(people, person, code, year=2026, status="draft", ref=None):
    period, _ = Period.objects.get_or_create(organisation=people["org"], year=year)
    return Dossier.objects.create(
        organisation=people["org"],
        reference=ref or f"T-{code}-{person.pk}-{year}",
        period=period,
        award=award_for_period(code, period),
        department=person.department,
        nominee_person=person,
        status=status,
        created_by=people["admin"],
    )


def award(people, person, code, year, *, amount=None, dossier_obj=None, number=None, day=None):
    return AwardRecord.objects.create(
        organisation=people["org"],
        person=person,
        award=award_for_period(code, Period(year=year)),
        year=year,
        decision_number=number or f"{year}/QĐ-TCT",
        decision_date=day or date(year, 12, 20),
        amount=amount,
        dossier=dossier_obj,
    )
