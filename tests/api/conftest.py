"""API test fixtures: clients holding a real token per role, throttle counters of their own."""

import json
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from domain.province.services import sign
from tests.helpers import PDF

API = "/api/v1"


@pytest.fixture(autouse=True)
def _own_throttle_counters(settings):
    """Throttle counters in Redis under a prefix of this test's own, so runs side by side never share them."""
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": settings.CACHE_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


def token_for(username, password="demo"):
    response = APIClient().post(f"{API}/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


@pytest.fixture
def api(people):
    """api("thuongtruc") -> an APIClient that sends that user's token (obtained through the token endpoint)."""
    clients = {}

    def client_for(username):
        if username not in clients:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username)}")
            clients[username] = client
        return clients[username]

    return client_for


def pdf_file(name="bao-cao.pdf"):
    """A PDF whose bytes carry its name (the same file sent again is kept once)."""
    return SimpleUploadedFile(name, PDF + f"% {name}\n".encode(), content_type="application/pdf")


def create_dossier(client, *, award, nominee_id, nominee_type="person", year=2026, report=True):
    body = {
        "award": award,
        "period": year,
        "nominee": {"type": nominee_type, "id": nominee_id},
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
    }
    response = client.post(f"{API}/dossiers/", body, format="json")
    assert response.status_code == 201, response.content
    dossier = response.json()
    if report:
        upload = client.post(
            f"{API}/dossiers/{dossier['id']}/documents/",
            {"kind": "achievement_report", "file": pdf_file()},
            format="multipart",
        )
        assert upload.status_code == 201, upload.content
    return dossier


def task_of(client, dossier_id):
    """The one open task of a dossier in this user's task list, or None."""
    tasks = client.get(f"{API}/tasks/", {"page_size": 200}).json()["results"]
    mine = [t for t in tasks if t["dossier"]["id"] == dossier_id]
    assert len(mine) <= 1, mine
    return mine[0] if mine else None


def complete(client, dossier_id, action, expect=200, **fields):
    task = task_of(client, dossier_id)
    assert task is not None, f"no task of dossier {dossier_id} for this user"
    response = client.post(f"{API}/tasks/{task['id']}/complete/", {"action": action, **fields}, format="json")
    assert response.status_code == expect, response.content
    return response.json()


def province_post(client, payload, *, signature=None, timestamp=None):
    """A callback of the province: signed over ``X-Timestamp`` (now unless given) and the body; with
    ``timestamp=False``, as the contract signs it (the body alone, no ``X-Timestamp``)."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {}
    if timestamp is not False:
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers["HTTP_X_TIMESTAMP"] = str(timestamp)
    if signature != "":
        headers["HTTP_X_SIGNATURE"] = signature or sign(body, timestamp=timestamp or None)
    return client.post(f"{API}/province/decisions/", data=body, content_type="application/json", **headers)


def sign_through_api(api, *pks, signer="hieutruong"):
    """The batch path through the API with each role's token: drafted and sent by the secretariat, signed once
    (password confirmed), issued by the records clerk. Returns the documents as the API answered them."""
    sec = api("thuongtruc")
    drafted = sec.post(f"{API}/batches/", {"dossiers": list(pks)}, format="json")
    assert drafted.status_code == 201, drafted.content
    documents = []
    for document in drafted.json():
        assert sec.post(f"{API}/batches/{document['id']}/send/").status_code == 200
        signed = api(signer).post(f"{API}/batches/{document['id']}/sign/", {"confirm": "demo"}, format="json")
        assert signed.status_code == 200 and signed.json()["status"] == "signed", signed.content
        issued = api("vanthu").post(f"{API}/batches/{document['id']}/issue/")
        assert issued.status_code == 200 and issued.json()["status"] == "issued", issued.content
        documents.append(issued.json())
    return documents
