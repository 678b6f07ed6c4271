"""Issue 16, consistency of the pages: one bundled font family with Vietnamese coverage on every page, a date picker
for every date field, the award list grouped by level with no default, the posting window's end on the dossier."""

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.contrib.staticfiles import finders

from domain.council.models import PostingEntry
from ground.organisation.models import AwardType
from interfaces.demo import seed as demo
from process.workflows import services as process
from tests.helpers import login, member, nominate

FONT_CSS = "/static/fonts/roboto/roboto.css"


def _font_links(page):
    return FONT_CSS in page and "roboto-fontface" not in page


def test_every_kind_of_page_uses_the_bundled_roboto(client, people, settings):
    settings.PUBLIC_PAGE_ENABLED = True
    # the login page (viewflow's lock screen) and the public page, anonymously
    for url in ("/accounts/login/", "/public/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _font_links(response.content.decode()), url
    # our pages, viewflow's inbox and the admin
    login(client, people["thuongtruc"])
    for url in ("/home/", "/dossiers/", "/process/inbox/", "/council/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _font_links(response.content.decode()), url
    login(client, people["admin"])
    response = client.get("/admin/")
    assert response.status_code == 200
    assert FONT_CSS in response.content.decode()
    # fonts come from our own origin only
    assert "font-src 'self'" in response["Content-Security-Policy"]


def test_the_font_files_cover_vietnamese_and_carry_their_licence(client):
    css = client.get(FONT_CSS)
    assert css.status_code == 200
    text = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()
    assert "font-family: 'Roboto'" in text
    # the Vietnamese subset: Ă Đ Ĩ Ũ Ơ Ư and the whole Latin Extended Additional block (ạ ả ấ ầ ẩ ẫ ậ ... ỹ)
    assert "U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0" in text
    assert "U+1EA0-1EF9" in text
    files = re.findall(r"url\(\./([^)]+)\)", text)
    assert any("vietnamese-400-normal" in f for f in files) and any("vietnamese-700-normal" in f for f in files)
    for name in files:
        assert finders.find(f"fonts/roboto/{name}"), name
    assert "SIL Open Font License" in open(finders.find("fonts/roboto/LICENSE"), encoding="utf-8").read()
    assert "Roboto" in client.get("/static/css/awards.css").getvalue().decode()


def _form_classes():
    import interfaces.web
    import process.workflows

    for package in (interfaces.web, process.workflows):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                ours = isinstance(value, type) and value.__module__ == module.__name__
                if ours and issubclass(value, forms.BaseForm):
                    yield value


def test_every_date_field_of_our_forms_has_the_date_picker():
    checked = []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField):
                assert getattr(field.widget, "input_type", "") == "date", (form_class, name)
                checked.append((form_class.__name__, name))
    assert ("RecordProvinceForm", "decision_date") in checked
    assert ("SessionCreateForm", "meeting_date") in checked


def test_date_fields_take_the_browsers_iso_value_and_dd_mm_yyyy(client, people):
    login(client, people["kiemtra"])
    for value in ("2026-01-02", "02/01/2026"):
        response = client.get("/audit/", {"date_from": value})
        assert response.status_code == 200, value
        page = response.content.decode()
        # the picker shows the date back (ISO in the value attribute; the browser displays dd/mm/yyyy)
        assert re.search(r'<input type="date" name="date_from" value="2026-01-02"', page), value
    page = login(client, people["thuongtruc"]).get("/council/new/").content.decode()
    assert re.search(r'<input type="date" name="meeting_date"', page)


def test_the_award_list_is_grouped_by_level_with_names_and_nothing_chosen(client, people):
    page = login(client, people["truongkhoa.xdd"]).get("/dossiers/new/", HTTP_ACCEPT_LANGUAGE="vi")
    select = re.search(r'<select name="award".*?</select>', page.content.decode(), re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups == ["Cấp trường", "Cấp tỉnh", "Cấp Nhà nước"]
    assert "selected" not in select.replace('value="" selected', "")
    assert re.search(r'<option value="" selected>', select)
    labels = re.findall(r'<option value="[^"]+">([^<]+)</option>', select)
    assert "Chiến sĩ thi đua cơ sở" in labels
    codes = set(AwardType.objects.values_list("code", flat=True))
    assert not any(code in label.split() for label in labels for code in codes), labels  # no codes such as CSTDCS
    # the form still takes the chosen award's code
    assert nominate(client, people["truongkhoa.xdd"], award="CSTDCS", person=member(people, "xdd")).award.code == (
        "CSTDCS"
    )


def test_without_a_choice_the_award_is_required(client, people):
    login(client, people["truongkhoa.xdd"])
    data = {"period": 2026, "award": "", "nominee_kind": "department", "achievements": "x"}
    response = client.post("/dossiers/new/", data, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code in (200, 400)
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_the_dossier_page_shows_the_end_of_its_posting(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
    demo._do(people["thuongtruc"], dossier, "accept")
    demo.run_session(people["thuongtruc"], [dossier])  # concluded: posted for objections
    dossier.refresh_from_db()
    assert dossier.status == "posted"
    entry = PostingEntry.objects.get(dossier=dossier)
    page = login(client, head).get(f"/dossiers/{dossier.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    shown = re.search(r'data-testid="posting-end">([^<]+)<', page).group(1)
    assert entry.closes_on.strftime("%d/%m/%Y") in shown and entry.opens_on.strftime("%d/%m/%Y") in shown
    assert "đến hết ngày" in shown
