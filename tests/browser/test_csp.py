"""Every page works in Chromium under the Content-Security-Policy, which allows neither inline script nor inline style:
no `securitypolicyviolation` event and no CSP message on the console on the main pages of every role (the home page and
every entry of the role's menu, on a phone's screen, which they fit), no script error, the viewflow frontend draws its
menu, the language switch (a script file) still works, Swagger UI renders."""

import pytest

from tests.browser.test_ui import _login, browser  # noqa: F401
from tests.deadlines.timeline import at, travel
from tests.helpers import login, member, nominate, open_task, submit, task_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

# Each violation the page reports (blocked inline style or script, blocked source), kept across Turbo's visits.
_COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
});
"""

ROLES = (
    "admin",
    "truongkhoa.llcs",
    "thuongtruc",
    "hieutruong",
    "phohieutruong",
    "kiemtra",
    "canbo",
    "hoidong3",
    "vanthu",
)


def _watch(page):
    problems = []
    page.add_init_script(_COLLECT)
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def _visit(page, url, problems):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    problems.extend(f"{url}: {v}" for v in page.evaluate("window.__csp || []"))


def test_pages_work_under_the_content_security_policy(browser, live_server, client, people):  # noqa: F811
    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    page = browser.new_page(locale="vi-VN")
    problems, headers = _watch(page), {}
    page.on("response", lambda r: headers.setdefault(r.url, r.headers.get("content-security-policy")))
    _login(page, live_server, "truongkhoa.llcs")
    for path in ("/process/inbox/", "/dossiers/", f"/dossiers/{dossier.pk}/", "/council/posting/", "/notifications/"):
        _visit(page, f"{live_server.url}{path}", problems)
        assert page.locator(".vf-page__menu, vf-page-menu, .mdc-drawer").count() > 0, path
        if path == f"/dossiers/{dossier.pk}/":  # its eligibility panel, a Turbo frame, loaded under the policy too
            page.wait_for_selector("turbo-frame#eligibility-frame #eligibility[data-eligible]")
    with page.expect_navigation():  # our script file submits the form: wait for that page, not the old one
        page.select_option("select[name=language]", "en")
    page.wait_for_load_state("networkidle")
    assert page.locator("html[lang=en]").count() == 1 or "Dossiers" in page.content()
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container", timeout=20000)
    page.click(".opblock-summary >> nth=0")  # an operation opens (Swagger UI's own styles, set by script)
    page.wait_for_timeout(500)
    problems.extend(page.evaluate("window.__csp || []"))
    assert problems == []
    html = [url for url in headers if url.startswith(live_server.url) and "/static/" not in url]
    assert html and all("script-src 'self'" in (headers[url] or "") for url in html), headers
    for url in html:
        directives = dict(d.strip().split(" ", 1) for d in headers[url].split(";") if " " in d.strip())
        assert "unsafe-inline" not in directives["script-src"], url
        assert "unsafe-inline" not in directives["style-src"], url


PHONE = {"width": 390, "height": 844}


def _fits(page, url, wide):
    """The page is no wider than the phone's screen (a wide table scrolls inside its card, static/css/awards.css)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"] + 1:
        wide.append(f"{url}: {width}px")


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_of_each_role_raise_no_csp_violation_and_fit_a_phone(
    browser,  # noqa: F811
    live_server,
    client,
    people,
    username,
):
    nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    context = browser.new_context(locale="vi-VN", viewport=PHONE)
    page = context.new_page()
    problems = _watch(page)
    _visit(page, f"{live_server.url}/accounts/login/", problems)
    _login(page, live_server, username)
    problems.extend(f"/home/: {v}" for v in page.evaluate("window.__csp || []"))
    wide = []
    _fits(page, "/home/", wide)
    menu = page.locator(".vf-page__menu a[href]")
    links = {href for href in menu.evaluate_all("els => els.map(e => e.getAttribute('href'))") if href.startswith("/")}
    assert links, username
    for href in sorted(links):
        _visit(page, f"{live_server.url}{href}", problems)
        _fits(page, href, wide)
    context.close()
    assert problems == [], username
    assert wide == [], username


def test_an_overdue_task_is_marked_in_the_inbox_by_the_style_sheet(browser, live_server, client, people):  # noqa: F811
    """The inbox marks an overdue deadline red and bold: by its class, as an inline style would be refused."""
    with travel(at(2026, 2, 13)):  # the check is due 3 working days later, across Tết: 25/02/2026
        dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
        submit(client, people["truongkhoa.llcs"], dossier)
        login(client, people["thuongtruc"]).post(task_url(open_task(dossier), "assign"))
    page = browser.new_page(locale="vi-VN")
    problems = _watch(page)
    _login(page, live_server, "thuongtruc")
    _visit(page, f"{live_server.url}/process/inbox/", problems)
    overdue = page.locator(".aw-overdue", has_text="25/02/2026 17:00 · quá hạn")
    assert overdue.count() == 1, page.inner_text("main")
    assert overdue.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]") == [
        "rgb(183, 28, 28)",
        "600",
    ]
    assert problems == []
    page.close()
