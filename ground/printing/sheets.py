"""Workbooks for people to read: titled sheets, bold headers, widths; every cell through ``safe_cell`` (never a
formula)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .spreadsheets import safe_cell as safe


class Book:
    def __init__(self):
        self.book = Workbook()
        self._first = True

    def sheet(self, title, *, heading=(), headers=(), rows=(), widths=(), footer=()):
        """A sheet: heading lines (bold), a header row (bold, wrapped), the rows, footer lines."""
        if self._first:
            ws = self.book.active
            ws.title = title[:31]
            self._first = False
        else:
            ws = self.book.create_sheet(title[:31])
        for line in heading:
            ws.append([safe(str(line))])
            ws.cell(ws.max_row, 1).font = Font(bold=True)
        if headers:
            ws.append([safe(str(h)) for h in headers])
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in rows:
            ws.append([safe(v) for v in row])
        for line in footer:
            ws.append([safe(str(line))])
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[ws.cell(1, index).column_letter].width = width
        return ws

    def bytes(self):
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
