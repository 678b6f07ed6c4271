"""Official documents: gap-free numbers under parallel signers, the Decree 30 PDF, PAdES signatures, verification,
amounts, cancelling instead of editing."""

import datetime as dt
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from pypdf import PdfReader

from domain.dossiers.models import DossierStatus, IssuedDocument
from domain.official.amounts import award_amount
from domain.official.render import vn_date
from domain.official.services import verify_bytes
from ground.organisation.models import AwardType
from tests.helpers import (
    act,
    batch_documents,
    council_select,
    login,
    member,
    nominate,
    open_task,
    sign_batch,
    submit,
    task_url,
)

pytestmark = pytest.mark.django_db


def _to_signature(client, people, award="CSTDCS", dept="llcs", person=None):
    head = people[f"truongkhoa.{dept}"]
    dossier = nominate(client, head, award=award, person=person or member(people, dept))
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept")
    council_select(people, dossier)
    return dossier


def _text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fields(data):
    """The form fields the records clerk filled in: number (SoVanBan) and date (NgayVanBan)."""
    return PdfReader(io.BytesIO(data)).get_form_text_fields() or {}


def _issued(dossier):
    return dossier.issued_documents.get()


@pytest.mark.parametrize(
    ("code", "base", "expected"),
    [
        ("LDTT", 1_800_000, 540_000),  # 0.3 x 1,800,000
        ("LDTT", 2_340_000, 710_000),  # 0.3 x 2,340,000 = 702,000 -> up to 710,000
        ("CSTDCS", 1_800_000, 1_800_000),
        ("CSTDCS", 2_340_000, 2_340_000),
        ("CSTD_TINH", 2_340_000, 7_020_000),
    ],
)
def test_amounts_are_rounded_up_to_ten_thousand(people, code, base, expected):
    award = AwardType.objects.filter(code=code).first()
    assert award_amount(award, collective=False, base_salary=base) == expected


def test_collective_amount_uses_the_collective_coefficient(people):
    award = AwardType.objects.filter(code="BANGKHEN_TINH", collective_coefficient__isnull=False).first()
    assert award_amount(award, collective=True, base_salary=1_800_000) == int(award.collective_coefficient * 1_800_000)


def test_decree_30_date_line():
    assert vn_date("Lai Châu", dt.date(2026, 2, 5)) == "Lai Châu, ngày 05 tháng 02 năm 2026"
    assert vn_date("Lai Châu", dt.date(2025, 12, 25)) == "Lai Châu, ngày 25 tháng 12 năm 2025"


def test_principal_previews_signs_and_the_signed_pdf_verifies(client, people):
    nominee = member(people, "llcs")
    dossier = _to_signature(client, people, person=nominee)
    principal = people["hieutruong"]
    task = open_task(dossier)
    page = login(client, principal).get(task_url(task))
    assert 'data-testid="preview"' in page.content.decode()  # the task page leads to the batch document
    (document,) = batch_documents(people, dossier)
    preview = client.get(f"/official/batches/{document.pk}/preview/")
    assert preview.status_code == 200 and preview["Content-Type"] == "application/pdf"
    assert "……/QĐ-TCT" in _text(preview.content)
    # the nominating department sees its dossier but not the draft; a member of staff does not even see it
    assert login(client, people["truongkhoa.llcs"]).get(f"/official/batches/{document.pk}/preview/").status_code == 403
    assert login(client, people["canbo"]).get(f"/official/batches/{document.pk}/preview/").status_code == 404

    login(client, principal)
    assert client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "demo"}).status_code == 302
    login(client, people["vanthu"])
    assert client.post(f"/official/batches/{document.pk}/issue/").status_code == 302
    issued = _issued(dossier)
    data = issued.file.read()
    text = _text(data)
    assert _fields(data)["SoVanBan"] == "01/QĐ-TCT"
    assert _fields(data)["NgayVanBan"] == vn_date("Lai Châu", issued.issued_on)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH LAI CHÂU",
        "TRƯỜNG CHÍNH TRỊ",
        "QUYẾT ĐỊNH",
        "Chiến sĩ thi đua cơ sở",
        nominee.full_name,
        "Nơi nhận:",
        principal.get_full_name(),
        "2.340.000",
    ):
        assert expected in text, expected
    assert issued.sha256 and issued.signer_subject.startswith("Hiệu trưởng")

    result = verify_bytes(data, expected_sha256=issued.sha256)
    assert result["ok"], result
    assert login(client, people["truongkhoa.llcs"]).get(f"/official/{issued.pk}/verify/").context["result"]["ok"]
    assert login(client, people["kiemtra"]).get(f"/official/{issued.pk}/download/").status_code == 200
    assert login(client, people["truongkhoa.xdd"]).get(f"/official/{issued.pk}/verify/").status_code == 404
    call_command("verify_document", id=issued.pk)

    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people["kiemtra"])
    detail = api.get(f"/api/v1/dossiers/{dossier.pk}/").json()
    assert [(d["symbol"], d["status"], d["sha256"]) for d in detail["issued_documents"]] == [
        ("01/QĐ-TCT", "issued", issued.sha256)
    ]
    pdf = api.get(f"/api/v1/dossiers/{dossier.pk}/issued/{issued.pk}/")
    assert b"".join(pdf.streaming_content) == data
    check = api.get(f"/api/v1/dossiers/{dossier.pk}/issued/{issued.pk}/verify/").json()
    assert check["ok"] and check["trusted"] and check["matches_record"]
    api.force_authenticate(people["truongkhoa.xdd"])
    assert api.get(f"/api/v1/dossiers/{dossier.pk}/issued/{issued.pk}/verify/").status_code == 404


def test_a_changed_byte_fails_verification(client, people, tmp_path):
    dossier = _to_signature(client, people)
    sign_batch(people, dossier)
    issued = _issued(dossier)
    data = bytearray(issued.file.read())
    position = data.index(b"/Title") + 8  # inside the signed range
    data[position] = ord("X") if data[position] != ord("X") else ord("Y")
    result = verify_bytes(bytes(data), expected_sha256=issued.sha256)
    assert not result["ok"] and not result["matches_record"]
    assert not result["signature"].intact
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="NOT VALID"):
        call_command("verify_document", str(tampered))
    unsigned = tmp_path / "unsigned.pdf"
    other = _to_signature(client, people, person=member(people, "xdd"), dept="xdd")
    (draft,) = batch_documents(people, other)
    unsigned.write_bytes(login(client, people["hieutruong"]).get(f"/official/batches/{draft.pk}/preview/").content)
    with pytest.raises(CommandError, match="no signature"):
        call_command("verify_document", str(unsigned))


def test_a_signature_from_an_untrusted_ca_is_not_valid(client, people, settings, tmp_path):
    from domain.official.pki import ensure_ca

    dossier = _to_signature(client, people)
    sign_batch(people, dossier)
    issued = _issued(dossier)
    ensure_ca(tmp_path / "other")
    settings.SIGNING_TRUST_ROOTS = [str(tmp_path / "other" / "ca.pem")]
    result = verify_bytes(issued.file.read(), expected_sha256=issued.sha256)
    assert not result["ok"] and result["signature"].intact and not result["signature"].trusted


def test_submission_letter_lists_the_proposed_dossier(client, people):
    nominee = member(people, "xdd")
    dossier = _to_signature(client, people, award="BANGKHEN_TINH", dept="xdd", person=nominee)
    sign_batch(people, dossier)
    issued = _issued(dossier)
    text = _text(issued.file.read())
    assert _fields(issued.file.open("rb").read())["SoVanBan"] == "01/TTr-TCT"
    assert "TỜ TRÌNH" in text and nominee.full_name in text
    assert "Kính gửi: Ban Thi đua - Khen thưởng tỉnh Lai Châu" in text


def test_cancelling_keeps_the_number_and_the_file(client, people):
    dossier = _to_signature(client, people)
    sign_batch(people, dossier)
    issued = _issued(dossier)
    cancel = f"/official/batches/{issued.pk}/cancel/"
    refused = login(client, people["thuongtruc"]).post(cancel, {"reason": "Sai tên"})
    assert refused.status_code == 403
    login(client, people["hieutruong"]).post(cancel, {"reason": ""})
    issued.refresh_from_db()
    assert issued.status == IssuedDocument.Status.ISSUED  # a reason is required
    client.post(cancel, {"reason": "Sai chức vụ người được khen"})
    issued.refresh_from_db()
    assert (issued.status, issued.number, issued.cancel_reason) == ("cancelled", 1, "Sai chức vụ người được khen")
    assert verify_bytes(issued.file.read(), expected_sha256=issued.sha256)["ok"]  # the signed file is untouched
    event = dossier.events.get(action="document_cancelled")
    assert event.actor == people["hieutruong"] and event.changes == {"status": ["issued", "cancelled"]}


def test_province_return_cancels_the_letter_and_a_new_one_is_signed(client, people, province_stub, settings):
    from process.workflows.services import job_forward_to_province

    settings.PROVINCE_ENDPOINT = province_stub.url
    dossier = _to_signature(client, people, award="BANGKHEN_TINH", dept="xdd")
    sec = people["thuongtruc"]
    sign_batch(people, dossier)
    job = dossier.process.task_set.get(flow_task_type="JOB")
    job_forward_to_province(job.pk)
    assert act(client, sec, dossier, "record", "Bổ sung minh chứng", result="returned").status_code == 302
    first = _issued(dossier)
    assert first.status == IssuedDocument.Status.CANCELLED and first.cancel_reason == "Bổ sung minh chứng"
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    sign_batch(people, dossier)
    symbols = list(IssuedDocument.objects.filter(dossiers=dossier).order_by("id").values_list("number", "status"))
    assert symbols == [(1, "cancelled"), (2, "issued")]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED


@pytest.mark.django_db(transaction=True)
def test_eight_parallel_issuings_get_eight_consecutive_numbers(client, people):
    """Eight records clerks issue eight different batches at once while a ninth registers a document by hand:
    nine consecutive numbers of the one register, no gap, no duplicate."""
    from domain.official.register import register_manual
    from ground.organisation.models import StaffMember
    from process.workflows import batches as process

    dept = people["depts"]["llcs"]
    nominees = [
        StaffMember.objects.create(organisation=dept.organisation, department=dept, full_name=f"Giảng viên {i}")
        for i in range(8)
    ]
    dossiers = [_to_signature(client, people, person=p) for p in nominees]
    assert len(dossiers) == 8
    documents = [sign_batch(people, d, issue=False)[0] for d in dossiers]  # eight signed batches
    assert {d.status for d in documents} == {"signed"}
    clerk = people["vanthu"]
    barrier = threading.Barrier(9)
    failures = []

    def issue(document_id):
        barrier.wait()
        try:
            if document_id is None:
                register_manual(actor=clerk, doc_type="CV", subject="Công văn về việc cử cán bộ đi học")
            else:
                process.batch_issue(acting_user=clerk, document_id=document_id)
        except Exception as exc:  # noqa: BLE001 — reported below
            failures.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d.pk,)) for d in documents[:4]]
    threads.append(threading.Thread(target=issue, args=(None,)))
    threads += [threading.Thread(target=issue, args=(d.pk,)) for d in documents[4:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    from domain.official.models import RegisterEntry

    numbers = sorted(RegisterEntry.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 10))
    decisions = sorted(IssuedDocument.objects.filter(doc_type="QĐ").values_list("number", flat=True))
    assert len(decisions) == 8 and len(set(decisions)) == 8
    manual = RegisterEntry.objects.get(manual=True)
    assert manual.number not in decisions and manual.symbol == f"{manual.number:02d}/CV-TCT"


def test_administrator_changes_the_wording_without_a_deploy(client, people):
    from domain.official.models import DocumentTemplate
    from domain.official.render import template_for

    template = template_for(people["org"], "QĐ")
    login(client, people["admin"])
    page = client.get(f"/admin/official/documenttemplate/{template.pk}/change/")
    assert page.status_code == 200
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data.update(recipients="Như Điều 3;\nSở Nội vụ tỉnh Lai Châu;\nLưu: VT, TĐKT.", _save="1")
    assert client.post(f"/admin/official/documenttemplate/{template.pk}/change/", data).status_code == 302
    assert DocumentTemplate.objects.get(pk=template.pk).recipients.startswith("Như Điều 3;\nSở Nội vụ")
    assert people["org"].pk and client.get("/admin/official/basesalary/").status_code == 200

    dossier = _to_signature(client, people)
    sign_batch(people, dossier)
    assert "Sở Nội vụ tỉnh Lai Châu" in _text(_issued(dossier).file.read())
    assert dossier.events.model.objects.filter(action="documenttemplate_changed", actor=people["admin"]).exists()
