"""Tiền thưởng: coefficient × base salary in force on the decision date, rounded up to the nearest 10,000 VND."""

from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from ground.base import errors, reference

from .models import BaseSalary

ROUND_TO = 10_000


def _from(row):
    return row.effective_from


def base_salary_on(day):
    salary = max((s for s in reference.rows(BaseSalary) if s.effective_from <= day), key=_from, default=None)
    if salary is None:
        raise errors.InvalidInput(_("No base salary is recorded for %(date)s.") % {"date": day.strftime("%d/%m/%Y")})
    return salary.amount


def award_amount(award, *, collective, base_salary):
    """The amount in VND for one awardee; a collective gets the award's collective coefficient when it has one."""
    coefficient = award.collective_coefficient if collective and award.collective_coefficient else award.coefficient
    raw = Decimal(coefficient) * Decimal(base_salary)
    return int((raw / ROUND_TO).to_integral_value(rounding=ROUND_CEILING) * ROUND_TO)
