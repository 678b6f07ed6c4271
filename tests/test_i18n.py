"""Vietnamese by default, English by switch; dates dd/mm/yyyy; Asia/Ho_Chi_Minh."""

import pytest
from django.conf import settings
from django.utils import formats, translation

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese_by_default(client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'lang="vi"' in page.content.decode()
    assert "Đăng nhập" in page.content.decode()


def test_vietnamese_whatever_the_browser_s_language_until_the_user_switches(client, people, settings):
    """A browser installed in English sends ``Accept-Language: en-US``: the pages stay Vietnamese (the school's
    language) until the user picks English with the switch, which the login and public pages offer too; the API
    follows ``Accept-Language`` as its contract says."""
    settings.PUBLIC_PAGE_ENABLED = True
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    for path in ("/accounts/login/", "/public/"):
        page = client.get(path, **english_browser).content.decode()
        assert 'lang="vi"' in page and 'name="language"' in page, path
    client.force_login(people["thuongtruc"])
    assert "Hồ sơ đề nghị khen thưởng" in client.get("/dossiers/", **english_browser).content.decode()
    api = client.get("/api/v1/dossiers/999999/", **english_browser).json()
    assert api["detail"] == "Not found."
    client.post("/i18n/setlang/", {"language": "en", "next": "/dossiers/"})
    assert 'lang="en"' in client.get("/dossiers/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()


def test_english_by_switch(client, people):
    client.force_login(people["thuongtruc"])
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/dossiers/"})
    assert response.status_code == 302
    page = client.get("/dossiers/").content.decode()
    assert 'lang="en"' in page and "Award dossiers" in page
    client.post("/i18n/setlang/", {"language": "vi", "next": "/dossiers/"})
    assert "Hồ sơ đề nghị khen thưởng" in client.get("/dossiers/").content.decode()


def test_dates_and_time_zone():
    import datetime

    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    for lang in ("vi", "en"):
        with translation.override(lang):
            assert formats.date_format(datetime.date(2026, 4, 30), "SHORT_DATE_FORMAT") == "30/04/2026"


def test_every_role_reaches_its_inbox(client, people):
    for username in ("admin", "truongkhoa.llcs", "truongkhoa.xdd", "thuongtruc", "hoidong1", "hieutruong", "kiemtra"):
        client.logout()
        response = client.post("/accounts/login/", {"username": username, "password": "demo"})
        assert response.status_code == 302, username
        inbox = client.get("/process/inbox/")
        assert inbox.status_code == 200, username
        assert "Việc của tôi" in inbox.content.decode(), username
