"""Every error code of the contract, each produced by a real case, always as {"detail", "code"}."""

import json
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from domain.dossiers.models import Dossier
from domain.province.services import sign
from ground.audit.models import AuditEvent
from ground.organisation.models import StaffMember
from tests.api.conftest import API, create_dossier, pdf_file, province_post, task_of
from tests.helpers import PDF, member, state

pytestmark = pytest.mark.django_db


def assert_error(response, status, code):
    assert response.status_code == status, (response.status_code, response.content[:500])
    body = response.json()
    assert body["code"] == code, body
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.fixture
def submitted(api, people):
    head = api("truongkhoa.llcs")
    dossier = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk)
    assert head.post(f"{API}/dossiers/{dossier['id']}/submit/").status_code == 200
    return Dossier.objects.get(pk=dossier["id"])


def test_401_without_or_with_a_bad_token(people):
    anonymous = APIClient()
    response = anonymous.get(f"{API}/dossiers/")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Token")
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert_error(bad.get(f"{API}/tasks/"), 401, "authentication_failed")
    wrong = anonymous.post(f"{API}/auth/token/", {"username": "thuongtruc", "password": "sai"}, format="json")
    assert_error(wrong, 401, "invalid_credentials")  # well formed, not authenticating: 401 (400 is a malformed body)


def test_404_for_another_departments_dossier(api, submitted):
    other = api("truongkhoa.xdd")
    pk = submitted.pk
    before = state(submitted)
    for response in (
        other.get(f"{API}/dossiers/{pk}/"),
        other.get(f"{API}/dossiers/{pk}/history/"),
        other.get(f"{API}/dossiers/{pk}/documents/{submitted.documents.get().pk}/"),
        other.post(f"{API}/dossiers/{pk}/withdraw/", {"reason": "thử"}, format="json"),
        other.post(f"{API}/dossiers/{pk}/documents/", {"kind": "evidence", "file": pdf_file()}, format="multipart"),
    ):
        assert_error(response, 404, "not_found")
    assert pk not in [d["id"] for d in other.get(f"{API}/dossiers/").json()["results"]]
    assert state(submitted) == before
    assert_error(other.get(f"{API}/dossiers/999999999/"), 404, "not_found")
    assert_error(other.get("/api/v1/no-such-thing/"), 404, "not_found")  # Django's own 404, same shape


def test_403_for_a_role_that_may_not_act(api, people, submitted):
    body = {"award": "LDTT", "period": 2026, "nominee": {"type": "person", "id": member(people, "llcs").pk}}
    assert_error(api("kiemtra").post(f"{API}/dossiers/", body, format="json"), 403, "permission_denied")
    task = task_of(api("thuongtruc"), submitted.pk)
    before = state(submitted)
    response = api("hieutruong").post(f"{API}/tasks/{task['id']}/complete/", {"action": "accept"}, format="json")
    assert_error(response, 403, "permission_denied")
    assert state(submitted) == before


def test_400_invalid_input_names_the_fields(api, people):
    head = api("truongkhoa.llcs")
    body = assert_error(head.post(f"{API}/dossiers/", {"nominee": {"type": "robot"}}, format="json"), 400, "invalid")
    assert set(body["errors"]) == {"award", "period", "nominee.type", "nominee.id"}
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    body = assert_error(head.post(f"{API}/dossiers/{draft['id']}/submit/"), 400, "invalid")
    assert list(body["errors"]) == ["documents"]  # a domain rule, same message as the page
    assert_error(head.get(f"{API}/dossiers/", {"period": "abc"}), 400, "invalid")


def test_405_method_not_allowed(api, submitted):
    assert_error(api("truongkhoa.llcs").get(f"{API}/dossiers/{submitted.pk}/submit/"), 405, "method_not_allowed")


def _second_secretary(people):
    user = get_user_model().objects.create_user("thuongtruc2", password="demo", first_name="Vũ Thị Hạnh")
    user.groups.add(Group.objects.get(name="secretariat"))
    StaffMember.objects.create(
        organisation=people["org"], department=people["depts"]["tchc"], full_name="Vũ Thị Hạnh", user=user
    )
    return user


def test_409_for_a_task_taken_or_done_by_someone_else(api, people, submitted):
    _second_secretary(people)
    first, second = api("thuongtruc"), api("thuongtruc2")
    task = task_of(first, submitted.pk)
    assert first.post(f"{API}/tasks/{task['id']}/claim/").status_code == 200
    assert task_of(second, submitted.pk) is None  # taken: no longer in the other's list
    before = state(submitted)
    taken = second.post(f"{API}/tasks/{task['id']}/complete/", {"action": "accept"}, format="json")
    assert "Trần Thị Thu Hằng" in assert_error(taken, 409, "task_taken")["detail"]
    assert_error(second.post(f"{API}/tasks/{task['id']}/claim/"), 409, "task_taken")
    assert state(submitted) == before
    assert first.post(f"{API}/tasks/{task['id']}/complete/", {"action": "accept"}, format="json").status_code == 200
    again = first.post(f"{API}/tasks/{task['id']}/complete/", {"action": "accept"}, format="json")
    assert_error(again, 409, "task_done")


def test_409_for_a_stale_version(api, people):
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    url = f"{API}/dossiers/{draft['id']}/"
    edited = head.patch(url, {"version": draft["version"], "achievements": "Bản 1"}, format="json")
    assert (edited.status_code, edited.json()["version"]) == (200, draft["version"] + 1)
    stale = head.patch(url, {"version": draft["version"], "achievements": "Bản cũ"}, format="json")
    assert_error(stale, 409, "stale")
    assert head.get(url).json()["achievements"] == "Bản 1"


def test_413_file_too_large(api, people, settings):
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    url = f"{API}/dossiers/{draft['id']}/documents/"
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (25 * 1024 * 1024))  # 25 MB against the 20 MB default
    assert_error(head.post(url, {"kind": "evidence", "file": big}, format="multipart"), 413, "file_too_large")
    settings.DOCUMENT_MAX_BYTES = 100  # under the body limit: the document service refuses it
    small_limit = head.post(url, {"kind": "evidence", "file": SimpleUploadedFile("b.pdf", PDF + b"0" * 200)})
    assert_error(small_limit, 413, "file_too_large")
    assert not Dossier.objects.get(pk=draft["id"]).documents.exists()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000  # any body over the limit, refused before it is read
    huge = b'{"achievements": "' + b"x" * 1001 + b'"}'
    too_large = head.post(f"{API}/dossiers/", data=huge, content_type="application/json")
    assert_error(too_large, 413, "request_too_large")


def test_415_file_type_checked_by_content(api, people):
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk, report=False)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = head.post(f"{API}/dossiers/{draft['id']}/documents/", {"kind": "evidence", "file": fake})
    assert_error(response, 415, "unsupported_file_type")
    assert not Dossier.objects.get(pk=draft["id"]).documents.exists()


def test_401_for_a_bad_province_signature_is_logged(people, submitted):
    answer = {"submission": "1/TTr-TCT", "dossier": submitted.reference, "result": "approved"}
    before = state(submitted)
    assert_error(province_post(APIClient(), answer, signature=""), 401, "authentication_failed")
    wrong = province_post(APIClient(), answer, signature="sha256=" + "0" * 64)
    assert_error(wrong, 401, "authentication_failed")
    # The body's own signature (the contract's) when a timestamp is sent: the timestamp is not covered.
    body = json.dumps(answer, ensure_ascii=False).encode()
    assert_error(province_post(APIClient(), answer, signature=sign(body)), 401, "authentication_failed")
    assert_error(province_post(APIClient(), answer, timestamp=int(time.time()) - 600), 401, "authentication_failed")
    assert_error(province_post(APIClient(), answer, timestamp="soon"), 401, "authentication_failed")
    wrong_body = province_post(APIClient(), answer, timestamp=False, signature="sha256=" + "0" * 64)
    assert_error(wrong_body, 401, "authentication_failed")
    assert state(submitted) == before
    refused = AuditEvent.objects.filter(action="province_signature_refused").order_by("id")
    reasons = ["missing", "wrong", "stale", "bad timestamp"]  # an address's same refusals of a minute: one event
    assert [(e.actor, e.data["reason"]) for e in refused] == [(None, reason) for reason in reasons]


def test_429_throttled_writes_and_token_requests(api, people, settings):
    head = api("truongkhoa.llcs")
    settings.API_THROTTLE_RATES = {"write": "2/min", "token": "2/min"}
    url = f"{API}/dossiers/"
    for _ in range(2):
        assert head.post(url, {}, format="json").status_code == 400
    throttled = head.post(url, {}, format="json")
    assert_error(throttled, 429, "throttled")
    assert int(throttled["Retry-After"]) > 0
    assert head.get(url).status_code == 200  # reads are not counted
    anonymous = APIClient()
    for _ in range(2):
        anonymous.post(f"{API}/auth/token/", {"username": "x", "password": "y"}, format="json")
    assert_error(anonymous.post(f"{API}/auth/token/", {"username": "x", "password": "y"}), 429, "throttled")


def test_messages_follow_accept_language(api, submitted):
    other = api("truongkhoa.xdd")
    url = f"{API}/dossiers/{submitted.pk}/"
    assert other.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"] == "Not found."
    vietnamese = other.get(url, HTTP_ACCEPT_LANGUAGE="vi").json()["detail"]
    assert vietnamese != "Not found." and "Không" in vietnamese
    anonymous = APIClient().get(f"{API}/tasks/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert anonymous == "Authentication credentials were not provided."


def test_drf_s_own_messages_are_vietnamese_by_default(api, people, client):
    anonymous = APIClient().get(f"{API}/tasks/").json()["detail"]
    assert anonymous == "Chưa có thông tin xác thực (chưa đăng nhập hoặc thiếu token)."
    head = api("truongkhoa.llcs")
    body = {"award": "LDTT", "period": "năm nay", "nominee": [1], "achievements": None}
    errors = head.post(f"{API}/dossiers/", body, format="json").json()["errors"]
    assert errors["period"] == ["Phải là một số nguyên hợp lệ."], errors
    unsupported = head.post(f"{API}/dossiers/", "x", content_type="text/plain").json()["detail"]
    assert unsupported == 'Không hỗ trợ kiểu nội dung "text/plain" trong yêu cầu.'
    client.force_login(people["truongkhoa.llcs"])  # a session's write without the page's token
    client.handler.enforce_csrf_checks = True
    refused = client.post(f"{API}/dossiers/", {}, content_type="application/json")
    assert refused.status_code == 403 and "tải lại trang" in refused.json()["detail"]
