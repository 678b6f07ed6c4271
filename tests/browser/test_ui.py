"""The UI in a real browser (Debian's Chromium driven by Playwright) against the live server."""

import os

import pytest
from django.db import connections

from domain.dossiers.models import DossierStatus
from tests.helpers import member, nominate, submit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop shares the thread with the ORM
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium is missing: run `make test` (it installs Debian's chromium) or `apt-get install chromium`.",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            # Chromium's own language (its date fields: dd/mm/yyyy), as a Vietnamese user's browser has it; the
            # pages' language comes from each context's locale (Accept-Language).
            env={**os.environ, "LANGUAGE": "vi", "LANG": "vi_VN.UTF-8"},
            args=[
                "--lang=vi",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        # While Playwright's loop runs, Django keeps this thread's connections apart from the others (asgiref sees a
        # running loop): close them now, or they outlive the module and the test database cannot be dropped.
        connections.close_all()
        browser.close()


def _login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/home/")  # each role lands on its own home page (issue 16)


def test_secretariat_accepts_a_dossier_in_the_browser(browser, live_server, client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)

    page = browser.new_page(locale="vi-VN")
    _login(page, live_server, "thuongtruc")
    assert "Việc chờ nhận" in page.content()
    page.goto(f"{live_server.url}/dossiers/{dossier.pk}/")
    assert dossier.reference in page.content()
    # The eligibility panel loads after the page: the task's button must not move when it arrives.
    button = page.locator("text=Mở công việc")
    before = button.bounding_box()
    page.wait_for_selector("turbo-frame#eligibility-frame #eligibility[data-eligible]")
    assert button.bounding_box() == before
    button.click()
    page.wait_for_selector("textarea[name=comment]")
    page.fill("textarea[name=comment]", "Hồ sơ đầy đủ")
    page.click("button[value=accept]")
    page.wait_for_url(f"{live_server.url}/dossiers/{dossier.pk}/")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    assert "Hồ sơ đầy đủ" in page.content()
    page.close()


def test_auditor_follows_a_dossier_from_search_to_its_trail(browser, live_server, client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)

    page = browser.new_page(locale="vi-VN")
    _login(page, live_server, "kiemtra")
    page.goto(f"{live_server.url}/audit/")
    page.fill("input[name=dossier]", dossier.reference)
    page.click("form.aw-filters button[type=submit]")
    page.wait_for_url(f"{live_server.url}/audit/?**")
    assert page.locator("[data-testid=events] tbody tr").count() == 3  # created, attached, submitted
    page.click(f"text={dossier.reference}")
    page.wait_for_url(f"{live_server.url}/audit/dossiers/{dossier.pk}/")
    assert "Truy vết hồ sơ" in page.content()
    chart = page.locator("[data-testid=chart]")
    chart.wait_for()
    page.wait_for_function("document.querySelector('[data-testid=chart]').complete")
    assert page.evaluate("document.querySelector('[data-testid=chart]').naturalWidth") > 0  # the chart rendered
    assert page.locator("[data-testid=steps] tbody tr[data-step=check_completeness]").count() == 1
    page.screenshot(path="var/auditor-trail.png", full_page=True)
    page.close()
