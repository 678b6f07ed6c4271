"""Issue 16, part 7: every page of every role, in Vietnamese and in English, opens and shows no UI string of the
other language (data such as names, titles and file names allowed: the database's own text is taken out first)."""

import re

import pytest

from .crawler import Catalog, crawl, data_strings, shape

pytestmark = pytest.mark.django_db

# one login per role (three council members: the chair, a recused nominee, an absent member)
ROLES = [
    "admin",
    "truongkhoa.llcs",
    "truongkhoa.xdd",
    "thuongtruc",
    "hoidong1",
    "hoidong3",
    "hoidong7",
    "hieutruong",
    "phohieutruong",
    "kiemtra",
    "canbo",
    "vanthu",
    "tinh",
]


def _crawl_every_role(client, demo, language):
    catalog = Catalog(data_strings())
    failures, untranslated, pages_seen, unframed = {}, {}, set(), set()
    for username in ROLES:
        statuses, pages = crawl(client, demo[username], language)
        pages_seen |= set(pages)
        for url, (status, from_menu) in statuses.items():
            if status != 200:
                failures[(username, url)] = (status, "menu" if from_menu else "link")
        for url, html in pages.items():
            if _whole_page(url, html) and "vf-page__menu" not in html:
                unframed.add(shape(url))
            for text in catalog.untranslated(html, language):
                untranslated.setdefault(text, (username, url))
    assert not unframed, f"pages without the side menu: {sorted(unframed)}"
    return failures, untranslated, pages_seen


def _whole_page(url, html):
    """An HTML page of the site (not the admin's, the API's documentation, a printout or a Turbo frame)."""
    return "<html" in html and not url.startswith(("/admin/", "/api/")) and "aw-print" not in html


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_of_every_role_opens_and_is_translated(client, whole_demo, language):
    failures, untranslated, pages_seen = _crawl_every_role(client, whole_demo, language)
    assert len(pages_seen) > 100  # different pages (each role sees many of them)
    # the forms two links away from a menu are read too (a department head's draft: edit, attach, withdraw)
    assert any(re.search(r"/dossiers/\d+/(edit|documents|withdraw)/", url) for url in pages_seen)
    assert any(re.search(r"/process/\d+/\w+/\d+/", url) for url in pages_seen)  # task pages
    assert failures == {}, failures
    report = "\n".join(f"{text!r} on {url} ({user})" for text, (user, url) in sorted(untranslated.items()))
    assert not untranslated, f"{len(untranslated)} strings of the other language on {language} pages:\n{report}"


def test_the_reader_finds_english_and_vietnamese_ui_strings():
    """The crawl's reader itself: it sees viewflow's hard-coded English, our msgids, raw identifiers, and leaves
    data alone."""
    catalog = Catalog({"Nguyễn Văn Hùng", "Phiên họp Hội đồng số 4, năm 2026"})
    page = (
        "<html><body><i class='material-icons'>description</i><span>1-5 of 5</span><td>Nguyễn Văn Hùng</td>"
        "<h1>Phiên họp Hội đồng số 4, năm 2026</h1><th>Brief</th><td>check_completeness</td>"
        "<script>var x = 'Log out';</script>"
        "<button class='material-icons' aria-label='Open navigation menu'>menu</button>"
        "<td>QĐ</td><td>bao-cao.pdf</td></body></html>"
    )
    assert catalog.untranslated(page, "vi") == {"1-5 of 5", "Brief", "check_completeness", "Open navigation menu"}
    assert catalog.untranslated("<p>Hồ sơ</p><p>Nguyễn Văn Hùng</p><p>QĐ</p>", "en") == {"Hồ sơ"}
    assert shape("/dossiers/12/?page=3") == "/dossiers/N/?page"
