"""The overview's charts draw in Chromium under the Content-Security-Policy (Chart.js from our static files, data from
json_script), and the printed list opens without a script error (issue 16)."""

import threading

import pytest

from tests.browser.test_ui import _login, browser  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_overview_charts_and_printed_list(browser, live_server, people):  # noqa: F811
    from django.db import connection

    from interfaces.demo import seed as demo

    def seed():  # in a thread of its own: the signatures run an asyncio loop, and Playwright's runs in this one
        try:
            demo.seed_dossiers(people["depts"], people)
        finally:
            connection.close()

    worker = threading.Thread(target=seed)
    worker.start()
    worker.join()
    page = browser.new_page(locale="vi-VN")
    problems, outside = [], []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    _login(page, live_server, "thuongtruc")
    page.goto(f"{live_server.url}/home/")
    page.click("[data-testid=home-overview]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Tổng quan")
    for kind in ("status", "departments", "awards"):
        drawn = page.evaluate(
            "k => { const c = document.querySelector(`canvas[data-chart=${k}]`);"
            " return !!(window.Chart && c && window.Chart.getChart(c)); }",
            kind,
        )
        assert drawn, kind
    page.goto(f"{live_server.url}/dossiers/?print=1&status=accepted")
    page.wait_for_load_state("networkidle")
    assert page.locator("table tbody tr").count() >= 1
    assert problems == [] and outside == []
