"""Uploads: checked by content, hashed, versioned; bad input answered clearly and nothing lost."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import PDF, login, member, nominate

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, people):
    return nominate(
        client,
        people["truongkhoa.llcs"],
        award="LDTT",
        person=member(people, "llcs"),
        report=False,
    )


def test_upload_records_hash_size_type_version(client, people, draft):
    login(client, people["truongkhoa.llcs"])
    client.post(
        f"/dossiers/{draft.pk}/documents/", {"kind": "achievement_report", "file": SimpleUploadedFile("bc.pdf", PDF)}
    )
    doc = draft.documents.get()
    assert (doc.sha256, doc.size, doc.content_type, doc.version) == (
        hashlib.sha256(PDF).hexdigest(),
        len(PDF),
        "application/pdf",
        1,
    )
    assert doc.uploaded_by == people["truongkhoa.llcs"]


def test_wrong_type_is_refused_by_content(client, people, draft):
    login(client, people["truongkhoa.llcs"])
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(f"/dossiers/{draft.pk}/documents/", {"kind": "evidence", "file": fake})
    assert response.status_code == 415
    assert "không được chấp nhận" in response.content.decode()
    assert not draft.documents.exists()


def test_oversized_is_refused(client, people, draft, settings):
    settings.DOCUMENT_MAX_BYTES = 100
    login(client, people["truongkhoa.llcs"])
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    response = client.post(f"/dossiers/{draft.pk}/documents/", {"kind": "evidence", "file": big})
    assert response.status_code == 413
    assert not draft.documents.exists()


def test_stale_edit_is_refused_and_keeps_input(client, people, draft):
    login(client, people["truongkhoa.llcs"])
    assert (
        client.post(f"/dossiers/{draft.pk}/edit/", {"version": draft.version, "achievements": "Bản 1"}).status_code
        == 302
    )
    response = client.post(f"/dossiers/{draft.pk}/edit/", {"version": draft.version, "achievements": "Bản cũ"})
    assert response.status_code == 409
    assert "Bản cũ" in response.content.decode()  # what the user typed is still in the form
    draft.refresh_from_db()
    assert draft.achievements == "Bản 1"
