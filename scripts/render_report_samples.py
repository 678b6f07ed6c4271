"""Render the first page of the demo's 2025 year-end report (DOCX), of its fund report (XLSX) and the 2026 form
0601.N of Circular 02/2023/TT-BNV (XLSX) to PNG under docs/.

No office suite is needed: the document's paragraphs and tables are laid out as an A4 HTML page in Liberation Serif
(the font our PDFs embed) and Debian's Chromium takes the screenshot. Run on a database seeded by ``seed_demo``:

    DATABASE_URL=... .venv/bin/python scripts/render_report_samples.py [year-end] [fund] [statistics-0601]

(no name: all three).
"""

import html
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from docx import Document  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from domain.reports.registry import report_build  # noqa: E402
from ground.organisation.models import Organisation  # noqa: E402

FONTS = ROOT / "ground" / "printing" / "fonts"
STYLE = f"""
@font-face {{ font-family: Serif; src: url('file://{FONTS}/LiberationSerif-Regular.ttf'); }}
@font-face {{ font-family: Serif; font-weight: bold; src: url('file://{FONTS}/LiberationSerif-Bold.ttf'); }}
body {{ margin: 0; background: #888; }}
.landscape {{ width: 297mm !important; min-height: 210mm !important; padding: 15mm !important; }}
.page {{ width: 210mm; min-height: 297mm; box-sizing: border-box; padding: 20mm 20mm 20mm 30mm; background: white;
        font-family: Serif; font-size: 13pt; line-height: 1.35; }}
p {{ margin: 0 0 6pt; text-align: justify; }} .c {{ text-align: center; }}
table {{ border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 12pt; }}
table.grid td, table.grid th {{ border: 1px solid #000; padding: 2pt 4pt; }}
"""


def _runs(paragraph):
    out = []
    for run in paragraph.runs:
        text = html.escape(run.text).replace("\n", "<br>")
        out.append(f"<b>{text}</b>" if run.bold else text)
    return "".join(out)


def docx_html(data):
    doc = Document(io.BytesIO(data))
    body = doc.element.body
    parts = []
    paragraphs = {p._p: p for p in doc.paragraphs}
    tables = {t._tbl: t for t in doc.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            centred = p.alignment is not None and int(p.alignment) == 1
            indent = " style='text-indent:1cm'" if p.paragraph_format.first_line_indent else ""
            parts.append(f"<p class='{'c' if centred else ''}'{indent}>{_runs(p) or '&nbsp;'}</p>")
        elif child in tables:
            t = tables[child]
            grid = "grid" if t.style is not None and t.style.name == "Table Grid" else ""
            rows = []
            for row in t.rows:
                cells = []
                for cell in row.cells:
                    inner = "".join(
                        f"<div class='{'c' if (p.alignment is not None and int(p.alignment) == 1) else ''}'>"
                        f"{_runs(p)}</div>"
                        for p in cell.paragraphs
                    )
                    cells.append(f"<td>{inner}</td>")
                rows.append(f"<tr>{''.join(cells)}</tr>")
            parts.append(f"<table class='{grid}'>{''.join(rows)}</table>")
    return "".join(parts)


def xlsx_html(data, max_row=18):
    book = load_workbook(io.BytesIO(data))
    parts = []
    for sheet in book.worksheets:
        parts.append(f"<p><b>{html.escape(sheet.title)}</b></p><table class='grid'>")
        for row in sheet.iter_rows(values_only=True, max_row=max_row):  # the first page's worth
            if all(v is None for v in row):
                continue
            cells = "".join(
                f"<td style='text-align:{'right' if isinstance(v, int) else 'left'}'>"
                f"{html.escape(f'{v:,}'.replace(',', '.') if isinstance(v, int) else str(v if v is not None else ''))}"
                "</td>"
                for v in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    return "".join(parts)


def shoot(browser, body, path, landscape=False):
    page = browser.new_page(viewport={"width": 1200, "height": 1200}, device_scale_factor=1.5)
    page.set_content(
        f"<html><head><meta charset='utf-8'><style>{STYLE}</style></head>"
        f"<body><div class='page{' landscape' if landscape else ''}'>{body}</div></body></html>"
    )
    page.wait_for_timeout(300)
    page.locator(".page").screenshot(path=str(path))
    page.close()


SAMPLES = {
    "year-end": (2025, "year-end-report-sample.png", lambda data: docx_html(data), False),
    "fund": (2025, "fund-report-sample.png", lambda data: xlsx_html(data), True),
    "statistics-0601": (2026, "statistics-0601-sample.png", lambda data: xlsx_html(data, max_row=40), True),
}


def main(names):
    org = Organisation.objects.get(code="TCT")
    pages = []  # built before the browser starts (the ORM refuses to run inside its event loop)
    for name in names or SAMPLES:
        year, filename, to_html, landscape = SAMPLES[name]
        data, _name = report_build(name, organisation_id=org.pk, year=year)
        pages.append((to_html(data), ROOT / "docs" / filename, landscape))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for body, path, landscape in pages:
            shoot(browser, body, path, landscape=landscape)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
