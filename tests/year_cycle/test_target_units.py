"""A movement's target units and registration window are enforced on registration (đăng ký thi đua): a department
outside the target units is refused with a translated message naming the units, a movement without target units is
open to every unit, and a registration outside the window is refused; in the service, on the page and in the API
(over real HTTP, on the live server)."""

from datetime import timedelta

import pytest
import requests
from django.utils import timezone, translation

from domain.emulation import services
from domain.emulation.models import Registration
from ground.base import errors
from tests.helpers import member
from tests.year_cycle.factories import movement


def _movements(people):
    """This year's movements: one for the faculty of llcs only, one for every unit, one whose window is over."""
    today = timezone.localdate()
    org, depts = people["org"], people["depts"]
    targeted = movement(org, theme="Thi đua dạy tốt của khoa", year=today.year)
    targeted.target_departments.set([depts["llcs"]])
    everyone = movement(org, theme="Thi đua thường xuyên", year=today.year)
    closed = movement(
        org,
        theme="Thi đua chào mừng",
        year=today.year,
        registration_opens=today - timedelta(days=30),
        registration_closes=today - timedelta(days=1),
    )
    later = movement(org, theme="Thi đua cuối năm", year=today.year, registration_opens=today + timedelta(days=3))
    return today.year, targeted, everyone, closed, later


@pytest.mark.django_db
def test_the_service_refuses_a_department_outside_the_target_units(rules):
    year, targeted, everyone, closed, later = _movements(rules)
    outsider, insider = rules["truongkhoa.xdd"], rules["truongkhoa.llcs"]
    xdd, llcs = member(rules, "xdd"), member(rules, "llcs")
    with translation.override("vi"), pytest.raises(errors.NotInTargetUnits) as refused:
        services.registration_save(acting_user=outsider, year=year, choices={xdd.pk: "LDTT"}, movement_id=targeted.pk)
    message = str(refused.value.message)
    assert rules["depts"]["xdd"].name in message and rules["depts"]["llcs"].name in message
    assert "chỉ dành cho các đơn vị được phát động" in message
    assert refused.value.errors == {"movement": [message]}
    assert refused.value.status == 400 and refused.value.code == "not_in_target_units"
    assert not Registration.objects.exists()
    # the target unit registers; a movement without target units is open to every unit
    services.registration_save(acting_user=insider, year=year, choices={llcs.pk: "LDTT"}, movement_id=targeted.pk)
    services.registration_save(acting_user=outsider, year=year, choices={xdd.pk: "LDTT"}, movement_id=everyone.pk)
    assert dict(Registration.objects.values_list("person_id", "movement_id")) == {
        llcs.pk: targeted.pk,
        xdd.pk: everyone.pk,
    }
    # the window: over yesterday, or not yet open, refused whatever the unit
    for shut in (closed, later):
        with pytest.raises(errors.RegistrationClosed):
            services.registration_save(acting_user=outsider, year=year, choices={xdd.pk: "CSTDCS"}, movement_id=shut.pk)
    assert Registration.objects.get(person=xdd).award_code == "LDTT"  # nothing lost


def _session(live_server, username):
    s = requests.Session()
    page = s.get(f"{live_server.url}/accounts/login/")
    s.post(
        f"{live_server.url}/accounts/login/",
        data={"username": username, "password": "demo", "csrfmiddlewaretoken": page.cookies["csrftoken"]},
        headers={"Referer": f"{live_server.url}/accounts/login/"},
    )
    return s


def _register_page(s, live_server, year, movement_id, person, code="LDTT"):
    return s.post(
        f"{live_server.url}/registrations/register/",
        data={
            "year": year,
            "movement": movement_id,
            f"n_{person.pk}": code,
            "csrfmiddlewaretoken": s.cookies["csrftoken"],
        },
        headers={"Referer": live_server.url, "Accept-Language": "vi"},
        allow_redirects=False,
    )


@pytest.mark.django_db(transaction=True)
def test_the_page_and_the_api_refuse_it_over_http(rules, live_server):
    year, targeted, everyone, closed, _later = _movements(rules)
    xdd, llcs = member(rules, "xdd"), member(rules, "llcs")
    xdd_dept, llcs_dept = rules["depts"]["xdd"].name, rules["depts"]["llcs"].name

    # the page: the form names each movement's target units; the refusal is shown on the form, in Vietnamese
    page = _session(live_server, "truongkhoa.xdd")
    form = page.get(f"{live_server.url}/registrations/register/", params={"year": year}).text
    assert f"Thi đua dạy tốt của khoa (chỉ dành cho: {llcs_dept})" in form
    refused = _register_page(page, live_server, year, targeted.pk, xdd)
    assert refused.status_code == 400
    assert "chỉ dành cho các đơn vị được phát động" in refused.text and xdd_dept in refused.text
    assert _register_page(page, live_server, year, closed.pk, xdd).status_code == 409
    assert not Registration.objects.exists()
    assert _register_page(page, live_server, year, everyone.pk, xdd).status_code == 302
    own = _register_page(_session(live_server, "truongkhoa.llcs"), live_server, year, targeted.pk, llcs)
    assert own.status_code == 302
    assert dict(Registration.objects.values_list("person_id", "movement_id")) == {
        xdd.pk: everyone.pk,
        llcs.pk: targeted.pk,
    }

    # the API, with a token
    token = requests.post(
        f"{live_server.url}/api/v1/auth/token/", json={"username": "truongkhoa.xdd", "password": "demo"}
    ).json()["token"]
    api = requests.Session()
    api.headers.update({"Authorization": f"Token {token}", "Accept-Language": "vi"})
    listed = api.get(f"{live_server.url}/api/v1/movements/", params={"year": year}).json()["results"]
    by_id = {m["id"]: m for m in listed}
    assert by_id[targeted.pk]["open_to_me"] is False and by_id[everyone.pk]["open_to_me"] is True
    assert by_id[targeted.pk]["target_departments"] == [{"id": rules["depts"]["llcs"].pk, "name": llcs_dept}]
    body = {"year": year, "movement": targeted.pk, "choices": [{"person": xdd.pk, "award": "CSTDCS"}]}
    answer = api.post(f"{live_server.url}/api/v1/registrations/", json=body)
    assert answer.status_code == 400
    assert answer.json()["code"] == "not_in_target_units"
    assert xdd_dept in answer.json()["detail"] and answer.json()["errors"]["movement"] == [answer.json()["detail"]]
    answer = api.post(f"{live_server.url}/api/v1/registrations/", json={**body, "movement": closed.pk})
    assert answer.status_code == 409 and answer.json()["code"] == "registration_closed"
    assert Registration.objects.get(person=xdd).award_code == "LDTT"  # unchanged
    answer = api.post(f"{live_server.url}/api/v1/registrations/", json={**body, "movement": everyone.pk})
    assert answer.status_code == 201
    assert answer.json()["registrations"] == [
        {
            "id": Registration.objects.get(person=xdd).pk,
            "year": year,
            "department": {"id": rules["depts"]["xdd"].pk, "name": xdd_dept},
            "person": {"id": xdd.pk, "name": xdd.full_name},
            "award_code": "CSTDCS",
            "movement": everyone.pk,
        }
    ]
    mine = api.get(f"{live_server.url}/api/v1/registrations/", params={"year": year}).json()
    assert [r["person"]["id"] for r in mine["results"]] == [xdd.pk]  # only the caller's department
