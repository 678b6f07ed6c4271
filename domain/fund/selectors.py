"""Reads of the fund: the balance at any date, the year's ledger, one decision's payroll (fixed query counts)."""

from collections import OrderedDict
from datetime import date

from django.db.models import Q, Sum

from .models import FundIncome, Payout


def _sum(qs, field="amount"):
    return qs.aggregate(total=Sum(field))["total"] or 0


def paid_out_q(on):
    """Lines paid on or before ``on`` and not reversed by then (money recovered leaves the payouts)."""
    return Q(paid_on__lte=on) & (Q(reversed_on__isnull=True) | Q(reversed_on__gt=on))


def fund_balance(organisation_id, on):
    """``{"income", "paid", "balance"}`` at the end of the day ``on`` (two queries)."""
    income = _sum(FundIncome.objects.filter(organisation_id=organisation_id, received_on__lte=on))
    paid = _sum(Payout.objects.filter(paid_out_q(on), organisation_id=organisation_id))
    return {"income": income, "paid": paid, "balance": income - paid}


def fund_year(organisation_id, year, on=None):
    """The year's income lines, payout lines grouped by decision, the year's totals (of those lines only) and the
    fund's running balance, across the years, at the end of the day ``on`` (31/12 of the year when not given); the
    one read of a year's page and report (four queries)."""
    on = on or date(year, 12, 31)
    incomes = list(FundIncome.objects.filter(organisation_id=organisation_id, year=year))
    payouts = list(Payout.objects.filter(organisation_id=organisation_id, year=year))
    decisions = OrderedDict()
    for p in payouts:
        d = decisions.setdefault(
            p.decision_number,
            {"number": p.decision_number, "date": p.decision_date, "lines": [], "due": 0, "paid": 0, "reversed": 0},
        )
        d["lines"].append(p)
        d[p.status] += p.amount
    totals = {
        "income": sum(i.amount for i in incomes),
        "budget": sum(i.amount for i in incomes if i.source == FundIncome.Source.BUDGET),
        "other": sum(i.amount for i in incomes if i.source == FundIncome.Source.OTHER),
        "due": sum(d["due"] for d in decisions.values()),
        "paid": sum(d["paid"] for d in decisions.values()),
        "reversed": sum(d["reversed"] for d in decisions.values()),
    }
    return {
        "year": year,
        "incomes": incomes,
        "decisions": list(decisions.values()),
        "totals": totals,
        "on": on,
        "balance": fund_balance(organisation_id, on),
    }


def payroll(organisation_id, decision_number):
    """The lines of one decision in the order of the decision's list (one query)."""
    return list(Payout.objects.filter(organisation_id=organisation_id, decision_number=decision_number).order_by("pk"))
