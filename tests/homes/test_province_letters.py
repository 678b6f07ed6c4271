"""Issue 15: the secretariat's province page shows one row per submission letter — its number and date, the dossiers
it carries, the delivery's status and attempts, and the province's answers per dossier or for the whole letter."""

import datetime as dt
import re

import pytest
from django.conf import settings

from domain.province.models import Delivery
from process.workflows import services as process
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _page(client, user, lang="vi"):
    client = login(client, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang  # as the language switch leaves it
    response = client.get("/province/")
    assert response.status_code == 200
    return response


def _row(response, state):
    rows = next(rows for s, _label, rows in response.context["groups"] if s == state)
    return rows


def _letter(html, symbol):
    """The HTML of the letter's row."""
    match = re.search(rf'<tr data-letter="{re.escape(symbol)}">(.*?)</tr>', html, re.S)
    assert match, symbol
    return match.group(1)


def test_one_row_per_letter_with_its_dossiers_and_each_dossiers_answer(client, demo):
    sec, province = demo["thuongtruc"], demo["tinh"]
    delivery = Delivery.objects.select_related("issued").get()  # the demo's letter proposing three dossiers
    letter = delivery.issued
    dossiers = list(letter.dossiers.order_by("id"))
    assert len(dossiers) == 3

    response = _page(client, sec)
    html = response.content.decode()
    assert html.count("<tr data-letter=") == 1  # one row for the letter, not one per dossier nor per first dossier
    (row,) = _row(response, "delivered")
    assert (row.symbol, row.dossier_count, row.attempts) == (letter.symbol, 3, delivery.attempts)
    cells = _letter(html, letter.symbol)
    assert f'href="/official/batches/{letter.pk}/"' in cells and letter.issued_on.strftime("%d/%m/%Y") in cells
    assert '<td data-testid="dossier-count">3</td>' in cells
    assert "Đã gửi" in cells and "Số lần gửi" in html and "Kết quả của tỉnh" in html
    for dossier in dossiers:
        assert f'href="/dossiers/{dossier.pk}/"' in cells and dossier.reference in cells
    assert cells.count('data-result="waiting"') == 3 and cells.count("chờ tỉnh trả lời") == 3

    # The province answers dossier by dossier: one approved, one returned for correction.
    first, second, third = dossiers
    day = dt.date(2026, 11, 20)
    process.province_decision_receive(
        actor=province,
        dossier_reference=first.reference,
        submission=letter.symbol,
        result="approved",
        decision_number="1234/QĐ-UBND",
        decision_date=day,
    )
    process.province_decision_receive(
        actor=province,
        dossier_reference=second.reference,
        submission=letter.symbol,
        result="returned",
        note="Thiếu báo cáo thành tích có xác nhận.",
    )
    response = _page(client, sec)
    cells = _letter(response.content.decode(), letter.symbol)
    (row,) = _row(response, "delivered")  # one still waits: the letter is not answered yet
    assert [a.result for a in row.dossiers] == ["approved", "returned", None]
    assert f'data-dossier="{first.reference}" data-result="approved"' in cells
    assert f'data-dossier="{second.reference}" data-result="returned"' in cells
    assert f'data-dossier="{third.reference}" data-result="waiting"' in cells
    assert "Đồng ý: 1" in cells and "Trả lại để bổ sung: 1" in cells and "Đang chờ: 1" in cells
    assert 'data-testid="whole-letter"' not in cells

    process.province_decision_receive(
        actor=province,
        dossier_reference=third.reference,
        submission=letter.symbol,
        result="rejected",
        note="Chưa đủ tiêu chuẩn.",
    )
    response = _page(client, sec, lang="en")
    (row,) = _row(response, "acknowledged")
    assert _row(response, "delivered") == []
    cells = _letter(response.content.decode(), letter.symbol)
    assert "Approved: 1" in cells and "Returned for correction: 1" in cells and "Not approved: 1" in cells


def test_an_answer_for_the_whole_letter_shows_once_for_the_letter(client, demo, django_assert_max_num_queries):
    sec = demo["thuongtruc"]
    letter = Delivery.objects.select_related("issued").get().issued
    process.province_letter_decision_receive(
        actor=demo["tinh"],
        submission=letter.symbol,
        result="approved",
        decision_number="77/QĐ-UBND",
        decision_date=dt.date(2026, 11, 25),
    )
    response = _page(client, sec)
    (row,) = _row(response, "acknowledged")
    cells = _letter(response.content.decode(), letter.symbol)
    assert 'data-testid="whole-letter"' in cells and "Cả tờ trình: Đồng ý" in cells
    assert cells.count('data-result="approved"') == 3
    english = _letter(_page(client, sec, lang="en").content.decode(), letter.symbol)
    assert "Whole letter: Approved" in english
    # a fixed number of queries whatever the number of letters and dossiers
    login(client, sec)
    with django_assert_max_num_queries(20):
        assert client.get("/province/").status_code == 200


def test_only_the_secretariat_opens_the_province_page(client, demo):
    for username in ("canbo", "truongkhoa.xdd"):
        assert login(client, demo[username]).get("/province/").status_code == 403
