"""Giấy khen / Giấy chứng nhận danh hiệu: one page per awardee of an issued decision, printed on the school's
pre-printed blanks (the administrator shifts the lines in mm and prints a test page), fonts embedded; and the
hand-over of each certificate (date, who received it), audited."""

import io

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from domain.dossiers.models import IssuedDocument
from ground.audit.services import record_event
from ground.base import errors
from ground.organisation.selectors import staff_of
from ground.printing.pdf import register_serif

from .batches import document_dossiers, document_get
from .models import CertificateLayout, Handover
from .render import vn_date


def layout_for(organisation):
    layout, _created = CertificateLayout.objects.get_or_create(organisation=organisation)
    return layout


def _title(award):
    return "GIẤY KHEN" if award.code.startswith("GIAYKHEN") else "GIẤY CHỨNG NHẬN"


def _page(c, layout, size, lines, fonts):
    width, height = size
    dx, dy = float(layout.offset_x) * mm, float(layout.offset_y) * mm

    def at(y_mm):
        return height - float(y_mm) * mm - dy

    if layout.print_frame:
        c.setLineWidth(2)
        c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        c.setLineWidth(0.5)
        c.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    c.setFont(fonts["bold"], 14)
    c.drawCentredString(width / 2 + dx, at(25), lines["org"])
    c.setFont(fonts["bold"], 34)
    c.drawCentredString(width / 2 + dx, at(layout.title_y), lines["title"])
    c.setFont(fonts["italic"], 16)
    c.drawCentredString(width / 2 + dx, at(float(layout.title_y) + 12), lines["award"])
    c.setFont(fonts["bold"], layout.name_size)
    c.drawCentredString(width / 2 + dx, at(layout.name_y), lines["name"])
    c.setFont(fonts["regular"], 15)
    c.drawCentredString(width / 2 + dx, at(layout.unit_y), lines["unit"])
    c.drawCentredString(width / 2 + dx, at(layout.reason_y), lines["reason"])
    c.setFont(fonts["italic"], 13)
    c.drawCentredString(width * 0.7 + dx, at(layout.footer_y), lines["date"])
    c.setFont(fonts["bold"], 13)
    c.drawCentredString(width * 0.7 + dx, at(float(layout.footer_y) + 7), lines["signer_title"])
    c.drawCentredString(width * 0.7 + dx, at(float(layout.footer_y) + 32), lines["signer"])
    c.setFont(fonts["regular"], 11)
    c.drawString(25 * mm + dx, at(float(layout.footer_y) + 32), lines["symbol"])
    c.showPage()


def _pdf(organisation, pages, progress=None):
    layout = layout_for(organisation)
    size = landscape(A4) if layout.landscape else A4
    fonts = register_serif()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=size)
    c.setTitle("Giấy khen")
    for i, lines in enumerate(pages, start=1):
        _page(c, layout, size, lines, fonts)
        if progress is not None:
            progress(50 + 45 * i // len(pages), _("Page %(n)d of %(total)d") % {"n": i, "total": len(pages)})
    c.save()
    return buffer.getvalue()


def certificates_pdf(*, actor, document_id, progress=None):
    """One page per awardee of an issued decision; ``progress(percent, step)`` is told as it goes (a job's)."""
    document = document_get(actor=actor, document_id=document_id)
    if document.doc_type != IssuedDocument.Type.DECISION or not document.is_issued:
        raise errors.Conflict(_("Certificates are printed for an issued decision."))
    block = document.signature_block or {}
    signer_title = f"{block['capacity']}. {block.get('head_title', '')}" if block.get("capacity") else "HIỆU TRƯỞNG"
    pages = []
    dossiers = list(document_dossiers(document))
    for i, dossier in enumerate(dossiers, start=1):
        if progress is not None:
            progress(50 * i // len(dossiers), _("Reading the awardees"))
        person = dossier.nominee_person
        pages.append(
            {
                "org": document.organisation.name.upper(),
                "title": _title(dossier.award),
                "award": f"Danh hiệu “{dossier.award.name_vi}” năm {dossier.period.year}",
                "name": str(dossier.nominee),
                "unit": f"{person.position}, {dossier.department.name}" if person else document.organisation.name,
                "reason": "Đã có thành tích xuất sắc trong phong trào thi đua",
                "date": vn_date(document.organisation.place, document.issued_on),
                "signer_title": signer_title,
                "signer": document.signed_by.get_full_name(),
                "symbol": f"Số: {document.symbol}",
            }
        )
    return _pdf(document.organisation, pages, progress)


def test_page(*, actor):
    """A sample page with the current offsets, to hold against the pre-printed blank."""
    staff = staff_of(actor)
    if staff is None or not (
        actor.has_perm("dossiers.issue_document") or actor.has_perm("official.change_certificatelayout")
    ):
        raise errors.NotAllowed()
    organisation = staff.organisation
    return _pdf(
        organisation,
        [
            {
                "org": organisation.name.upper(),
                "title": "GIẤY KHEN",
                "award": "Danh hiệu “Lao động tiên tiến” năm 2026 (trang in thử)",
                "name": "Nguyễn Thị Ánh Tuyết",
                "unit": "Giảng viên, Khoa Lý luận cơ sở",
                "reason": "Đã có thành tích xuất sắc trong phong trào thi đua",
                "date": vn_date(organisation.place, timezone.localdate()),
                "signer_title": "HIỆU TRƯỞNG",
                "signer": "Họ và tên người ký",
                "symbol": "Số: 01/QĐ-TCT",
            }
        ],
    )


def handover_record(*, actor, document_id, dossier_id, handed_on, received_by):
    """Trao giấy khen: when and to whom the certificate was handed over (once per awardee)."""
    if not actor.has_perm("dossiers.issue_document"):
        raise errors.NotAllowed()
    document = document_get(actor=actor, document_id=document_id)
    problems = {}
    if handed_on is None:
        problems["handed_on"] = [_("Enter the date of the hand-over (dd/mm/yyyy).")]
    if not (received_by or "").strip():
        problems["received_by"] = [_("Enter who received it.")]
    if problems:
        raise errors.InvalidInput(errors=problems)
    dossier = document.dossiers.filter(pk=dossier_id).first()
    if dossier is None or not document.is_issued:
        raise errors.NotVisible()
    with transaction.atomic():
        handover, created = Handover.objects.get_or_create(
            document=document,
            dossier=dossier,
            defaults={"handed_on": handed_on, "received_by": received_by.strip()[:255], "recorded_by": actor},
        )
        if not created:
            raise errors.Conflict(_("The hand-over of this certificate is already recorded."))
        record_event(
            actor=actor,
            action="certificate_handed_over",
            dossier=dossier,
            obj=handover,
            data={"document": document.symbol, "handed_on": handed_on.isoformat(), "received_by": received_by},
        )
    return handover
