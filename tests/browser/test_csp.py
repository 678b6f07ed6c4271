"""Every page works in Chromium under the Content-Security-Policy (no inline script): no violation, no script error,
the viewflow frontend draws its menu, the language switch (a script file) still works, Swagger UI renders."""

import pytest

from tests.browser.test_ui import _login, browser  # noqa: F401
from tests.helpers import member, nominate

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_pages_work_under_the_content_security_policy(browser, live_server, client, people):  # noqa: F811
    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    page = browser.new_page(locale="vi-VN")
    problems, headers = [], {}
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: headers.setdefault(r.url, r.headers.get("content-security-policy")))
    _login(page, live_server, "truongkhoa.llcs")
    for path in ("/process/inbox/", "/dossiers/", f"/dossiers/{dossier.pk}/", "/council/posting/", "/notifications/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator(".vf-page__menu, vf-page-menu, .mdc-drawer").count() > 0, path
    with page.expect_navigation():  # our script file submits the form: wait for that page, not the old one
        page.select_option("select[name=language]", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html[lang=en]").count() == 1 or "Dossiers" in page.content()
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container", timeout=20000)
    assert problems == []
    html = [url for url in headers if url.startswith(live_server.url) and "/static/" not in url]
    assert html and all("script-src 'self'" in (headers[url] or "") for url in html), headers
    assert all("unsafe-inline" not in headers[url].split("script-src")[1].split(";")[0] for url in html)
