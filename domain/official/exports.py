"""The outgoing register as an Excel sheet (a cell never starts a formula)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def register_xlsx(entries):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Outgoing register"))
    sheet.append(
        [
            _("No."),
            _("Number and symbol"),
            _("Date"),
            _("Type"),
            _("Subject"),
            _("Signer"),
            _("Recipients"),
            _("Status"),
            _("Registered by hand"),
        ]
    )
    for i, e in enumerate(entries.iterator(chunk_size=2000), 1):
        sheet.append(
            [
                i,
                _cell(e.symbol),
                e.issued_on.strftime("%d/%m/%Y"),
                _cell(e.doc_type),
                _cell(e.subject),
                _cell(e.signer),
                _cell(e.recipients),
                str(e.get_status_display()),
                _("yes") if e.manual else "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
