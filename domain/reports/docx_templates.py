"""The default Word templates (docxtpl: Jinja tags inside the document), built with python-docx.

A unit replaces one by uploading its own (admin: *Mẫu báo cáo*); the Reports page offers the default for download
so the administrator edits it in Word, keeping the tags. The wording is the school's own (Vietnamese documents).
"""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

HEADER_LEFT = "{{ parent|upper }}\n{{ organisation|upper }}\nSố: {{ number }}"
HEADER_RIGHT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n{{ place_date }}"


def _doc():
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    for section in doc.sections:
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    table = doc.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, (HEADER_LEFT, HEADER_RIGHT), strict=True):
        lines = text.split("\n")
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(lines):
            run = p.add_run(line)
            run.bold = i < 2
            run.font.size = Pt(12)
            if i < len(lines) - 1:
                run.add_break()
    return doc


def _title(doc, *lines):
    for i, line in enumerate(lines):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(14 if i == 0 else 13)


def _heading(doc, text):
    doc.add_paragraph().add_run(text).bold = True


def _para(doc, text):
    p = doc.add_paragraph(text)
    p.paragraph_format.first_line_indent = Cm(1)
    return p


def _loop(doc, head, line, tail="{%p endfor %}"):
    doc.add_paragraph(head)
    _para(doc, line)
    doc.add_paragraph(tail)


def _table(doc, headers, loop, cells, total=None):
    """Header, the repeated row between docxtpl's row tags (each tag on a row of its own), then a total row."""
    table = doc.add_table(rows=4 + (1 if total else 0), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].text = "{%tr " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    if total:
        for cell, text in zip(table.rows[4].cells, total, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
    return table


def _signature(doc):
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    left.add_paragraph(
        "- Ban Thi đua - Khen thưởng, Sở Nội vụ;\n- Trưởng Khối thi đua;\n- Lãnh đạo nhà Trường;\n"
        "- Trang thông tin điện tử của Trường;\n- Lưu: VT, TĐKT."
    )
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run("{{ signer_title }}").bold = True


def _awards_table(doc):
    _table(
        doc,
        ["STT", "Danh hiệu, hình thức khen thưởng", "Cấp quyết định", "Cá nhân", "Tập thể", "Tiền thưởng (đồng)"],
        "for a in f.awards",
        [
            "{{ loop.index }}",
            "{{ a.name }}",
            "{{ a.level }}",
            "{{ a.individuals }}",
            "{{ a.collectives }}",
            "{{ a.amount|vnd }}",
        ],
        total=[
            "",
            "Tổng cộng",
            "",
            "{{ f.awards_individuals }}",
            "{{ f.awards_collectives }}",
            "{{ f.awards_amount|vnd }}",
        ],
    )


def work_report():
    """Sơ kết (6 tháng) / tổng kết (năm) công tác thi đua, khen thưởng."""
    doc = _doc()
    _title(
        doc,
        "BÁO CÁO",
        "{% if f.half %}Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {{ f.year }}"
        "{% else %}Tổng kết công tác thi đua, khen thưởng năm {{ f.year }}{% endif %}",
    )
    _heading(doc, "I. CÔNG TÁC TỔ CHỨC PHONG TRÀO THI ĐUA")
    _heading(doc, "1. Kế hoạch và văn bản chỉ đạo")
    _para(doc, "Đến ngày {{ f.until|dmy }}, Trường đã ban hành {{ f.plans|length }} kế hoạch thi đua:")
    _loop(doc, "{%p for p in f.plans %}", "- {{ p.title }} (số {{ p.document }} ngày {{ p.date|dmy }});")
    _heading(doc, "2. Các phong trào thi đua")
    _para(
        doc,
        "Trường đã phát động và tổ chức {{ f.movements_count }} phong trào thi đua, trong đó "
        "{{ f.movements_thematic }} phong trào theo chuyên đề, đột xuất:",
    )
    _loop(
        doc,
        "{%p for m in f.movements %}",
        "- {{ m.theme }} ({{ m.kind }}{% if m.document %}, {{ m.document }}{% endif %});",
    )
    _heading(doc, "3. Đăng ký thi đua, giao ước thi đua")
    _para(
        doc,
        "Có {{ f.registrations_people }} cá nhân và {{ f.registrations_collectives }} tập thể đăng ký danh "
        "hiệu thi đua. {% if f.cluster %}Trường tham gia {{ f.cluster.cluster }}{% if f.cluster.rank %}, được "
        "Khối bình xét xếp thứ {{ f.cluster.rank }}{% endif %}.{% endif %}",
    )
    _heading(doc, "II. CÔNG TÁC KHEN THƯỞNG")
    _para(
        doc,
        "Trong kỳ, các khoa, phòng đã lập {{ f.dossiers_total }} hồ sơ đề nghị khen thưởng; Hội đồng Thi "
        "đua - Khen thưởng đã họp {{ f.sessions_held }} phiên bình xét. Kết quả khen thưởng:",
    )
    _awards_table(doc)
    _heading(doc, "III. QUỸ THI ĐUA, KHEN THƯỞNG")
    _para(
        doc,
        "Tổng thu trong kỳ {{ f.fund.income|vnd }} đồng; đã chi trả {{ f.fund.paid|vnd }} đồng theo các "
        "quyết định khen thưởng; chưa chi {{ f.fund.due|vnd }} đồng; số dư đến ngày {{ f.until|dmy }}: "
        "{{ f.fund.balance|vnd }} đồng.",
    )
    _heading(doc, "IV. ĐÁNH GIÁ CHUNG")
    _heading(doc, "1. Ưu điểm")
    _para(doc, "{{ strengths }}")
    _heading(doc, "2. Hạn chế")
    _para(doc, "{{ shortcomings }}")
    _heading(doc, "V. PHƯƠNG HƯỚNG, NHIỆM VỤ")
    _para(doc, "{{ next_steps }}")
    _signature(doc)
    return _bytes(doc)


def self_inspection():
    """Phần số liệu của báo cáo tự kiểm tra công tác thi đua, khen thưởng."""
    doc = _doc()
    _title(doc, "BÁO CÁO", "Tự kiểm tra công tác thi đua, khen thưởng năm {{ f.year }}", "(Phần số liệu)")
    _heading(doc, "1. Kế hoạch, văn bản đã ban hành")
    _loop(doc, "{%p for p in f.plans %}", "{{ loop.index }}) {{ p.title }}, số {{ p.document }} ngày {{ p.date|dmy }};")
    _loop(doc, "{%p for s in f.summaries %}", "- Báo cáo {{ s }};")
    _heading(doc, "2. Phong trào thi đua đã phát động")
    _para(doc, "Số phong trào: {{ f.movements_count }} (theo chuyên đề, đột xuất: {{ f.movements_thematic }}).")
    _loop(doc, "{%p for m in f.movements %}", "- {{ m.theme }} ({{ m.kind }}, từ {{ m.start|dmy }});")
    _heading(doc, "3. Hoạt động của Hội đồng Thi đua - Khen thưởng")
    _para(doc, "Số phiên họp bình xét: {{ f.sessions_held }}; đã kết luận: {{ f.sessions_concluded }}.")
    _heading(doc, "4. Hồ sơ đề nghị khen thưởng theo kết quả")
    _table(
        doc,
        ["Tình trạng hồ sơ", "Số hồ sơ"],
        "for d in f.dossiers",
        ["{{ d.status }}", "{{ d.count }}"],
        total=["Tổng số", "{{ f.dossiers_total }}"],
    )
    _heading(doc, "5. Thời gian xử lý bình quân từng bước")
    _table(
        doc,
        ["Bước", "Số lượt", "Số ngày bình quân"],
        "for s in f.step_times",
        ["{{ s.step }}", "{{ s.count }}", "{{ s.days }}"],
    )
    _heading(doc, "6. Kết quả khen thưởng")
    _awards_table(doc)
    _heading(doc, "7. Khiếu nại, tố cáo, phản ánh")
    _para(
        doc,
        "Đơn khiếu nại, tố cáo về thi đua, khen thưởng: {{ f.complaints }}. Phản ánh trong thời gian công khai: "
        "{{ f.objections }} (được chấp nhận: {{ f.objections_upheld }}).",
    )
    _heading(doc, "8. Quản lý, sử dụng quỹ thi đua, khen thưởng")
    _para(
        doc,
        "Tổng thu: {{ f.fund.income|vnd }} đồng. Đã chi: {{ f.fund.paid|vnd }} đồng "
        "({{ f.fund.paid_lines }} lượt chi). Chưa chi: {{ f.fund.due|vnd }} đồng. "
        "Số dư ngày {{ f.until|dmy }}: {{ f.fund.balance|vnd }} đồng.",
    )
    _signature(doc)
    return _bytes(doc)


def _bytes(doc):
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


DEFAULTS = {"year-end": work_report, "half-year": work_report, "self-inspection": self_inspection}
