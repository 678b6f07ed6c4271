"""The decision and the submission letter as PDF, in the layout of Decree 30/2020/NĐ-CP (Phụ lục I):
national header and issuing body side by side, number and place-date, title and subject, grounds, body with the list
of awardees, signature block and "Nơi nhận". Liberation Serif stands in for Times New Roman (same metrics).
"""

import io
from xml.sax.saxutils import escape

from django.template import engines
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ground.printing.pdf import register_serif

from .amounts import award_amount, base_salary_on
from .defaults import DEFAULTS, HEADER
from .models import DocumentTemplate

NUMBER_PLACEHOLDER = "……"


def template_for(organisation, doc_type):
    """The unit's template, created from the defaults on first use; the administrator edits it afterwards."""
    defaults = {**DEFAULTS[doc_type], **{k: v.format(place=organisation.place.upper()) for k, v in HEADER.items()}}
    template, _ = DocumentTemplate.objects.get_or_create(
        organisation=organisation, doc_type=doc_type, defaults=defaults
    )
    return template


def vn_date(place, day):
    """'Lai Châu, ngày 05 tháng 02 năm 2026': a zero before days 1-9 and months 1-2 (Decree 30)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def vnd(amount):
    return f"{amount:,}".replace(",", ".")


def context(dossiers, *, day, symbol=None):
    """What a document says: its dossiers (one award), their awardees and amounts on ``day``."""
    first = dossiers[0]
    collective = first.nominee_kind == "department"
    base = base_salary_on(day)
    awardees = []
    for dossier in dossiers:
        person = dossier.nominee_person
        awardees.append(
            {
                "name": str(dossier.nominee),
                "unit": f"{person.position}, {dossier.department.name}" if person else dossier.organisation.name,
                "amount": award_amount(dossier.award, collective=collective, base_salary=base),
                "reference": dossier.reference,
            }
        )
    coefficient = first.award.collective_coefficient if collective and first.award.collective_coefficient else None
    return {
        "organisation": first.organisation,
        "award": first.award,
        "year": first.period.year,
        "dossiers": dossiers,
        "awardees": awardees,
        "collective": collective,
        "base_salary": vnd(base),
        "coefficient": coefficient or first.award.coefficient,
        "total": sum(a["amount"] for a in awardees),
        "symbol": symbol,
        "day": day,
    }


def _text(source, ctx):
    return engines["django"].from_string("{% autoescape off %}" + source + "{% endautoescape %}").render(ctx).strip()


def document_styles():
    font = register_serif()

    def style(name, **kw):
        base = {"fontName": font["regular"], "fontSize": 13, "leading": 17}
        return ParagraphStyle(name, **{**base, **kw})

    return {
        "c": style("c", alignment=TA_CENTER),
        "cb": style("cb", alignment=TA_CENTER, fontName=font["bold"]),
        "ci": style("ci", alignment=TA_CENTER, fontName=font["italic"]),
        "small_c": style("small_c", alignment=TA_CENTER, fontSize=12.5, leading=16),
        "small_cb": style("small_cb", alignment=TA_CENTER, fontSize=12.5, leading=16, fontName=font["bold"]),
        "title": style("title", alignment=TA_CENTER, fontName=font["bold"], fontSize=14, leading=18),
        "ground": style("ground", alignment=TA_JUSTIFY, fontName=font["italic"], firstLineIndent=10 * mm),
        "body": style("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4),
        "cell": style("cell", fontSize=12, leading=15, alignment=TA_LEFT),
        "cell_c": style("cell_c", fontSize=12, leading=15, alignment=TA_CENTER),
        "recv_head": style("recv_head", fontName=font["bold_italic"], fontSize=12, leading=15),
        "recv": style("recv", fontSize=11, leading=14),
    }


def para(text, style, styles):
    return Paragraph(escape(text), styles[style])


# Side-by-side blocks (header, signature): no borders, top-aligned, each line (and rule) centred in its column.
SIDE_BY_SIDE = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
]


def _header(template, ctx, styles, number_text):
    left = [
        para(template.parent_body, "small_c", styles),
        para(template.issuing_body, "small_cb", styles),
        HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
        para(f"Số: {number_text}", "small_c", styles),
    ]
    right = [
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "small_cb", styles),
        para("Độc lập - Tự do - Hạnh phúc", "cb", styles),
        HRFlowable(width="55%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
        para(vn_date(ctx["organisation"].place, ctx["day"]), "ci", styles),
    ]
    table = Table([[left, right]], colWidths=[65 * mm, 100 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return table


def _awardees_table(ctx, styles, with_amounts):
    head = ["TT", "Họ và tên" if not ctx["collective"] else "Tập thể", "Chức vụ, đơn vị"]
    if with_amounts:
        head.append("Số tiền (đồng)")
    rows = [[para(h, "cell_c", styles) for h in head]]
    for i, a in enumerate(ctx["awardees"], 1):
        row = [para(str(i), "cell_c", styles), para(a["name"], "cell", styles), para(a["unit"], "cell", styles)]
        if with_amounts:
            row.append(para(vnd(a["amount"]), "cell_c", styles))
        rows.append(row)
    if with_amounts:
        rows.append(
            [
                para("", "cell", styles),
                para("Tổng cộng", "cell", styles),
                para("", "cell", styles),
                para(vnd(ctx["total"]), "cell_c", styles),
            ]
        )
    widths = [12, 55, 65, 33] if with_amounts else [12, 63, 90]  # 165 mm: the text width
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def _signature(template, signer_name, styles):
    recipients = [para("Nơi nhận:", "recv_head", styles)] + [
        para(f"- {line.strip()}", "recv", styles) for line in template.recipients.splitlines() if line.strip()
    ]
    sign = [
        para(template.signer_title, "cb", styles),
        para("(Đã ký số)", "ci", styles),
        Spacer(0, 14 * mm),
        para(signer_name, "cb", styles),
    ]
    table = Table([[recipients, sign]], colWidths=[80 * mm, 85 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return KeepTogether([Spacer(0, 4 * mm), table])


def render_pdf(doc_type, dossiers, *, day, signer_name, symbol=None):
    """The document's PDF bytes; without ``symbol`` the number is left blank (a preview before signing)."""
    ctx = context(dossiers, day=day, symbol=symbol)
    template = template_for(ctx["organisation"], doc_type)
    styles = document_styles()
    number_text = symbol or f"{NUMBER_PLACEHOLDER}/{doc_type}-{ctx['organisation'].code}"
    story = [_header(template, ctx, styles, number_text), Spacer(0, 6 * mm)]
    story.append(para(_text(template.title, ctx), "title", styles))
    story.append(para(_text(template.subject, ctx), "cb", styles))
    story.append(HRFlowable(width="25%", thickness=0.6, color=colors.black, spaceBefore=2, spaceAfter=8))
    authority = _text(template.authority, ctx)
    if authority:
        story += [para(authority, "cb" if doc_type == "QĐ" else "c", styles), Spacer(0, 3 * mm)]
    story += [para(line, "ground", styles) for line in _text(template.grounds, ctx).splitlines() if line.strip()]
    if doc_type == "QĐ":
        story += [Spacer(0, 2 * mm), para("QUYẾT ĐỊNH:", "cb", styles), Spacer(0, 2 * mm)]
    for line in _text(template.body, ctx).splitlines():
        if line.strip() == "[[awardees]]":
            story += [Spacer(0, 1 * mm), _awardees_table(ctx, styles, with_amounts=doc_type == "QĐ"), Spacer(0, 2 * mm)]
        elif line.strip():
            story.append(para(line, "body", styles))
    story.append(_signature(template, signer_name, styles))
    return build_pdf(story, title=f"{_text(template.title, ctx)} {number_text}")


def build_pdf(story, *, title):
    """An administrative document's PDF bytes. Decree 30: A4, margins top/bottom 20-25 mm, left 30-35 mm, right
    15-20 mm."""
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=30 * mm,
        rightMargin=15 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
    ).build(story)
    return buffer.getvalue()
