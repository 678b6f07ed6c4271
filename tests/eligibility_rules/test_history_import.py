"""Past years' award history from the secretariat's spreadsheet: all or nothing, idempotent, then judged on."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from domain.dossiers.models import AwardRecord
from domain.eligibility.services import eligibility_evaluate
from domain.records.models import YearlyRating
from ground.audit.models import AuditEvent
from tests.eligibility_rules.history import initiative, register
from tests.helpers import login, member

pytestmark = pytest.mark.django_db
URL = "/eligibility/history/import/"


def _xlsx(rows):
    book = Workbook()
    book.active.append(["Năm", "Mã", "Họ tên", "Khoa", "Số QĐ", "Ngày QĐ"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("lich-su.xlsx", out.getvalue())


def test_import_past_awards_all_or_nothing_then_judge_on_them(client, rules):
    person = member(rules, "llcs")
    rows = [
        [2024, "CSTDCS", person.full_name, "llcs", "12/QĐ-TCT", date(2024, 12, 20)],
        [2025, "cstdcs", person.full_name, "llcs", "15/QĐ-TCT", "19/12/2025"],
        [2025, "TTLDTT", None, "llcs", "16/QĐ-TCT", "19/12/2025"],
    ]
    login(client, rules["thuongtruc"])
    assert client.get(URL).status_code == 200
    template = client.get(URL, {"template": "1"})
    assert load_workbook(io.BytesIO(template.content)).active["A1"].value == "Năm"

    bad = rows + [
        [2025, "CSTDCS", "Không Có Ai", "llcs", "17/QĐ-TCT", "20/12/2025"],
        [2025, "LDTT", "", "xyz", "", "x"],
    ]
    response = client.post(URL, {"file": _xlsx(bad)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 5" in page and "Không Có Ai" in page and "Dòng 6" in page
    assert AwardRecord.objects.count() == 0  # nothing imported

    assert client.post(URL, {"file": _xlsx(rows)}).status_code == 302
    assert AwardRecord.objects.filter(person=person, award__code="CSTDCS").count() == 2
    assert AwardRecord.objects.get(department=rules["depts"]["llcs"]).award.code == "TTLDTT"
    assert client.post(URL, {"file": _xlsx(rows)}).status_code == 302  # the same file again adds nothing
    assert AwardRecord.objects.count() == 3
    assert list(AuditEvent.objects.filter(action="award_history_imported").values_list("data__added", flat=True)) == [
        3,
        0,
    ]

    AwardRecord.objects.create(
        organisation=rules["org"],
        person=person,
        award=AwardRecord.objects.filter(award__code="CSTDCS").latest("year").award,
        year=2026,
        decision_number="3/QĐ-TCT",
        decision_date=date(2026, 12, 20),
    )
    initiative(person, 2025, scope="province")
    register(person, 2026, "CSTD_TINH")
    assert eligibility_evaluate(nominee=person, award="CSTD_TINH", year=2026)["eligible"]


def test_import_refused_to_a_department_head(client, rules):
    response = login(client, rules["truongkhoa.llcs"]).post(URL, {"file": _xlsx([])})
    assert response.status_code == 403


def test_import_yearly_ratings(client, rules):
    person = member(rules, "llcs")
    login(client, rules["thuongtruc"])
    url = "/eligibility/ratings/import/"
    template = client.get(url, {"template": "1"})
    assert load_workbook(io.BytesIO(template.content)).active["D1"].value.startswith("Xếp loại")
    rows = [[2026, person.full_name, "llcs", "htxsnv"], [2026, None, "llcs", "HTTNV"]]
    bad = client.post(url, {"file": _xlsx(rows + [[2026, person.full_name, "llcs", "GIOI"]])})
    assert bad.status_code == 400 and "Dòng 4" in bad.content.decode()
    assert not YearlyRating.objects.exists()
    assert client.post(url, {"file": _xlsx(rows)}).status_code == 302
    rows[0][3] = "HTTNV"
    assert client.post(url, {"file": _xlsx(rows)}).status_code == 302  # a correction replaces the rating
    assert YearlyRating.objects.get(person=person).rating == "HTTNV"
    assert YearlyRating.objects.get(department=rules["depts"]["llcs"], year=2026).rating == "HTTNV"
    changed = AuditEvent.objects.get(action="yearlyrating_changed")
    assert changed.changes == {"rating": ["HTXSNV", "HTTNV"]}
