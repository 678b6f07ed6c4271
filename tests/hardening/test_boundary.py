"""Input cleaned at the boundary, bounded bodies, permission before validation, formulas neutralised in exports."""

import csv
import io
import json
import unicodedata

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from domain.council.models import Objection
from domain.dossiers.models import Dossier
from ground.audit.models import AuditEvent
from ground.printing.spreadsheets import safe_cell, unquote_cell, xlsx_bytes
from ground.printing.text import UnsafeText, clean_text
from tests.api.conftest import API, create_dossier, pdf_file
from tests.helpers import login, member, nominate, submit

pytestmark = pytest.mark.django_db

NFD_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hồng Nhung")
RLO = "\u202e"


def test_clean_text_normalises_strips_controls_and_refuses_bidi_overrides():
    assert clean_text(NFD_NAME) == unicodedata.normalize("NFC", NFD_NAME) != NFD_NAME
    assert clean_text("a\x00b\x07c\x1bd\x7f\tline\r\nnext") == "abcd\tline\r\nnext"
    with pytest.raises(UnsafeText):
        clean_text(f"hoso{RLO}fdp.exe")
    assert clean_text(f"hoso{RLO}fdp.exe", strict=False) == "hosofdp.exe"


def test_api_text_is_stored_nfc_without_controls_and_bidi_is_refused(api, people):
    head = api("truongkhoa.llcs")
    nominee = member(people, "llcs")
    body = {
        "award": "CSTDCS",
        "period": 2026,
        "nominee": {"type": "person", "id": nominee.pk},
        "achievements": NFD_NAME + "\x00\x01 hoàn thành",
    }
    response = head.post(f"{API}/dossiers/", body, format="json")
    assert response.status_code == 201, response.content
    stored = Dossier.objects.get(pk=response.json()["id"]).achievements
    assert stored == unicodedata.normalize("NFC", NFD_NAME) + " hoàn thành"
    response = head.post(f"{API}/dossiers/", {**body, "achievements": f"x{RLO}y"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"


def test_form_text_is_cleaned_and_bidi_is_refused(client, people):
    head = people["truongkhoa.llcs"]
    login(client, head)
    nominee = member(people, "llcs")
    data = {"period": 2026, "award": "CSTDCS", "nominee_kind": "person", "person": nominee.pk}
    response = client.post("/dossiers/new/", {**data, "achievements": NFD_NAME + "\x0b"})
    assert response.status_code == 302
    assert Dossier.objects.get().achievements == unicodedata.normalize("NFC", NFD_NAME)
    response = client.post("/dossiers/new/", {**data, "achievements": f"a{RLO}b"})
    assert response.status_code == 400
    assert Dossier.objects.count() == 1


@pytest.mark.parametrize("path", ["/auth/token/", "/dossiers/"])
def test_deeply_nested_json_is_a_400_not_a_500(api, people, path):
    client = api("truongkhoa.llcs") if path == "/dossiers/" else APIClient()
    body = "[" * 50_000 + "]" * 50_000
    response = client.post(f"{API}{path}", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_oversized_json_is_a_413(api, people, settings):
    settings.API_MAX_JSON_BYTES = 10_000
    body = json.dumps({"achievements": "x" * 20_000})
    response = api("truongkhoa.llcs").post(f"{API}/dossiers/", body, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (413, "request_too_large")
    assert not Dossier.objects.exists()


def test_zero_width_characters_are_removed_so_an_invisible_reason_is_no_reason(api, people):
    assert clean_text("a\u200bb\u2060c\ufeffd") == "abcd"
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    refused = head.post(f"{API}/dossiers/{draft['id']}/withdraw/", {"reason": "\u0000\u200b "}, format="json")
    assert (refused.status_code, list(refused.json()["errors"])) == (400, ["reason"])
    assert head.post(f"{API}/dossiers/{draft['id']}/withdraw/", {"reason": "Nhầm"}, format="json").status_code == 200
    again = head.post(f"{API}/dossiers/{draft['id']}/withdraw/", {"reason": "Nhầm"}, format="json")
    assert again.status_code == 409 and "đã được rút" in again.json()["detail"]


def test_a_wrong_type_or_an_unknown_field_is_a_400_naming_it_and_nothing_is_stored(api, people):
    head = api("truongkhoa.llcs")
    good = {"award": "LDTT", "period": 2026, "nominee": {"type": "person", "id": member(people, "llcs").pk}}
    wrong = {
        "achievements": 12,  # a number where text belongs is not turned into "12"
        "period": True,
        "nominee": {"type": "person", "id": "abc", "nam": "x"},
        "reson": "misspelt",  # an optional field misspelt would be dropped without a word
    }
    refused = head.post(f"{API}/dossiers/", {**good, **wrong}, format="json")
    assert refused.status_code == 400, refused.content
    errors = refused.json()["errors"]
    assert set(errors) == {"achievements", "period", "nominee.id", "nominee.nam", "reson"}
    assert errors["reson"] == ["Trường này không được chấp nhận ở đây."]
    assert errors["achievements"] == ["Không phải là chuỗi ký tự hợp lệ."]
    assert not Dossier.objects.exists()
    # the nominee's name, as the API shows it, may be sent back: it is the serializer's (read only)
    echoed = {**good, "nominee": {**good["nominee"], "name": "Giàng Thị Hà"}}
    assert head.post(f"{API}/dossiers/", echoed, format="json").status_code == 201


def test_an_api_write_without_its_final_slash_is_served_not_redirected(api, people):
    body = {"award": "LDTT", "period": 2026, "nominee": {"type": "person", "id": member(people, "llcs").pk}}
    response = api("truongkhoa.llcs").post(f"{API}/dossiers", body, format="json")
    assert response.status_code == 201, response.content
    assert Dossier.objects.count() == 1


def test_a_department_uploads_its_own_kinds_of_document_once_each(api, people):
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    url = f"{API}/dossiers/{draft['id']}/documents/"
    for kind in ("council_minutes", "decision", "province_decision"):  # the process attaches these
        refused = head.post(url, {"kind": kind, "file": pdf_file()})
        assert (refused.status_code, list(refused.json()["errors"])) == (400, ["kind"]), kind
    name = unicodedata.normalize("NFD", "Báo cáo thành tích.pdf")
    first = head.post(url, {"kind": "achievement_report", "file": pdf_file(name)})
    again = head.post(url, {"kind": "achievement_report", "file": pdf_file(name)})  # a double click
    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert first.json()["filename"] == unicodedata.normalize("NFC", name)
    evidence = [head.post(url, {"kind": "evidence", "file": pdf_file()}).json()["id"] for _ in range(2)]
    assert evidence[0] == evidence[1]
    assert Dossier.objects.get(pk=draft["id"]).documents.count() == 2


def test_auditor_writes_are_refused_before_the_body_is_validated(api, people):
    auditor = api("kiemtra")
    for path in ("/dossiers/", "/council/sessions/", "/tasks/1/complete/", "/dossiers/1/objections/"):
        response = auditor.post(f"{API}{path}", {"nonsense": [1, 2]}, format="json")
        assert response.status_code == 403, (path, response.content)
    assert AuditEvent.objects.filter(action="access_denied", actor=people["kiemtra"]).count() == 4


def test_objecting_to_a_dossier_one_may_not_see_is_a_404(api, people, client):
    draft = nominate(client, people["truongkhoa.xdd"], award="CSTDCS", person=member(people, "xdd"))
    staff = api("canbo")
    response = staff.post(
        f"{API}/dossiers/{draft.pk}/objections/", {"text": "Không đúng sự thật, đề nghị xem lại."}, format="json"
    )
    assert response.status_code == 404 and "status" not in response.json()
    submit(client, people["truongkhoa.xdd"], draft)
    response = staff.post(
        f"{API}/dossiers/{draft.pk}/objections/", {"text": "Không đúng sự thật, đề nghị xem lại."}, format="json"
    )
    assert response.status_code == 404
    assert not Objection.objects.exists()


def test_spreadsheet_cells_never_start_a_formula():
    for text in ('=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(text) == "'" + text and unquote_cell(safe_cell(text)) == text
    assert safe_cell("Nguyễn") == "Nguyễn" and safe_cell(-5) == -5
    sheet = load_workbook(io.BytesIO(xlsx_bytes("t", ["=A1"], [["=1+1.pdf", 3]]))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["'=A1", None], ["'=1+1.pdf", 3]]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_auditors_exports_neutralise_a_withdraw_reason_and_a_file_name(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"), report=False)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers import PDF

    upload = SimpleUploadedFile("=1+1.pdf", PDF, content_type="application/pdf")
    assert (
        client.post(f"/dossiers/{dossier.pk}/documents/", {"kind": "achievement_report", "file": upload}).status_code
        == 302
    )
    reason = '=HYPERLINK("http://evil.example","Bấm")'
    withdraw = {"reason": reason, "confirm": "on"}  # the confirmation box main added
    assert client.post(f"/dossiers/{dossier.pk}/withdraw/", withdraw).status_code == 302
    login(client, people["kiemtra"])
    response = client.get("/audit/", {"dossier": dossier.reference, "export": "csv"})
    cells = [
        c for row in csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))) for c in row
    ]
    assert "'" + reason in cells and reason not in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    response = client.get("/audit/", {"dossier": dossier.reference, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "'" + reason in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)
