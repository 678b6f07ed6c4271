"""Issue 16, consistency in Chromium under the Content-Security-Policy: our pages draw with the bundled Roboto (its
Vietnamese subset loaded from our origin), and a report asked for on the page is built by a real Celery worker while
the page's progress bar (static script, no inline code) moves to the download link."""

import re

import pytest

from tests.browser.test_ui import _login, browser  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.services]


def _watch(page):
    problems, fonts = [], []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: fonts.append(r.url) if "/fonts/" in r.url else None)
    return problems, fonts


def test_roboto_with_its_vietnamese_subset_on_our_pages(browser, live_server, people):  # noqa: F811
    page = browser.new_page(locale="vi-VN")
    problems, fonts = _watch(page)
    _login(page, live_server, "thuongtruc")
    for path in ("/home/", "/dossiers/", "/process/inbox/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        family = page.evaluate("getComputedStyle(document.querySelector('.aw-main, main, body')).fontFamily")
        assert family.startswith("Roboto"), (path, family)
        assert page.evaluate("document.fonts.check('16px Roboto', 'Thi đua, khen thưởng: Hồ sơ đề nghị ỹ Ư Ơ Đ')")
    assert any(re.search(r"/static/fonts/roboto/roboto-vietnamese-\d+-normal\.woff2$", url) for url in fonts), fonts
    assert all(url.startswith(live_server.url) for url in fonts)
    assert not any("roboto-fontface" in url or "Roboto-Regular" in url for url in fonts)
    assert problems == []


def test_a_report_job_moves_its_progress_bar_to_the_download(
    browser,  # noqa: F811
    live_server,
    people,
    celery_worker_process,
):
    page = browser.new_page(locale="vi-VN")
    problems, _fonts = _watch(page)
    polls, served = [], []
    page.on("request", lambda r: polls.append(r.url) if r.url.endswith("/progress/") else None)
    _login(page, live_server, "thuongtruc")
    page.goto(f"{live_server.url}/reports/?year=2026")
    page.on("response", lambda r: served.append(r) if re.search(r"/jobs/\d+/$", r.url) else None)
    with page.expect_navigation():
        page.click("[data-testid=prepare-year-end]")
    assert re.search(r"/jobs/\d+/$", page.url), page.url
    first = re.search(r'data-status="(\w+)"', served[0].text()).group(1)  # as the server drew the page
    page.wait_for_selector("[data-testid=job-download]", state="visible", timeout=90000)
    assert page.locator("[data-job-bar]").evaluate("bar => bar.value") == 100
    assert page.locator("[data-testid=job][data-status=done]").count() == 1
    assert "year-end-2026.docx" in page.locator("[data-job-filename]").inner_text()
    with page.expect_download() as download:
        page.click("[data-testid=job-download]")
    assert download.value.suggested_filename == "year-end-2026.docx"
    if first != "done":  # the bar moved by the static script's polling
        assert polls, "the page never polled its job's progress"
    assert problems == []
