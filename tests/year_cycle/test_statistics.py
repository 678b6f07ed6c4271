"""The statistical forms of Circular 02/2023/TT-BNV (0601 to 0605.N/BNV-TĐKT): each builds as its own report and in
the workbook, opens with openpyxl, has the form's rows (mã số), counts the reporting period 01/12 to 30/11, and its
figures equal counts queried here independently; the cells our data cannot fill are empty and explained."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models.functions import Coalesce
from openpyxl import load_workbook

from domain.dossiers.models import AwardRecord
from domain.dossiers.services.dossiers import award_for_period
from domain.emulation.models import Movement
from domain.reports.registry import REPORTS
from ground.organisation.models import Period, StaffMember
from tests.helpers import login

pytestmark = pytest.mark.django_db

START, END = date(2024, 12, 1), date(2025, 11, 30)  # the 2025 reporting period of the field


def _award(org, code, day, *, person=None, department=None, method="regular"):
    return AwardRecord.objects.create(
        organisation=org,
        person=person,
        department=department,
        award=award_for_period(code, Period(year=day.year)),
        year=day.year if day.month < 12 else day.year + 1,
        decision_number=f"{day:%d%m}/QĐ-X",
        decision_date=day,
        method=method,
    )


@pytest.fixture
def year(rules):
    org = rules["org"]
    staff = list(StaffMember.objects.filter(organisation=org).order_by("pk")[:4])
    depts = list(rules["depts"].values())
    # national awards: two in the period (one on its first day), one on its last day, two just outside
    _award(org, "BANGKHEN_TTG", date(2024, 12, 1), person=staff[0])
    _award(org, "BANGKHEN_TTG", date(2025, 3, 10), department=depts[0], method="thematic")
    _award(org, "CSTD_TQ", date(2025, 11, 30), person=staff[1])
    _award(org, "BANGKHEN_TTG", date(2024, 11, 30), person=staff[2])
    _award(org, "CSTD_TQ", date(2025, 12, 1), person=staff[3])
    # provincial awards: three kinds with a column, one without (TTLĐXS), one outside the period
    _award(org, "BANGKHEN_TINH", date(2025, 1, 20), person=staff[0])
    _award(org, "BANGKHEN_TINH", date(2025, 1, 20), department=depts[1], method="one_off")
    _award(org, "CSTD_TINH", date(2025, 5, 5), person=staff[1], method="long_service")
    _award(org, "CO_TINH", date(2025, 2, 2), department=depts[0])
    _award(org, "TTLDXS", date(2025, 2, 2), department=depts[2])
    _award(org, "BANGKHEN_TINH", date(2025, 12, 15), person=staff[2])
    # movements: launched in the period by their document's date, else their start
    Movement.objects.create(organisation=org, kind="regular", theme="A", start=date(2025, 1, 1), end=date(2025, 12, 31))
    Movement.objects.create(organisation=org, kind="thematic", theme="B", start=date(2025, 3, 1), end=date(2025, 8, 31))
    Movement.objects.create(
        organisation=org,
        kind="regular",
        theme="C",
        start=date(2026, 1, 1),
        end=date(2030, 12, 31),
        document_date=date(2025, 12, 20),  # launched after the period: the 2026 report's
    )
    Movement.objects.create(
        organisation=org,
        kind="one_off",
        theme="D",
        start=date(2025, 1, 10),
        end=date(2027, 6, 30),
        document_date=date(2024, 12, 20),
    )
    return rules


def _build(tmp_path, name, year=2025):
    path = tmp_path / f"{name}.xlsx"
    call_command("report", name, "--period", str(year), "-o", str(path))
    return load_workbook(io.BytesIO(path.read_bytes()))


def _rows(ws):
    """The table's rows by mã số."""
    return {str(r[1]): r for r in ws.iter_rows(values_only=True) if r[1] and str(r[1]).isdigit()}


def _text(ws):
    return "\n".join(str(r[0]) for r in ws.iter_rows(values_only=True) if r[0])


def _in_period(qs):
    return qs.filter(decision_date__gte=START, decision_date__lte=END)


def test_each_form_is_a_report_and_the_workbook_has_all_five(year, tmp_path):
    assert {f"statistics-060{n}" for n in range(1, 6)} <= set(REPORTS)
    book = _build(tmp_path, "statistics")
    assert book.sheetnames == ["0601.N", "0602.N", "0603.N", "0604.N", "0605.N"]
    codes = {
        "0601.N": [f"{n:02d}" for n in range(1, 13)],
        "0602.N": [f"{n:02d}" for n in (1, 2, 3, *range(6, 22))],
        "0603.N": [f"{n:02d}" for n in range(1, 18)],
        "0604.N": [f"{n:02d}" for n in range(1, 6)],
        "0605.N": [f"{n:02d}" for n in range(1, 16)],
    }
    for sheet, expected in codes.items():
        ws = book[sheet]
        assert list(_rows(ws)) == expected, sheet
        text = _text(ws)
        assert f"Biểu số: {sheet}/BNV-TĐKT" in text
        assert "Thông tư số 02/2023/TT-BNV" in text
        assert "Kỳ báo cáo năm 2025: từ ngày 01/12/2024 đến ngày 30/11/2025" in text
        assert "Ghi chú:" in text
        assert not any(line.startswith("'") for line in text.splitlines())  # "- " rows indented, not quoted
        single = _build(tmp_path, f"statistics-{sheet[:4]}")
        assert single.sheetnames == [sheet]
        assert list(_rows(single[sheet])) == expected


def test_0601_counts_the_movements_launched_in_the_period(year, tmp_path):
    rows = _rows(_build(tmp_path, "statistics-0601")["0601.N"])
    launched = (
        Movement.objects.filter(organisation=year["org"])
        .annotate(day=Coalesce("document_date", "start"))
        .filter(day__gte=START, day__lte=END)
    )
    assert rows["01"][2:] == (launched.count(), 0, 0, launched.count()) == (3, 0, 0, 3)
    assert rows["05"][2] == 3 and rows["02"][2] == rows["03"][2] == rows["04"][2] == 0
    assert (rows["06"][2], rows["07"][2], rows["08"][2]) == (1, 1, 1)  # 6 months, 12 months, 30 months
    assert rows["11"][2] == launched.exclude(kind="regular").count() == 2
    assert rows["12"][2] == launched.filter(kind="regular").count() == 1


def test_0602_counts_the_state_awards_decided_in_the_period(year, tmp_path):
    rows = _rows(_build(tmp_path, "statistics-0602")["0602.N"])
    national = _in_period(AwardRecord.objects.filter(organisation=year["org"], award__decided_by="national"))
    bk = national.filter(award__code="BANGKHEN_TTG")
    # columns: A, B, C, total, medals (2), HCM prize, State prize, honours (2), Government flag, BK TTg (2), CSTĐTQ,
    # other (2)
    total = rows["01"]
    assert total[3] == national.count() == 3
    assert total[4:11] == (None,) * 7  # not in our catalog: empty
    assert total[11] == bk.filter(department__isnull=False).count() == 1
    assert total[12] == bk.filter(person__isnull=False).count() == 1
    assert total[13] == national.filter(award__code="CSTD_TQ").count() == 1
    assert total[14:] == (0, 0)
    assert rows["03"][3:] == total[3:] and rows["02"][3] == 0
    assert rows["06"][3] == national.filter(department__isnull=False).count() == 1
    assert rows["09"][3] == national.filter(person__isnull=False).count() == 2
    assert rows["07"][3] == rows["08"][3] == 0
    assert rows["10"][3] is None and rows["14"][3] is None  # leadership levels: not in our data
    assert rows["15"][3] == national.filter(method="regular").count() == 2
    assert rows["16"][3] == national.filter(method="thematic").count() == 1
    assert rows["16"][11] == 1  # the thematic one is the collective's Bằng khen
    text = _text(_build(tmp_path, "statistics-0602")["0602.N"])
    assert "Cột 2-6" in text and "để trống" in text


def test_0603_counts_the_provincial_awards_of_the_forms_columns(year, tmp_path):
    rows = _rows(_build(tmp_path, "statistics-0603")["0603.N"])
    provincial = _in_period(
        AwardRecord.objects.filter(organisation=year["org"], award__code__in=["BANGKHEN_TINH", "CSTD_TINH", "CO_TINH"])
    )
    assert rows["01"][3:] == (
        provincial.count(),
        provincial.filter(award__code="BANGKHEN_TINH").count(),
        provincial.filter(award__code="CSTD_TINH").count(),
        provincial.filter(award__code="CO_TINH").count(),
        None,
    )
    assert rows["01"][3:7] == (4, 2, 1, 1)  # TTLĐXS has no column; the 15/12/2025 Bằng khen is the next period's
    assert rows["02"][3] == provincial.filter(department__isnull=False).count() == 2
    assert rows["05"][3] == provincial.filter(person__isnull=False).count() == 2
    assert rows["11"][3] == provincial.filter(method="regular").count() == 2
    assert rows["13"][3] == provincial.filter(method="one_off").count() == 1
    assert rows["16"][3] == provincial.filter(method="long_service").count() == 1
    assert rows["16"][5] == 1  # the long-service one is the CSTĐ


def test_0604_and_0605_fill_what_the_school_has(year, tmp_path):
    book = _build(tmp_path, "statistics")
    rows = _rows(book["0604.N"])
    assert [rows[c][3] for c in ("01", "02", "03", "04", "05")] == [0, 0, 0, 0, 0]
    rows = _rows(book["0605.N"])
    secretariat = StaffMember.objects.filter(
        organisation=year["org"], is_active=True, user__is_active=True, user__groups__name="secretariat"
    )
    assert rows["01"][2] == secretariat.count() > 0
    assert rows["01"][3] is None  # women: the system records no gender
    assert all(rows[f"{n:02d}"][2] is None for n in range(2, 16))
    assert "không ghi giới tính" in _text(book["0605.N"])


def test_the_reports_page_lists_and_serves_every_form(year, client):
    login(client, year["thuongtruc"])
    page = client.get("/reports/").content.decode()
    for n in range(1, 6):
        assert f"060{n}.N/BNV-TĐKT" in page
        response = client.get(f"/reports/statistics-060{n}/", {"year": 2025})
        assert response.status_code == 200
        assert load_workbook(io.BytesIO(response.content)).sheetnames == [f"060{n}.N"]
