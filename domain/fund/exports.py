"""The fund's documents: a decision's payroll (danh sách chi trả, with a column for the awardee's signature) as
Excel and PDF, and the year's fund report as Excel."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ground.printing import pdf
from ground.printing.sheets import Book


def _dmy(day):
    return date_format(day, "d/m/Y") if day else ""


def _payroll_rows(lines):
    return [
        [i, p.payee, p.unit, p.award_name, p.amount, p.get_status_display(), _dmy(p.paid_on), ""]
        for i, p in enumerate(lines, start=1)
    ]


def _payroll_headers():
    return [
        _("Serial number"),
        _("Full name"),
        _("Unit"),
        _("Award"),
        _("Amount (VND)"),
        _("Status"),
        _("Paid on"),
        _("Signature of the recipient"),
    ]


def payroll_xlsx(organisation, decision_number, lines):
    live = [p for p in lines if p.status != "reversed"]
    book = Book()
    book.sheet(
        _("Payroll"),
        heading=[
            organisation.name.upper(),
            _("PAYROLL OF AWARD MONEY"),
            _("Decision %(number)s of %(date)s")
            % {"number": decision_number, "date": _dmy(lines[0].decision_date) if lines else ""},
        ],
        headers=_payroll_headers(),
        rows=_payroll_rows(live) + [["", _("Total"), "", "", sum(p.amount for p in live), "", "", ""]],
        widths=[6, 28, 30, 30, 16, 14, 12, 24],
    )
    return book.bytes()


def payroll_pdf(organisation, decision_number, lines):
    live = [p for p in lines if p.status != "reversed"]
    rows = [[str(c) if not isinstance(c, int) else f"{c:,}".replace(",", ".") for c in r] for r in _payroll_rows(live)]
    rows.append(["", _("Total"), "", "", f"{sum(p.amount for p in live):,}".replace(",", "."), "", "", ""])
    flowables = [
        pdf.para(organisation.name.upper(), "heading"),
        pdf.para(_("PAYROLL OF AWARD MONEY"), "title"),
        pdf.para(
            _("Decision %(number)s of %(date)s")
            % {"number": decision_number, "date": _dmy(lines[0].decision_date) if lines else ""}
        ),
        pdf.table(_payroll_headers(), rows, [9, 32, 30, 30, 20, 15, 16, 28]),
        pdf.para(" "),
        pdf.para(_("PREPARED BY") + " " * 60 + _("HEAD OF THE UNIT"), "heading"),
    ]
    return pdf.render(flowables, title=_("Payroll of award money"), footer=decision_number)


def fund_report_xlsx(organisation, ledger):
    totals, balance = ledger["totals"], ledger["balance"]
    book = Book()
    book.sheet(
        _("Fund report"),
        heading=[organisation.name.upper(), _("REPORT ON THE AWARD FUND, YEAR %(year)s") % {"year": ledger["year"]}],
        headers=[_("Item"), _("Amount (VND)")],
        rows=[
            [_("Income: state budget allocation"), totals["budget"]],
            [_("Income: other sources"), totals["other"]],
            [_("Total income"), totals["income"]],
            [_("Paid out"), totals["paid"]],
            [_("Due, not yet paid"), totals["due"]],
            [_("Reversed (cancelled or revoked awards)"), totals["reversed"]],
            [_("Balance on 31/12 (all income to date less payouts)"), balance["balance"]],
        ],
        widths=[60, 20],
    )
    book.sheet(
        _("Income"),
        headers=[_("Received on"), _("Source"), _("Document reference"), _("Description"), _("Amount (VND)")],
        rows=[
            [_dmy(i.received_on), i.get_source_display(), i.document, i.description, i.amount]
            for i in ledger["incomes"]
        ],
        widths=[14, 24, 30, 40, 18],
    )
    book.sheet(
        _("Payouts"),
        headers=[
            _("Decision"),
            _("Decision date"),
            _("Awardee"),
            _("Unit"),
            _("Award"),
            _("Amount (VND)"),
            _("Status"),
            _("Paid on"),
            _("Reason for reversing"),
        ],
        rows=[
            [
                p.decision_number,
                _dmy(p.decision_date),
                p.payee,
                p.unit,
                p.award_name,
                p.amount,
                p.get_status_display(),
                _dmy(p.paid_on),
                p.reversal_reason,
            ]
            for d in ledger["decisions"]
            for p in d["lines"]
        ],
        widths=[16, 14, 28, 30, 30, 16, 14, 12, 40],
    )
    return book.bytes()
