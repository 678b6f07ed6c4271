"""The auditor's workspace: search, a dossier's timeline with its chart, exports; read-only; bounded queries."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ground.audit.models import AuditEvent
from ground.audit.services import record_event
from tests.helpers import act, council_select, login, member, nominate, sign_batch_pages, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def awarded(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    sign_batch_pages(client, people, dossier)
    return dossier


def test_search_by_dossier_person_department_action_and_dates(client, people, awarded):
    other = nominate(client, people["truongkhoa.xdd"], award="CSTDCS", person=member(people, "xdd"))
    login(client, people["kiemtra"])

    def actions(**params):
        page = client.get("/audit/", params)
        assert page.status_code == 200
        return [label for _event, label in page.context["rows"]], [e for e, _label in page.context["rows"]]

    _labels, events = actions(dossier=awarded.reference)
    # 19: the records clerk's issuing of the batch decision is the dossier's last event
    assert {e.dossier_id for e in events} == {awarded.pk} and len(events) == 19
    _labels, events = actions(person="hieutruong")
    assert {e.actor.username for e in events} == {"hieutruong"} and "decision_signed" in {e.action for e in events}
    _labels, events = actions(department=people["depts"]["xdd"].pk)
    assert {e.dossier_id for e in events} == {other.pk}
    _labels, events = actions(action="council_selected")
    assert [e.dossier_id for e in events] == [awarded.pk]
    today = awarded.events.first().at.astimezone().strftime("%d/%m/%Y")
    _labels, events = actions(dossier=awarded.reference, date_from=today, date_to=today)
    assert len(events) == 19
    _labels, events = actions(dossier=awarded.reference, date_from="01/01/2020", date_to="31/12/2020")
    assert events == []
    page = client.get("/audit/", {"date_from": "31/12/2026", "date_to": "01/01/2026"})
    assert page.status_code == 400 and "Ngày bắt đầu sau ngày kết thúc" in page.content.decode()


def test_event_list_queries_do_not_grow(client, people):
    login(client, people["kiemtra"])
    for i in range(60):
        record_event(actor=people["thuongtruc"], action="login", comment=str(i))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/audit/", {"action": "login"}).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for _i in range(60):
        record_event(actor=people["hieutruong"], action="login")
    assert count() == small


def test_dossier_timeline_shows_steps_durations_and_chart(client, people, awarded):
    login(client, people["kiemtra"])
    page = client.get(f"/audit/dossiers/{awarded.pk}/")
    assert page.status_code == 200
    steps = [s["name"] for s in page.context["steps"]]
    assert steps[:1] == ["start"] and {"check_completeness", "council_review", "posting", "sign_decision"} <= set(steps)
    assert all(s["duration_text"] for s in page.context["steps"])
    html = page.content.decode()
    assert page.context["chart_url"] in html
    assert client.get(page.context["chart_url"]).status_code == 200
    assert [row[0].action for row in page.context["rows"]][-2:] == ["decision_signed", "document_issued"]
    assert "Trạng thái: Chờ Hiệu trưởng ký → Được khen thưởng" in html


def test_dossier_trail_exports_json_and_pdf(client, people, awarded):
    login(client, people["kiemtra"])
    response = client.get(f"/audit/dossiers/{awarded.pk}/trail.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    trail = json.loads(response.content)
    doc = awarded.documents.get(kind="achievement_report")
    assert trail["documents"][0]["sha256"] == doc.sha256
    assert [e["action"] for e in trail["events"]][-2:] == ["decision_signed", "document_issued"]
    assert all(len(e["hash"]) == 64 for e in trail["events"])
    assert trail["events"][1]["prev_hash"] == trail["events"][0]["hash"] or trail["events"][1]["prev_hash"]
    response = client.get(f"/audit/dossiers/{awarded.pk}/trail.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="audit_exported", dossier=awarded, actor=people["kiemtra"]).count() == 2
    assert client.get(f"/audit/dossiers/{awarded.pk}/trail.xml").status_code == 404


def test_event_list_exports_csv_and_excel(client, people, awarded):
    login(client, people["kiemtra"])
    response = client.get("/audit/", {"dossier": awarded.reference, "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "Sự kiện" and len(rows) == 1 + 19
    response = client.get("/audit/", {"dossier": awarded.reference, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 19
    assert {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)} == {awarded.reference}


def test_workspace_is_for_auditors_only(client, people, awarded):
    for username in ("truongkhoa.llcs", "thuongtruc", "hieutruong"):
        login(client, people[username])
        assert client.get("/audit/").status_code == 403
        assert client.get(f"/audit/dossiers/{awarded.pk}/trail.json").status_code == 403
    assert AuditEvent.objects.filter(action="access_denied", data__path="/audit/").count() == 3


def test_verify_page(client, people):
    login(client, people["kiemtra"])
    page = client.get("/audit/verify/")
    assert page.status_code == 200 and page.context["result"]["ok"]
