"""A small layer over ReportLab: Vietnamese-capable fonts, page numbers, and a few building blocks.

The DejaVu fonts ship with the code (``fonts/``, Bitstream Vera licence) so a PDF looks the same on every machine.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parent / "fonts"


@cache
def _fonts():
    pdfmetrics.registerFont(TTFont("DejaVu", FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", FONTS / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold")
    return True


@cache
def register_serif():
    """Liberation Serif (Times New Roman's metrics, every Vietnamese letter); returns the registered names."""
    names = {
        "regular": ("Serif", "LiberationSerif-Regular.ttf"),
        "bold": ("Serif-Bold", "LiberationSerif-Bold.ttf"),
        "italic": ("Serif-Italic", "LiberationSerif-Italic.ttf"),
        "bold_italic": ("Serif-BoldItalic", "LiberationSerif-BoldItalic.ttf"),
    }
    for name, filename in names.values():
        pdfmetrics.registerFont(TTFont(name, FONTS / filename))
    pdfmetrics.registerFontFamily(
        "Serif", normal="Serif", bold="Serif-Bold", italic="Serif-Italic", boldItalic="Serif-BoldItalic"
    )
    return {key: name for key, (name, _file) in names.items()}


@cache
def styles():
    _fonts()
    body = ParagraphStyle("body", fontName="DejaVu", fontSize=9, leading=12)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName="DejaVu-Bold", fontSize=14, leading=18, alignment=TA_CENTER
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName="DejaVu-Bold", fontSize=11, leading=15, spaceBefore=8
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5),
    }


def para(text, style="body"):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), styles()[style])


def table(header, rows, widths):
    """A table whose cells wrap; ``widths`` in millimetres."""
    data = [[para(h, "cell") for h in header]] + [[para(c, "cell") for c in row] for row in rows]
    t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def render(flowables, *, title, footer=""):
    """The PDF's bytes: A4, ``footer`` and the page number at the bottom of each page."""
    _fonts()
    buffer = io.BytesIO()

    def decorate(canvas, doc):
        canvas.saveState()
        canvas.setFont("DejaVu", 7)
        canvas.drawString(15 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
    )
    doc.build([*flowables, Spacer(0, 0)], onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
