"""The decision and the submission letter as PDF, in the layout of Decree 30/2020/NĐ-CP (Phụ lục I):
national header and issuing body side by side, number and place-date, title and subject, grounds, body with the list
of awardees, signature block and "Nơi nhận". Liberation Serif stands in for Times New Roman (same metrics).
"""

import io
from datetime import date
from xml.sax.saxutils import escape

from django.db.models import Q
from django.template import engines
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ground.base.money import vnd
from ground.organisation.models import regulation_in_force
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


def _awardee(dossier, base):
    person = dossier.nominee_person
    collective = dossier.nominee_kind == "department"
    return {
        "name": str(dossier.nominee),
        "position": person.position if person else "",
        "department": dossier.department.name if person else dossier.organisation.name,
        "unit": f"{person.position}, {dossier.department.name}" if person else dossier.organisation.name,
        "award": dossier.award.name_vi,
        "amount": award_amount(dossier.award, collective=collective, base_salary=base),
        "reference": dossier.reference,
    }


def _groups(dossiers, base):
    """The awardees by award (one article each in a decision), in the catalog's order."""
    by_award = {}  # one article for the award's individuals, another for its collectives (their coefficients differ)
    for dossier in dossiers:
        by_award.setdefault((dossier.award.code, dossier.nominee_kind), []).append(dossier)
    groups = []
    for members in by_award.values():
        award = members[0].award
        collective = members[0].nominee_kind == "department"
        coefficient = award.collective_coefficient if collective and award.collective_coefficient else None
        awardees = [_awardee(d, base) for d in members]
        groups.append(
            {
                "award": award,
                "awardees": awardees,
                "collective": collective,
                "coefficient": coefficient or award.coefficient,
                "total": sum(a["amount"] for a in awardees),
            }
        )
    return groups


def _award_phrase(awards):
    """What a decision gives: 'danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở” và “Giấy khen của Hiệu
    trưởng”' (a Giấy khen or a Bằng khen is no danh hiệu)."""
    titles = ", ".join(dict.fromkeys(f"“{a.name_vi}”" for a in awards if a.is_title))
    others = ", ".join(dict.fromkeys(f"“{a.name_vi}”" for a in awards if not a.is_title))
    return " và ".join(part for part in (titles and f"danh hiệu {titles}", others) if part)


def _regime_grounds(period):
    """The legal texts of the regime in force for the period (data per regime, admin-editable)."""
    from .models import RegimeGrounds

    day = date(period.year, 12, 31)
    found = (
        RegimeGrounds.objects.filter(regime__effective_from__lte=day)
        .filter(Q(regime__effective_to__isnull=True) | Q(regime__effective_to__gte=day))
        .order_by("-regime__effective_from")
        .first()
    )
    return [line.strip() for line in found.lines.splitlines() if line.strip()] if found else []


def _regulation(organisation, day):
    """The school's regulation on emulation and commendation in force on ``day`` (``organisation.SchoolRegulation``,
    the single record the council reads too), or None when the unit recorded none."""
    found = regulation_in_force(organisation.pk, day)
    return found if found.pk else None


def _minutes(dossiers):
    """The dates of the council minutes the document rests on: each dossier keeps its session's minutes."""
    from domain.dossiers.models import Document

    days = Document.objects.filter(dossier__in=[d.pk for d in dossiers], kind="council_minutes").values_list(
        "uploaded_at", flat=True
    )
    return sorted({timezone.localtime(day).date() for day in days})


def context(dossiers, *, day, symbol=None):
    """What a document says: its dossiers (by award), their awardees and amounts on ``day``, its grounds."""
    dossiers = list(dossiers)
    first = dossiers[0]
    regulation = _regulation(first.organisation, day)
    base = base_salary_on(day)
    groups = _groups(dossiers, base)
    awardees = [a for g in groups for a in g["awardees"]]
    return {
        "organisation": first.organisation,
        "award": first.award,
        "awards": [g["award"] for g in groups],
        "award_names": ", ".join(dict.fromkeys(f"“{g['award'].name_vi}”" for g in groups)),
        "award_phrase": _award_phrase([g["award"] for g in groups]),
        "groups": groups,
        "year": first.period.year,
        "period": first.period,
        "dossiers": dossiers,
        "awardees": awardees,
        "collective": groups[0]["collective"],
        "base_salary": vnd(base),
        "coefficient": groups[0]["coefficient"],
        "total": sum(a["amount"] for a in awardees),
        "total_text": vnd(sum(a["amount"] for a in awardees)),
        "symbol": symbol,
        "day": day,
        "regime_grounds": _regime_grounds(first.period),
        # cited among the grounds with its number and date; ``school_regulation`` for a template's own wording
        "regulation": regulation.ground() if regulation else "",
        "school_regulation": regulation,
        "sessions": _minutes(dossiers),
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


class Slot(Flowable):
    """A place whose page and position the signing step needs: a form field (number, date) filled in when the
    records clerk issues the document, or a signature box. In a preview it prints ``placeholder`` instead."""

    def __init__(self, key, width, height, *, positions, field=False, placeholder="", style=None, align="CENTER"):
        super().__init__()
        self.key, self.width, self.height = key, width, height
        self.positions, self.field, self.placeholder, self.style = positions, field, placeholder, style
        self.hAlign = align

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        x, y = canv.absolutePosition(0, 0)
        if self.positions is None:
            if self.placeholder:
                text = Paragraph(escape(self.placeholder), self.style)
                text.wrapOn(canv, self.width, self.height)
                text.drawOn(canv, 0, 0)
            return
        self.positions[self.key] = {"page": canv.getPageNumber() - 1, "box": (x, y, x + self.width, y + self.height)}
        if self.field:
            canv.acroForm.textfield(
                name=self.key,
                x=x,
                y=y,
                width=self.width,
                height=self.height,
                borderWidth=0,
                value="",
                fontName="Times-Roman",
                fontSize=12,
                fillColor=None,
                borderColor=None,
                forceBorder=False,
            )


def _line_with_slot(prefix, slot, style, styles, width):
    """``prefix`` followed by a field on one centred line (e.g. "Số: [01/QĐ-TCT]")."""
    font = styles[style]
    text_width = stringWidth(prefix, font.fontName, font.fontSize) + 2
    table = Table(
        [[Paragraph(escape(prefix), ParagraphStyle("p", parent=font, alignment=TA_RIGHT)), slot]],
        colWidths=[text_width, slot.width],
    )
    table.setStyle(
        TableStyle(
            [
                *SIDE_BY_SIDE,
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    table.hAlign = "CENTER"
    return table


NUMBER_FIELD, DATE_FIELD = "SoVanBan", "NgayVanBan"
ANNEX_NUMBER_FIELD, ANNEX_DATE_FIELD = "SoVanBanPhuLuc", "NgayVanBanPhuLuc"


def _number_text(ctx, doc_type):
    return ctx["symbol"] or f"{NUMBER_PLACEHOLDER}/{doc_type}-{ctx['organisation'].code}"


def _date_text(ctx):
    return (
        vn_date(ctx["organisation"].place, ctx["day"])
        if ctx["symbol"]
        else (f"{ctx['organisation'].place}, ngày …… tháng …… năm {ctx['day'].year}")
    )


def _header(template, ctx, styles, doc_type, positions):
    number = Slot(
        NUMBER_FIELD,
        40 * mm,
        5.5 * mm,
        positions=positions,
        field=True,
        placeholder=_number_text(ctx, doc_type),
        style=styles["small_c"],
    )
    day = Slot(
        DATE_FIELD, 85 * mm, 6 * mm, positions=positions, field=True, placeholder=_date_text(ctx), style=styles["ci"]
    )
    left = [
        para(template.parent_body, "small_c", styles),
        para(template.issuing_body, "small_cb", styles),
        HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
        _line_with_slot("Số:", number, "small_c", styles, 65 * mm),
    ]
    right = [
        para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "small_cb", styles),
        para("Độc lập - Tự do - Hạnh phúc", "cb", styles),
        HRFlowable(width="55%", thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=4),
        day,
    ]
    table = Table([[left, right]], colWidths=[65 * mm, 100 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return table


ANNEX_HEAD = ["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức", "Số tiền (đồng)"]


def _awardees_table(ctx, styles, with_amounts):
    """The annex table: No., full name, position, department, award and amount (a letter leaves amounts out)."""
    head = ANNEX_HEAD if with_amounts else ANNEX_HEAD[:-1]
    rows = [[para(h, "cell_c", styles) for h in head]]
    for i, a in enumerate(ctx["awardees"], 1):
        row = [
            para(str(i), "cell_c", styles),
            para(a["name"], "cell", styles),
            para(a["position"], "cell", styles),
            para(a["department"], "cell", styles),
            para(a["award"], "cell", styles),
        ]
        if with_amounts:
            row.append(para(vnd(a["amount"]), "cell_c", styles))
        rows.append(row)
    if with_amounts:
        rows.append(
            [para("", "cell", styles), para("Tổng cộng", "cell", styles)]
            + [para("", "cell", styles)] * 3
            + [para(vnd(ctx["total"]), "cell_c", styles)]
        )
    widths = [10, 38, 25, 35, 32, 25] if with_amounts else [10, 45, 30, 40, 40]  # 165 mm: the text width
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table


def signature_lines(template, block):
    """The title lines above the signature: "HIỆU TRƯỞNG", or "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG" (Decree 30)."""
    if block.get("capacity"):
        return [f"{block['capacity']}. {block.get('head_title') or template.signer_title}", block.get("title", "")]
    return [block.get("title") or template.signer_title]


def _signature(template, ctx, signer_name, styles, positions, block):
    recipients = [para("Nơi nhận:", "recv_head", styles)] + [
        para(f"- {line.strip()}", "recv", styles)
        for line in _text(template.recipients, ctx).splitlines()
        if line.strip()
    ]
    sign = [para(line, "cb", styles) for line in signature_lines(template, block) if line]
    sign.append(Slot("signer", 70 * mm, 22 * mm, positions=positions, placeholder="", style=styles["ci"]))
    sign.append(para(signer_name, "cb", styles))
    table = Table([[recipients, sign]], colWidths=[80 * mm, 85 * mm])
    table.setStyle(TableStyle(SIDE_BY_SIDE))
    return KeepTogether([Spacer(0, 4 * mm), table])


def _annex(template, ctx, styles, doc_type, positions):
    kind = "Quyết định" if doc_type == "QĐ" else "Tờ trình"
    number = Slot(
        ANNEX_NUMBER_FIELD,
        30 * mm,
        6 * mm,
        positions=positions,
        field=True,
        placeholder=_number_text(ctx, doc_type),
        style=styles["ci"],
        align="LEFT",
    )
    day = Slot(
        ANNEX_DATE_FIELD,
        28 * mm,
        6 * mm,
        positions=positions,
        field=True,
        placeholder=f"{ctx['day']:%d/%m/%Y}" if ctx["symbol"] else "……/……/……",
        style=styles["ci"],
        align="LEFT",
    )
    line = Table(
        [
            [
                para(f"(Kèm theo {kind} số", "ci", styles),
                number,
                para("ngày", "ci", styles),
                day,
                para("của Hiệu trưởng)" if doc_type == "QĐ" else "của Trường)", "ci", styles),
            ]
        ],
        colWidths=[50 * mm, 30 * mm, 12 * mm, 28 * mm, 45 * mm],
    )
    line.setStyle(TableStyle([*SIDE_BY_SIDE, ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    title = "DANH SÁCH " + ("KHEN THƯỞNG" if doc_type == "QĐ" else "ĐỀ NGHỊ KHEN THƯỞNG")
    return [
        PageBreak(),
        para(title, "title", styles),
        line,
        Spacer(0, 4 * mm),
        _awardees_table(ctx, styles, with_amounts=doc_type == "QĐ"),
    ]


def render_pdf(doc_type, dossiers, *, day, signer_name, symbol=None, block=None):
    """The document's PDF bytes as read before signing (a preview: the number and date left blank)."""
    return render_document(doc_type, dossiers, day=day, signer_name=signer_name, symbol=symbol, block=block)[0]


def render_document(doc_type, dossiers, *, day, signer_name, symbol=None, block=None, fields=False):
    """(PDF bytes, positions). With ``fields`` the number and date are empty form fields (filled when issued) and
    ``positions`` tells where each field and the signer's signature box are."""
    ctx = context(dossiers, day=day, symbol=symbol)
    template = template_for(ctx["organisation"], doc_type)
    styles = document_styles()
    positions = {} if fields else None
    story = [_header(template, ctx, styles, doc_type, positions), Spacer(0, 6 * mm)]
    story.append(para(_text(template.title, ctx), "title", styles))
    story.append(para(_text(template.subject, ctx), "cb", styles))
    story.append(HRFlowable(width="25%", thickness=0.6, color=colors.black, spaceBefore=2, spaceAfter=8))
    authority = _text(template.authority, ctx)
    if authority:
        story += [para(authority, "cb" if doc_type == "QĐ" else "c", styles), Spacer(0, 3 * mm)]
    story += [para(line, "ground", styles) for line in _text(template.grounds, ctx).splitlines() if line.strip()]
    if doc_type == "QĐ":
        story += [Spacer(0, 2 * mm), para("QUYẾT ĐỊNH:", "cb", styles), Spacer(0, 2 * mm)]
    inline = False
    for line in _text(template.body, ctx).splitlines():
        if line.strip() == "[[awardees]]":
            inline = True
            story += [Spacer(0, 1 * mm), _awardees_table(ctx, styles, with_amounts=doc_type == "QĐ"), Spacer(0, 2 * mm)]
        elif line.strip():
            story.append(para(line, "body", styles))
    story.append(_signature(template, ctx, signer_name, styles, positions, block or {}))
    if not inline:
        story += _annex(template, ctx, styles, doc_type, positions)
    pdf = build_pdf(story, title=f"{_text(template.title, ctx)} {_number_text(ctx, doc_type)}")
    return pdf, positions


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
