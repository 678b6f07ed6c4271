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
