"""Dates read and typed as dd/mm/yyyy in a browser whose own language is English (its date field would show
mm/dd/yyyy), the page itself staying Vietnamese."""

import pytest

from tests.browser.test_ui import _login, browser  # noqa: F401  (the module's Chromium fixture)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_date_field_is_dd_mm_yyyy_in_an_english_browser(browser, live_server, people):  # noqa: F811
    page = browser.new_page(locale="en-US")
    _login(page, live_server, "kiemtra")
    page.goto(f"{live_server.url}/audit/?date_from=2026-01-02")
    assert page.locator("html").get_attribute("lang") == "vi"
    field = page.locator("input[name=date_from]")
    assert (field.get_attribute("type"), field.input_value()) == ("text", "02/01/2026")
    assert page.locator(".aw-date button[aria-label='Chọn ngày']").count() >= 1  # the calendar's button
    field.fill("03/02/2026")
    field.press("Enter")
    page.wait_for_url("**date_from=03%2F02%2F2026**")
    assert page.locator("input[name=date_from]").input_value() == "03/02/2026"
    page.close()
