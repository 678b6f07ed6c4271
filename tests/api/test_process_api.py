"""The whole process for both branches driven only through the API, each role with its own token."""

import json
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient
from viewflow.workflow.models import Task

from domain.dossiers.models import AwardRecord, Dossier
from domain.province.services import sign
from process.workflows.council import postings_close_due
from tests.api.conftest import API, complete, create_dossier, pdf_file, province_post, sign_through_api, task_of
from tests.helpers import PDF, act, council_select, member

pytestmark = pytest.mark.django_db


def test_school_award_through_the_api(api, people, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token": "100/min"}  # twelve logins, one address
    head, sec, principal, auditor = api("truongkhoa.llcs"), api("thuongtruc"), api("hieutruong"), api("kiemtra")
    nominee = member(people, "llcs")
    awards = {a["code"]: a for a in head.get(f"{API}/awards/", {"period": 2026, "page_size": 200}).json()["results"]}
    assert awards["CSTDCS"]["decided_by"] == "unit" and awards["CSTDCS"]["subject"] == "individual"
    staff = head.get(f"{API}/staff/", {"page_size": 200}).json()["results"]
    assert nominee.pk in {s["id"] for s in staff}
    assert {s["department"]["id"] for s in staff} == {nominee.department_id}  # a head sees their own staff

    dossier = create_dossier(head, award="CSTDCS", nominee_id=nominee.pk)
    assert (dossier["status"], dossier["nominee"]["name"], dossier["period"]) == ("draft", nominee.full_name, 2026)
    eligibility = dossier["eligibility"]  # the rules, with reasons (shown to the council; not blocking here)
    assert eligibility["eligible"] is False and eligibility["blocking"] == []
    assert (
        "Chưa đạt: Chưa được tặng Lao động tiên tiến năm 2026. (Điều 23 Luật Thi đua, khen thưởng 2022)"
        in eligibility["reasons"]
    )
    pk = dossier["id"]
    submitted = head.post(f"{API}/dossiers/{pk}/submit/", {}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert (submitted.json()["status"], submitted.json()["current_step"]) == ("submitted", "check_completeness")

    task = task_of(sec, pk)
    assert (task["step"], task["actions"], task["assignee"]) == ("check_completeness", ["accept", "return"], None)
    assert task["due_at"].endswith("T17:00:00+07:00")  # the end of a working day (deadlines)
    claimed = sec.post(f"{API}/tasks/{task['id']}/claim/")
    assert (claimed.status_code, claimed.json()["assignee"]) == (200, "thuongtruc")
    assert complete(sec, pk, "accept")["status"] == "accepted"
    assert task_of(sec, pk) is None  # waiting for the council: a session, not a task

    # The council's session, each role with its own token: the secretariat convenes it with the dossier ...
    assert sec.get(f"{API}/council/sessions/").json()["count"] == 0
    body = {"period": 2026, "title": "", "meeting_date": "2026-12-01", "place": "Phòng họp", "dossiers": [pk]}
    created = sec.post(f"{API}/council/sessions/", body, format="json")
    assert created.status_code == 201, created.content
    session = created.json()
    sid, ballot = session["id"], session["ballots"][0]
    assert (session["status"], ballot["dossier"]["id"], ballot["status"]) == ("prepared", pk, "pending")
    assert (ballot["secret"], ballot["threshold_percent"], ballot["threshold_base"]) == (False, 70, "members")
    seats = {row["username"]: row["member"] for row in session["attendance"]}
    assert len(seats) == 8 and session["quorum"] == {"present": 0, "members": 8, "needed": 6, "reached": False}
    assert sec.get(f"{API}/council/sessions/{sid}/candidates/").json()["count"] == 0  # on the agenda already
    # ... records who is present and opens it ...
    present = sec.post(f"{API}/council/sessions/{sid}/attendance/", {"present": list(seats.values())}, format="json")
    assert present.json()["quorum"] == {"present": 8, "members": 8, "needed": 6, "reached": True}
    opened = sec.post(f"{API}/council/sessions/{sid}/open/")
    assert (opened.status_code, opened.json()["ballots"][0]["status"]) == (200, "open")
    # ... every member votes with their own token (the secretary holds a seat too) ...
    for username in [f"hoidong{i}" for i in range(1, 8)] + ["thuongtruc"]:
        vote = api(username).post(f"{API}/council/ballots/{ballot['id']}/vote/", {"choice": "approve"}, format="json")
        assert vote.status_code == 201, (username, vote.content)
        assert (vote.json()["receipt"], vote.json()["ballot"]["voted_by_me"]) == (None, True)  # an open ballot
    # ... the secretariat closes the vote and concludes: the dossier is posted for objections.
    closed = sec.post(f"{API}/council/ballots/{ballot['id']}/close/").json()
    assert (closed["approvals"], closed["base_count"], closed["percent"], closed["passed"]) == (8, 8, 100.0, True)
    concluded = sec.post(f"{API}/council/sessions/{sid}/conclude/").json()
    assert concluded["status"] == "concluded" and concluded["ballots"][0]["selected"] is True
    minutes = auditor.get(concluded["minutes"])
    assert minutes.status_code == 200 and b"".join(minutes.streaming_content).startswith(b"%PDF")
    posted = api("canbo").get(f"{API}/council/postings/").json()["results"]  # every staff member sees the list
    assert [(p["dossier"]["id"], p["status"], p["open_objections"]) for p in posted] == [(pk, "open", 0)]
    assert head.get(f"{API}/dossiers/{pk}/").json()["status"] == "posted"

    # The posting window passes (the beat job's service, run after the window's close): on to the principal.
    closes_at = datetime.fromisoformat(posted[0]["closes_at"])
    assert postings_close_due(now=closes_at + timedelta(seconds=1)) == 1
    assert task_of(sec, pk) is None and task_of(principal, pk)["step"] == "sign_decision"
    (decision,) = sign_through_api(api, pk)
    assert [d["id"] for d in decision["dossiers"]] == [pk]
    signed = principal.get(f"{API}/dossiers/{pk}/").json()
    assert (signed["status"], signed["decision_number"], signed["tasks"]) == ("awarded", "01/QĐ-TCT", [])
    assert [(d["id"], d["symbol"]) for d in signed["issued_documents"]] == [(decision["id"], "01/QĐ-TCT")]
    check = auditor.get(f"{API}/batches/{decision['id']}/verify/").json()
    assert check["ok"] and check["trusted"] and check["matches_record"]

    record = AwardRecord.objects.get(dossier_id=pk)
    assert (record.person, record.award.code) == (nominee, "CSTDCS")
    history = auditor.get(f"{API}/dossiers/{pk}/history/").json()
    trail = [(e["action"], e["actor"], e["step"]) for e in history["results"]]
    assert trail == [
        ("dossier_created", "truongkhoa.llcs", "nominate"),
        ("document_uploaded", "truongkhoa.llcs", ""),
        ("dossier_submitted", "truongkhoa.llcs", "nominate"),
        ("task_claimed", "thuongtruc", "check_completeness"),
        ("completeness_accepted", "thuongtruc", "check_completeness"),
        ("council_agenda_added", "thuongtruc", ""),
        *[("vote_cast", f"hoidong{i}", "council_review") for i in range(1, 8)],
        ("vote_cast", "thuongtruc", "council_review"),
        ("ballot_closed", "thuongtruc", "council_review"),
        ("council_selected", "thuongtruc", "council_review"),
        ("document_uploaded", "thuongtruc", ""),  # the session's minutes
        ("posting_closed", None, "posting"),  # the system: no user
        ("decision_signed", "hieutruong", "sign"),
        ("document_issued", "vanthu", "issue"),
    ]
    assert set(history["results"][0]) >= {"at", "actor", "role", "action", "step", "comment", "data", "hash"}
    assert history["results"][0]["role"] == "department_head"

    detail = auditor.get(f"{API}/dossiers/{pk}/").json()
    download = auditor.get(detail["documents"][0]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf_file().read()


def test_province_award_through_the_api(api, people, settings, province_stub, django_capture_on_commit_callbacks):
    settings.PROVINCE_ENDPOINT = province_stub.url
    head, sec, principal = api("truongkhoa.xdd"), api("thuongtruc"), api("hieutruong")
    pk = create_dossier(head, award="BANGKHEN_TINH", nominee_id=member(people, "xdd").pk)["id"]
    head.post(f"{API}/dossiers/{pk}/submit/")
    complete(sec, pk, "accept")
    council_select(people, Dossier.objects.get(pk=pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_through_api(api, pk, signer="hieutruong")
        assert principal.get(f"{API}/dossiers/{pk}/").json()["status"] == "proposed"
    jobs = [c for c in callbacks if "CeleryJobActivation" in getattr(c, "__qualname__", "")]
    assert len(jobs) == 1  # the forward job, dispatched on commit

    # The job as the worker runs it (tests/test_province_worker.py runs it in a real Celery worker).
    from process.workflows.services import job_forward_to_province

    job_forward_to_province(Task.objects.get(process__dossierprocess__dossier_id=pk, flow_task_type="JOB").pk)
    dossier = sec.get(f"{API}/dossiers/{pk}/").json()
    assert (dossier["status"], dossier["current_step"]) == ("forwarded", "record_province")

    taken = sec.post(f"{API}/tasks/{task_of(sec, pk)['id']}/claim/")  # a secretary took the entry of the decision
    assert taken.status_code == 200
    province = APIClient()  # the province's system: no token, its signature authenticates it
    answer = {
        "submission": "01/TTr-TCT",
        "dossier": dossier["reference"],
        "result": "approved",
        "decision_number": "1234/QĐ-UBND",
        "decision_date": "2026-12-20",
        "note": "",
    }
    # Signed as the contract says (the body's HMAC, no timestamp), the hex digits in upper case.
    body = json.dumps(answer, ensure_ascii=False).encode()
    response = province_post(province, answer, timestamp=False, signature="SHA256=" + sign(body)[7:].upper())
    assert response.status_code == 200, response.content
    assert response.json() == {"dossier": dossier["reference"], "status": "awarded", "recorded": True}
    events = AwardRecord.objects.get(dossier_id=pk).dossier.events.count()

    # The province retries, with a field of its newer version: nothing changes, and the field is no refusal (a
    # system outside the school; our own clients are told of a field we do not take).
    again = province_post(province, {**answer, "signed_by": "Chủ tịch UBND tỉnh"})
    assert (again.status_code, again.json()["recorded"]) == (200, False)
    assert AwardRecord.objects.get(dossier_id=pk).dossier.events.count() == events
    conflicting = province_post(province, {**answer, "decision_number": "999/QĐ-UBND"})
    assert (conflicting.status_code, conflicting.json()["code"]) == (409, "conflict")

    record = AwardRecord.objects.get(dossier_id=pk)
    assert (record.decision_number, record.decision_date.isoformat()) == ("1234/QĐ-UBND", "2026-12-20")
    last = sec.get(f"{API}/dossiers/{pk}/history/").json()["results"][-1]
    assert (last["action"], last["actor"], last["step"]) == ("province_approved", "tinh", "record_province")
    assert last["data"]["submission"] == "01/TTr-TCT"


def _forwarded(api, people, province_stub, settings, capture):
    settings.PROVINCE_ENDPOINT = province_stub.url
    head, sec = api("truongkhoa.llcs"), api("thuongtruc")
    pk = create_dossier(head, award="BANGKHEN_TINH", nominee_id=member(people, "llcs").pk)["id"]
    head.post(f"{API}/dossiers/{pk}/submit/")
    complete(sec, pk, "accept")
    council_select(people, Dossier.objects.get(pk=pk))
    with capture(execute=False):
        sign_through_api(api, pk, signer="hieutruong")
    from process.workflows.services import job_forward_to_province

    job_forward_to_province(Task.objects.get(process__dossierprocess__dossier_id=pk, flow_task_type="JOB").pk)
    return pk


def test_province_returns_a_dossier_for_correction(
    api, people, settings, province_stub, django_capture_on_commit_callbacks
):
    pk = _forwarded(api, people, province_stub, settings, django_capture_on_commit_callbacks)
    sec = api("thuongtruc")
    reference = sec.get(f"{API}/dossiers/{pk}/").json()["reference"]
    answer = {"submission": "01/TTr-TCT", "dossier": reference, "result": "returned"}
    refused = province_post(APIClient(), answer)
    assert (refused.status_code, list(refused.json()["errors"])) == (400, ["note"])  # a return needs its reason
    response = province_post(APIClient(), {**answer, "note": "Bổ sung bản sao quyết định công nhận sáng kiến."})
    assert (response.status_code, response.json()["status"]) == (200, "submitted")
    assert task_of(sec, pk)["step"] == "check_completeness"  # back to the completeness check


def test_secretariat_records_the_province_decision_through_the_api(
    api, people, settings, province_stub, django_capture_on_commit_callbacks
):
    pk = _forwarded(api, people, province_stub, settings, django_capture_on_commit_callbacks)
    sec = api("thuongtruc")
    missing = complete(sec, pk, "record", expect=400, result="approved")
    assert set(missing["errors"]) == {"decision_number", "decision_date"}
    done = complete(sec, pk, "record", result="approved", decision_number="77/QĐ-UBND", decision_date="2026-12-01")
    assert (done["status"], done["decision_number"], done["decision_date"]) == ("awarded", "77/QĐ-UBND", "2026-12-01")


def test_return_loop_through_the_api(api, people):
    head, sec = api("truongkhoa.llcs"), api("thuongtruc")
    pk = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk)["id"]
    head.post(f"{API}/dossiers/{pk}/submit/")
    missing_reason = complete(sec, pk, "return", expect=400)
    assert list(missing_reason["errors"]) == ["comment"]
    returned = complete(sec, pk, "return", comment="Thiếu minh chứng")
    assert (returned["status"], returned["status_reason"]) == ("returned", "Thiếu minh chứng")
    assert task_of(head, pk)["step"] == "correct"  # assigned back to the head who nominated
    upload = head.post(
        f"{API}/dossiers/{pk}/documents/",
        {"kind": "achievement_report", "file": SimpleUploadedFile("v2.pdf", PDF + b"% v2\n")},  # corrected
        format="multipart",
    )
    assert (upload.status_code, upload.json()["version"]) == (201, 2)
    resubmitted = head.post(f"{API}/dossiers/{pk}/submit/", {"comment": "Đã bổ sung"}, format="json").json()
    assert (resubmitted["status"], resubmitted["current_step"]) == ("submitted", "check_completeness")
    withdrawn = head.post(f"{API}/dossiers/{pk}/withdraw/", {"reason": "Cá nhân xin rút"}, format="json")
    assert (withdrawn.status_code, withdrawn.json()["status"], withdrawn.json()["tasks"]) == (200, "withdrawn", [])


def test_the_page_records_a_return_by_the_province_with_the_same_service(
    api, client, people, settings, province_stub, django_capture_on_commit_callbacks
):
    pk = _forwarded(api, people, province_stub, settings, django_capture_on_commit_callbacks)
    dossier = Dossier.objects.get(pk=pk)
    response = act(client, people["thuongtruc"], dossier, "record", "Tỉnh đề nghị bổ sung", result="returned")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
    event = dossier.events.get(action="province_returned")
    assert (event.actor.username, event.data["submission"]) == ("thuongtruc", "01/TTr-TCT")
