"""Registrations: each department registers the titles it aims for by the deadline; lists, Excel out and in."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from domain.emulation.models import Movement, Registration, RegistrationDeadline
from ground.audit.models import AuditEvent
from tests.helpers import login, member

pytestmark = pytest.mark.django_db


def test_a_department_registers_until_the_deadline(client, rules):
    org, dept = rules["org"], rules["depts"]["llcs"]
    RegistrationDeadline.objects.create(organisation=org, year=2026, deadline=date(2026, 3, 25))
    Movement.objects.create(organisation=org, theme="Thi đua dạy tốt, học tốt", start=date(2026, 1, 1), document="1/KH")
    person = member(rules, "llcs")
    head = rules["truongkhoa.llcs"]
    with time_machine.travel(date(2026, 3, 20)):
        login(client, head)
        form = client.get("/registrations/register/", {"year": 2026})
        assert form.status_code == 200 and person.full_name in form.content.decode()
        wrong = client.post("/registrations/register/", {"year": 2026, "n_dept": "CSTDCS"})
        assert wrong.status_code == 400 and not Registration.objects.exists()  # an individual title for a collective
        data = {"year": 2026, "n_dept": "TTLDTT", f"n_{person.pk}": "CSTDCS"}
        assert client.post("/registrations/register/", data).status_code == 302
    assert set(Registration.objects.values_list("person_id", "award_code")) == {(None, "TTLDTT"), (person.pk, "CSTDCS")}
    event = AuditEvent.objects.get(action="registration_saved")
    assert event.changes[person.full_name] == [None, "CSTDCS"]

    with time_machine.travel(date(2026, 3, 26)):
        closed = client.post("/registrations/register/", {"year": 2026, "n_dept": ""})
        assert closed.status_code == 409 and "25/03/2026" in closed.content.decode()
        assert Registration.objects.count() == 2  # nothing lost
        page = client.get("/registrations/", {"year": 2026}).content.decode()
        assert "Thi đua dạy tốt, học tốt" in page and person.full_name in page

    other = login(client, rules["truongkhoa.xdd"]).get("/registrations/", {"year": 2026}).content.decode()
    assert person.full_name not in other  # another department's list
    export = login(client, rules["thuongtruc"]).get("/registrations/", {"year": 2026, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=2, values_only=True))
    assert set(rows) == {
        (2026, "llcs", dept.name, None, "TTLDTT"),
        (2026, "llcs", dept.name, person.full_name, "CSTDCS"),
    }


def _xlsx(rows):
    book = Workbook()
    book.active.append(["Năm", "Mã khoa", "Khoa", "Họ tên", "Mã"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("dang-ky.xlsx", out.getvalue())


def test_the_secretariat_imports_registration_spreadsheets(client, rules):
    person = member(rules, "xdd")
    login(client, rules["thuongtruc"])
    rows = [[2026, "xdd", "", person.full_name, "LDTT"], [2026, "xdd", "", None, "TTLDXS"]]
    bad = client.post("/registrations/import/", {"file": _xlsx(rows + [[2026, "nope", "", "", "LDTT"]])})
    assert bad.status_code == 400 and "Dòng 4" in bad.content.decode()
    assert not Registration.objects.exists()
    assert client.post("/registrations/import/", {"file": _xlsx(rows)}).status_code == 302
    rows[0][4] = "CSTDCS"
    assert client.post("/registrations/import/", {"file": _xlsx(rows)}).status_code == 302
    assert set(Registration.objects.values_list("person_id", "award_code")) == {(person.pk, "CSTDCS"), (None, "TTLDXS")}
    refused = login(client, rules["truongkhoa.xdd"]).post("/registrations/import/", {"file": _xlsx(rows)})
    assert refused.status_code == 403
