"""Reports: each one builds from the data (command and page), opens with openpyxl / python-docx, and its figures
equal counts queried here independently; a unit's own Word template replaces the default."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db.models import Sum
from docx import Document
from openpyxl import load_workbook

from domain.council.models import Ballot, CouncilSession
from domain.dossiers.models import AwardRecord, Dossier
from domain.emulation.models import Movement
from domain.fund.models import FundIncome, Payout
from domain.reports.models import ReportTemplate
from domain.reports.registry import REPORTS
from tests.helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rules, settings, tmp_path):
    """The demo: dossiers at every step, history, plans, movements, the cluster and the fund."""
    from interfaces.demo import history as eligibility_demo
    from interfaces.demo import seed as demo
    from interfaces.demo import year as demo_year

    settings.VAR_DIR = tmp_path
    demo.seed_dossiers(rules["depts"], rules)
    eligibility_demo.seed()
    rules["year_end_2025"] = demo_year.seed(users=rules)
    return rules


def _build(tmp_path, name, year):
    path = tmp_path / f"{name}-{year}"
    call_command("report", name, "--period", str(year), "-o", str(path))
    return path.read_bytes()


def _docx_text(data):
    doc = Document(io.BytesIO(data))
    return doc, "\n".join(p.text for p in doc.paragraphs)


def _sheet_rows(data, index=0):
    return list(load_workbook(io.BytesIO(data)).worksheets[index].iter_rows(values_only=True))


def test_year_end_report_figures_equal_the_data(world, tmp_path):
    org = world["org"]
    assert world["year_end_2025"].exists()  # the demo generated the 2025 report
    doc, text = _docx_text(_build(tmp_path, "year-end", 2025))
    awards = AwardRecord.objects.filter(organisation=org, year=2025)
    awards_table = next(t for t in doc.tables if t.rows[0].cells[1].text.startswith("Danh hiệu"))
    total = [c.text for c in awards_table.rows[-1].cells]
    assert total[1] == "Tổng cộng"
    assert int(total[3]) == awards.filter(person__isnull=False).count()
    assert int(total[4]) == awards.filter(department__isnull=False).count()
    amount = awards.aggregate(s=Sum("amount"))["s"]
    assert total[5] == f"{amount:,}".replace(",", ".")
    assert len(awards_table.rows) == 2 + awards.values("award").distinct().count()
    movements = Movement.objects.filter(organisation=org, start__year__lte=2025).exclude(end__year__lt=2025).count()
    assert f"tổ chức {movements} phong trào thi đua" in text
    income = FundIncome.objects.filter(organisation=org, year=2025).aggregate(s=Sum("amount"))["s"]
    paid = Payout.objects.filter(organisation=org, year=2025, status="paid").aggregate(s=Sum("amount"))["s"]
    assert f"Tổng thu trong kỳ {income:,} đồng".replace(",", ".") in text
    assert f"đã chi trả {paid:,} đồng".replace(",", ".") in text
    assert "Khối thi đua các cơ quan Đảng, đoàn thể tỉnh, được Khối bình xét xếp thứ 1" in text
    # 2026: the process's own dossiers and sessions
    _doc, text = _docx_text(_build(tmp_path, "year-end", 2026))
    dossiers = Dossier.objects.filter(organisation=org, period__year=2026).count()
    sessions = CouncilSession.objects.filter(organisation=org, council__period__year=2026, kind="awards").count()
    expected = f"đã lập {dossiers} hồ sơ đề nghị khen thưởng; Hội đồng Thi đua - Khen thưởng đã họp {sessions} phiên"
    assert expected in text
    _doc, text = _docx_text(_build(tmp_path, "half-year", 2026))
    assert "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026" in text


def test_self_inspection_and_statistics(world, tmp_path):
    org = world["org"]
    doc, text = _docx_text(_build(tmp_path, "self-inspection", 2026))
    status_table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Tình trạng hồ sơ")
    rows = [[c.text for c in r.cells] for r in status_table.rows[1:]]
    assert rows[-1] == ["Tổng số", str(Dossier.objects.filter(organisation=org, period__year=2026).count())]
    assert sum(int(r[1]) for r in rows[:-1]) == Dossier.objects.filter(organisation=org, period__year=2026).count()
    sessions = CouncilSession.objects.filter(organisation=org, council__period__year=2026, kind="awards").count()
    assert f"Số phiên họp bình xét: {sessions};" in text
    steps = next(t for t in doc.tables if t.rows[0].cells[0].text == "Bước")
    assert any(r.cells[0].text == "Kiểm tra tính đầy đủ của hồ sơ" for r in steps.rows)

    data = _build(tmp_path, "statistics", 2025)  # the forms themselves: test_statistics.py
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["0601.N", "0602.N", "0603.N", "0604.N", "0605.N"]
    rows = {r[1]: r for r in book["0601.N"].iter_rows(values_only=True) if r[1]}
    launched = (
        Movement.objects.filter(
            organisation=org, start__gte="2024-12-01", start__lte="2025-11-30", document_date__isnull=True
        ).count()
        + Movement.objects.filter(
            organisation=org, document_date__gte="2024-12-01", document_date__lte="2025-11-30"
        ).count()
    )
    assert rows["01"][2] == launched == rows["01"][5] > 0
    rows = {r[1]: r for r in book["0603.N"].iter_rows(values_only=True) if r[1]}
    provincial = AwardRecord.objects.filter(
        organisation=org,
        decision_date__gte="2024-12-01",
        decision_date__lte="2025-11-30",
        award__code__in=["BANGKHEN_TINH", "CSTD_TINH", "CO_TINH"],
    )
    assert rows["01"][3] == provincial.count()


def test_period_lists(world, tmp_path):
    org = world["org"]
    rows = _sheet_rows(_build(tmp_path, "awards", 2025))[3:]
    awards = AwardRecord.objects.filter(organisation=org, year=2025)
    assert len(rows) == awards.count()
    assert sum(r[7] for r in rows) == awards.aggregate(s=Sum("amount"))["s"]
    rows = _sheet_rows(_build(tmp_path, "nominations", 2026))[3:]
    assert len(rows) == Dossier.objects.filter(organisation=org, period__year=2026).count()
    rows = _sheet_rows(_build(tmp_path, "council-results", 2026))[3:]
    closed = Ballot.objects.filter(session__organisation=org, status="closed", dossier__isnull=False)
    assert len(rows) == closed.count() > 0
    assert sum(r[5] for r in rows) == closed.aggregate(s=Sum("approvals"))["s"]
    rows = _sheet_rows(_build(tmp_path, "registrations", 2026))[3:]
    from domain.emulation.models import Registration

    assert len(rows) == Registration.objects.filter(organisation=org, year=2026).count()
    for name in REPORTS:  # every report builds for an empty year too
        assert _build(tmp_path, name, 2019)
    with pytest.raises(CommandError):
        call_command("report", "nothing", "--period", "2025", "-o", str(tmp_path / "x"))


def test_a_units_own_template_replaces_the_default(world, client, tmp_path):
    doc = Document()
    doc.add_paragraph("Báo cáo riêng của {{ organisation }}: {{ f.awards_individuals }} cá nhân được khen.")
    out = io.BytesIO()
    doc.save(out)
    template = ReportTemplate(organisation=world["org"], name="year-end")
    template.file.save("year-end.docx", ContentFile(out.getvalue()))
    individuals = AwardRecord.objects.filter(organisation=world["org"], year=2025, person__isnull=False).count()
    login(client, world["thuongtruc"])
    response = client.get("/reports/year-end/", {"year": 2025})
    assert response.status_code == 200
    _doc, text = _docx_text(response.content)
    assert text.strip() == f"Báo cáo riêng của {world['org'].name}: {individuals} cá nhân được khen."
    assert client.get("/reports/?year=2025").status_code == 200
    assert client.get("/reports/templates/year-end.docx").status_code == 200
    login(client, world["canbo"])
    assert client.get("/reports/year-end/", {"year": 2025}).status_code == 403
    assert "Tra cứu khen thưởng" in client.get("/reports/").content.decode()  # the lookup, for every member
    page = client.get("/reports/lookup/", {"name": world["depts"]["llcs"].staff.first().full_name[:6]})
    assert page.status_code == 200


def test_the_demo_s_completed_2025_summary_counts_its_movement_s_registrations(world):
    from domain.emulation.models import MovementSummary, Registration

    summary = MovementSummary.objects.get(year=2025, stage=MovementSummary.Stage.YEAR_END)
    registered = Registration.objects.filter(year=2025, movement=summary.movement).count()
    assert summary.figures["total"]["registrations"] == registered > 0
