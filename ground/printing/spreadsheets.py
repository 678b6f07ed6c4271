"""The one way rows leave the system as a spreadsheet (CSV or Excel), wherever they are exported.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be read by a spreadsheet
program as a formula (``=HYPERLINK(...)`` in a withdraw reason, a file named ``=1+1.pdf``): such text is written
with a leading apostrophe, so it is shown as typed and never evaluated. Numbers and dates are left as they are.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unquote_cell(value):
    """A cell read back from one of our files: the apostrophe ``safe_cell`` added is dropped."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


class _Echo:
    def write(self, value):
        return value


def csv_lines(headers, rows):
    """CSV lines, streamed; a BOM first so Excel reads the Vietnamese correctly."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(safe_row(headers))
    for row in rows:
        yield writer.writerow(safe_row(row))


def xlsx_bytes(title, headers, rows=()):
    """An .xlsx file as bytes: a header row, then ``rows``, every text cell neutralised."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(safe_row(str(h) for h in headers))
    for row in rows:
        sheet.append(safe_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
