"""The award fund: payouts follow the signed decisions to the dong, a cancelled decision reverses its lines, the
balance is income less payouts at any date, and a line is paid once even under two requests at the same instant."""

import io
import threading
from datetime import date, timedelta

import pytest
import requests
from openpyxl import load_workbook
from pypdf import PdfReader

from domain.dossiers.models import AwardRecord, IssuedDocument
from domain.fund import selectors, services
from domain.fund.models import FundIncome, Payout
from ground.base import errors
from tests.helpers import act, council_select, login, member, nominate, sign_batch, submit
from tests.year_cycle.factories import award

pytestmark = pytest.mark.django_db


def _signed(client, people, code, dept="llcs", person=None):
    head = people[f"truongkhoa.{dept}"]
    dossier = nominate(client, head, award=code, person=person or member(people, dept))
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept")
    council_select(people, dossier)
    sign_batch(people, dossier)  # its batch decision, signed and issued
    dossier.refresh_from_db()
    return dossier


def _pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_payouts_equal_the_signed_decisions_amounts(client, people):
    dossiers = [_signed(client, people, "CSTDCS"), _signed(client, people, "LDTT", dept="xdd")]
    for dossier in dossiers:
        record = AwardRecord.objects.get(dossier=dossier)
        line = Payout.objects.get(award_record=record)
        assert line.amount == record.amount > 0
        assert (line.decision_number, line.decision_date) == (record.decision_number, record.decision_date)
        assert line.payee == dossier.nominee_person.full_name and line.status == "due"
        # the amount printed on the signed decision, to the dong
        decision = IssuedDocument.objects.get(dossiers=dossier, doc_type="QĐ")
        assert f"{line.amount:,}".replace(",", ".") in _pdf_text(decision.file.read())
    assert Payout.objects.count() == 2
    assert services.payouts_sync(organisation_id=people["org"].pk) == 0  # nothing generated twice


def test_the_fund_pays_what_the_signed_decision_states_when_the_base_salary_changes_before_its_number(client, people):
    """Signed on the last day of a base salary, numbered the next (a new base salary in force): the amounts are
    those the signed decision states, in the award's history and the fund alike."""
    import time_machine
    from django.utils import timezone

    from domain.official.amounts import award_amount, base_salary_on
    from domain.official.models import BaseSalary
    from ground.base.money import vnd
    from process.workflows import batches

    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept")
    council_select(people, dossier)
    (document,) = sign_batch(people, dossier, issue=False)
    today = timezone.localdate()
    signed_base = base_salary_on(today)
    BaseSalary.objects.create(effective_from=date.fromordinal(today.toordinal() + 1), amount=signed_base + 500_000)
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        batches.batch_issue(acting_user=people["vanthu"], document_id=document.pk)
    record = AwardRecord.objects.get(dossier=dossier)
    assert record.decision_date > today
    assert record.amount == award_amount(dossier.award, collective=False, base_salary=signed_base)
    assert Payout.objects.get(award_record=record).amount == record.amount
    document.refresh_from_db()
    assert vnd(record.amount) in _pdf_text(document.file.read())


def test_a_cancelled_decision_reverses_its_payout(client, people):
    dossier = _signed(client, people, "CSTDCS")
    decision = IssuedDocument.objects.get(dossiers=dossier, doc_type="QĐ")
    line = Payout.objects.get(award_record__dossier=dossier)
    services.payout_mark_paid(acting_user=people["thuongtruc"], payout_id=line.pk, paid_on=date(2026, 12, 28))
    login(client, people["hieutruong"]).post(f"/official/batches/{decision.pk}/cancel/", {"reason": "Sai họ tên"})
    line.refresh_from_db()
    assert line.status == "reversed" and "Sai họ tên" in line.reversal_reason
    assert dossier.organisation_id == line.organisation_id
    # a reversed line is never paid again, nor reversed twice
    with pytest.raises(errors.Conflict):
        services.payout_mark_paid(acting_user=people["thuongtruc"], payout_id=line.pk)
    with pytest.raises(errors.Conflict):
        services.payout_reverse(actor=people["hieutruong"], award_record=line.award_record, reason="Thu hồi")
    with pytest.raises(errors.NotAllowed):
        services.payout_reverse(actor=people["canbo"], award_record=line.award_record, reason="Thu hồi")


def test_balance_is_income_less_payouts_at_any_date(people):
    sec, org = people["thuongtruc"], people["org"]
    staff = [member(people, d) for d in ("llcs", "xdd", "nnpl")]
    lines = []
    for i, person in enumerate(staff):
        record = award(
            people, person, "LDTT", 2025, amount=710_000 + i * 10_000, number=f"{40 + i}/QĐ-TCT", day=date(2025, 12, 20)
        )
        lines.append(Payout.objects.get(award_record=record))
    services.fund_income_add(
        acting_user=sec,
        year=2025,
        received_on=date(2025, 1, 10),
        source="budget",
        amount=50_000_000,
        document="Quyết định giao dự toán 15/QĐ-UBND",
    )
    services.fund_income_add(
        acting_user=sec,
        year=2025,
        received_on=date(2025, 12, 22),
        source="other",
        amount=1_500_000,
        document="Ủng hộ của Công đoàn",
    )
    services.payout_mark_paid(acting_user=sec, payout_id=lines[0].pk, paid_on=date(2025, 12, 24))
    services.payout_mark_paid(acting_user=sec, payout_id=lines[1].pk, paid_on=date(2025, 12, 30))
    services.payout_reverse(
        actor=sec, award_record=lines[1].award_record, reason="Quyết định bị thu hồi", on=date(2026, 1, 5)
    )

    def expected(on):
        income = sum(i.amount for i in FundIncome.objects.all() if i.received_on <= on)
        paid = sum(
            p.amount
            for p in Payout.objects.all()
            if p.paid_on and p.paid_on <= on and not (p.reversed_on and p.reversed_on <= on)
        )
        return income - paid

    for day in [
        date(2025, 1, 1),
        date(2025, 1, 10),
        date(2025, 12, 23),
        date(2025, 12, 24),
        date(2025, 12, 31),
        date(2026, 1, 5),
        date(2026, 6, 30),
    ]:
        assert selectors.fund_balance(org.pk, day)["balance"] == expected(day), day
    assert selectors.fund_balance(org.pk, date(2025, 12, 31)) == {
        "income": 51_500_000,
        "paid": 710_000 + 720_000,
        "balance": 51_500_000 - 1_430_000,
    }
    ledger = selectors.fund_year(org.pk, 2025)
    assert ledger["totals"]["due"] == 730_000 and ledger["totals"]["reversed"] == 720_000
    with pytest.raises(errors.InvalidInput):  # amounts are whole VND above zero
        services.fund_income_add(acting_user=sec, year=2025, received_on=date(2025, 2, 1), source="budget", amount=0)


def test_payroll_and_fund_report_open_with_their_figures(client, people):
    sec = people["thuongtruc"]
    person = member(people, "llcs")
    record = award(people, person, "CSTDCS", 2025, amount=2_340_000, number="12/QĐ-TCT")
    award(people, member(people, "xdd"), "LDTT", 2025, amount=710_000, number="12/QĐ-TCT")
    services.fund_income_add(
        acting_user=sec,
        year=2025,
        received_on=date(2025, 3, 1),
        source="budget",
        amount=10_000_000,
        document='=HYPERLINK("x")',
    )
    login(client, sec)
    response = client.get("/fund/payroll.xlsx", {"decision": "12/QĐ-TCT"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = next(r for r in values if r[0] == "STT")
    assert header[-1] == "Người nhận ký tên"
    assert [r for r in values if r[1] == person.full_name][0][4] == record.amount
    assert [r for r in values if r[1] == "Tổng số"][0][4] == 2_340_000 + 710_000
    pdf = client.get("/fund/payroll.pdf", {"decision": "12/QĐ-TCT"})
    assert pdf.status_code == 200 and person.full_name in _pdf_text(pdf.content)
    report = load_workbook(io.BytesIO(client.get("/fund/", {"year": 2025, "export": "xlsx"}).content))
    figures = {r[0]: r[1] for r in report.worksheets[0].iter_rows(values_only=True) if r and r[1] is not None}
    assert figures["Tổng thu"] == 10_000_000 and figures["Chưa chi trả"] == 3_050_000
    income_rows = list(report["Thu"].iter_rows(values_only=True))
    assert income_rows[1][2] == '\'=HYPERLINK("x")'  # never a formula
    assert client.get("/fund/?year=2025").status_code == 200
    login(client, people["kiemtra"])
    assert client.get("/fund/?year=2025").status_code == 200
    assert client.post("/fund/", {"action": "pay", "payout": record.payout.pk, "year": 2025}).status_code == 403
    login(client, people["truongkhoa.llcs"])
    assert client.get("/fund/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_two_mark_paid_requests_at_once_pay_once(people, live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from ground.organisation.models import StaffMember

    second = get_user_model().objects.create_user("thuongtruc2", password="demo")
    second.groups.add(Group.objects.get(name="secretariat"))
    StaffMember.objects.create(
        organisation=people["org"], department=people["depts"]["tchc"], user=second, full_name="Vũ Thu Hà"
    )
    record = award(people, member(people, "llcs"), "LDTT", 2025, amount=710_000, number="7/QĐ-TCT")
    line = Payout.objects.get(award_record=record)

    def session(username):
        s = requests.Session()
        page = s.get(f"{live_server.url}/accounts/login/")
        s.post(
            f"{live_server.url}/accounts/login/",
            data={"username": username, "password": "demo", "csrfmiddlewaretoken": page.cookies["csrftoken"]},
            headers={"Referer": f"{live_server.url}/accounts/login/"},
        )
        return s

    sessions = [session("thuongtruc"), session("thuongtruc2")]
    barrier = threading.Barrier(2)
    results = [None, None]

    def pay(i):
        barrier.wait()
        results[i] = sessions[i].post(
            f"{live_server.url}/fund/",
            data={
                "action": "pay",
                "payout": line.pk,
                "year": 2025,
                "paid_on": "2025-12-30",
                "csrfmiddlewaretoken": sessions[i].cookies["csrftoken"],
            },
            headers={"Referer": live_server.url},
            allow_redirects=False,
        )

    threads = [threading.Thread(target=pay, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(r.status_code for r in results) == [302, 409]
    line.refresh_from_db()
    assert line.status == "paid" and line.paid_on == date(2025, 12, 30)
    from ground.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="payout_paid").count() == 1


def test_a_bad_income_form_is_shown_again_with_its_errors_and_what_was_typed(client, people):
    """Letters in the amount, an empty form, 31/02: the page again (400), each error at its field, nothing lost."""
    login(client, people["thuongtruc"])
    typed = {
        "action": "income",
        "year": 2026,
        "received_on": "2026-03-02",
        "source": "other",
        "amount": "năm triệu",
        "document": "QĐ 15/QĐ-UBND",
        "description": "Kinh phí bổ sung",
    }
    response = client.post("/fund/", typed)
    assert response.status_code == 400
    form = response.context["income_form"]
    assert list(form.errors) == ["amount"]
    html = response.content.decode()
    assert "Nhập số tiền bằng đồng" in html
    for value in ("năm triệu", "QĐ 15/QĐ-UBND", "Kinh phí bổ sung", 'value="2026-03-02"'):
        assert value in html
    assert '<option value="other" selected>' in html

    response = client.post("/fund/", {"action": "income", "year": 2026})
    assert response.status_code == 400
    assert set(response.context["income_form"].errors) == {"received_on", "source", "amount"}
    assert response.content.decode().count("Trường này là bắt buộc.") == 3

    response = client.post("/fund/", {**typed, "received_on": "31/02/2026", "amount": "5.000.000"})
    assert response.status_code == 400
    assert list(response.context["income_form"].errors) == ["received_on"]
    html = response.content.decode()
    assert "Hãy nhập ngày hợp lệ." in html and 'value="5.000.000"' in html
    assert not FundIncome.objects.exists()

    # typed as people do: recorded, back to the year's page
    response = client.post("/fund/", {**typed, "amount": "5.000.000"})
    assert response.status_code == 302 and response["Location"] == "/fund/?year=2026"
    income = FundIncome.objects.get()
    assert (income.amount, income.received_on, income.source) == (5_000_000, date(2026, 3, 2), "other")
    # the auditor reads the page, without the form, and may not record
    login(client, people["kiemtra"])
    assert 'data-testid="income-form"' not in client.get("/fund/?year=2026").content.decode()
    assert client.post("/fund/", typed).status_code == 403


def test_a_years_page_shows_that_years_figures_and_the_balance_labelled_as_such(client, people):
    sec = people["thuongtruc"]
    for year, day, amount in ((2025, date(2025, 3, 1), 65_000_000), (2026, date(2026, 2, 1), 70_000_000)):
        services.fund_income_add(
            acting_user=sec, year=year, received_on=day, source="budget", amount=amount, document=f"TB {year}"
        )
    record = award(people, member(people, "llcs"), "LDTT", 2025, amount=710_000, number="40/QĐ-TCT")
    services.payout_mark_paid(acting_user=sec, payout_id=record.payout.pk, paid_on=date(2025, 12, 24))
    login(client, sec)

    page = client.get("/fund/", {"year": 2026, "on": "2026-06-30"})
    html = page.content.decode()
    assert page.context["ledger"]["totals"]["income"] == 70_000_000
    assert "Năm 2026: thu 70.000.000 đồng; chi theo các quyết định của năm: đã chi 0 đồng, chưa chi 0 đồng." in html
    assert "Số dư quỹ đến ngày 30/06/2026: 134.290.000 đồng" in html  # 65 + 70 million less 710.000, every year
    assert "TB 2026" in html and "TB 2025" not in html

    page = client.get("/fund/", {"year": 2025})
    html = page.content.decode()
    assert "Năm 2025: thu 65.000.000 đồng; chi theo các quyết định của năm: đã chi 710.000 đồng" in html
    assert "Số dư quỹ đến ngày 31/12/2025: 64.290.000 đồng" in html  # a past year: at its end, by default
    assert "TB 2025" in html and "TB 2026" not in html
    assert page.context["ledger"]["totals"]["paid"] == 710_000


def test_the_trail_names_an_income_in_vietnamese_whatever_the_users_language(people):
    """The audit trail is read by everyone as it was written: an object's name (here with its translated source) is
    stored in Vietnamese, also when the accountant works on the English site."""
    from django.utils import translation

    from ground.audit.models import AuditEvent

    with translation.override("en"):
        income = services.fund_income_add(
            acting_user=people["thuongtruc"], year=2026, received_on=date(2026, 1, 10), source="other", amount=1_000
        )
    event = AuditEvent.objects.get(action="fund_income_added", object_id=str(income.pk))
    assert event.object_repr == "10/01/2026 1.000 (Nguồn hợp pháp khác)", event.object_repr
