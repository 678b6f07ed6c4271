"""The audit trail: every step traced with actor, role and origin; append-only; tampering found; rollbacks leave
nothing; auditors refused (and traced) on every write."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from domain.dossiers.models import Document, DossierStatus
from domain.dossiers.services import dossiers as dossier_svc
from ground.audit import chain
from ground.audit.models import AuditEvent
from ground.audit.services import audit_verify, record_event
from ground.base import errors
from tests.helpers import (
    act,
    council_select,
    login,
    member,
    nominate,
    open_task,
    pdf,
    sign_batch_pages,
    state,
    submit,
    task_url,
)

pytestmark = pytest.mark.django_db


def _trail(dossier):
    return list(dossier.events.order_by("id").values_list("action", "actor__username", "role"))


def test_every_step_leaves_its_event_with_actor_role_and_origin(client, people):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, sec, dossier, "return", "Thiếu biên bản")
    login(client, head).post(
        f"/dossiers/{dossier.pk}/documents/", {"kind": "achievement_report", "file": pdf("v2.pdf")}
    )
    act(client, head, dossier, "submit", "Đã bổ sung")
    task = open_task(dossier)
    login(client, sec).post(task_url(task, "assign"))
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    sign_batch_pages(client, people, dossier)

    head_role, sec_role, principal_role = "department_head", "secretariat", "principal"
    assert _trail(dossier) == [
        ("dossier_created", "truongkhoa.llcs", head_role),
        ("document_uploaded", "truongkhoa.llcs", head_role),
        ("dossier_submitted", "truongkhoa.llcs", head_role),
        ("dossier_returned", "thuongtruc", sec_role),
        ("document_uploaded", "truongkhoa.llcs", head_role),
        ("dossier_resubmitted", "truongkhoa.llcs", head_role),
        ("task_claimed", "thuongtruc", sec_role),
        ("completeness_accepted", "thuongtruc", sec_role),
        ("council_agenda_added", "thuongtruc", sec_role),
        *[("vote_cast", f"hoidong{i}", "council_member") for i in range(1, 8)],
        ("vote_cast", "thuongtruc", sec_role),
        ("ballot_closed", "thuongtruc", sec_role),
        ("council_selected", "thuongtruc", sec_role),
        ("document_uploaded", "thuongtruc", sec_role),
        ("posting_closed", None, "system"),
        ("decision_signed", "hieutruong", principal_role),
        ("document_issued", "vanthu", "records_clerk"),
    ]
    events = list(dossier.events.order_by("id"))
    # The council's session ran through its services here (tests/council_pages drive it through its pages).
    council = {"council_agenda_added", "vote_cast", "ballot_closed", "council_selected", "posting_closed"}
    minutes = {e.pk for e in events if e.action == "document_uploaded" and e.data["kind"] == "council_minutes"}
    requests = [e for e in events if e.action not in council and e.pk not in minutes]
    assert len(requests) == 10
    assert all(e.ip == "127.0.0.1" and len(e.request_id) == 32 for e in requests)
    assert events[3].changes == {"status": ["submitted", "returned"]} and events[3].comment == "Thiếu biên bản"
    assert events[-2].changes == {"status": ["approved", "awarded"]}
    signed = dossier.issued_documents.get()
    assert events[-2].object_type == "dossiers.issueddocument" and events[-1].object_type == "dossiers.issueddocument"
    assert events[-2].data["sha256"] == signed.signed_sha256  # the signer's certified PDF
    assert events[-1].data["symbol"] == "01/QĐ-TCT" and events[-1].data["sha256"] == signed.sha256
    uploads = [e for e in events if e.action == "document_uploaded"]
    docs = Document.objects.filter(dossier=dossier).order_by("uploaded_at", "pk")
    assert [u.data["sha256"] for u in uploads] == [d.sha256 for d in docs]
    assert [u.object_id for u in uploads] == [str(d.pk) for d in docs]
    assert audit_verify() == {"ok": True, "events": AuditEvent.objects.count(), "first_broken": None}


def test_update_and_delete_are_refused_by_postgresql(people):
    event = record_event(actor=people["admin"], action="login")
    for statement in (
        "UPDATE audit_auditevent SET comment = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(comment="x")
    event.refresh_from_db()
    assert event.comment == ""


def _tamper(sql, params):
    """What someone with the database owner's rights could do: switch the trigger off, change a row."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_append_only")


def test_altered_row_is_found_by_audit_verify(client, people):
    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    submit(client, people["truongkhoa.llcs"], dossier)
    call_command("audit_verify")  # intact
    target = dossier.events.get(action="dossier_submitted")
    _tamper("UPDATE audit_auditevent SET actor_name = 'Người khác' WHERE id = %s", [target.pk])
    assert audit_verify()["first_broken"] == target.pk
    with pytest.raises(CommandError, match=f"broken at event {target.pk}"):
        call_command("audit_verify")


def test_rows_of_chain_version_1_stay_valid_and_version_2_links_to_them(people):
    """Rows written before migration 0008 (version 1: the application hashed the previous hash and the content as
    one document) keep verifying; the events written since link to them in version 2, by the database in the
    statement that inserts them; an altered row of either version is found."""
    head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or chain.GENESIS
    old = AuditEvent(actor_name="Hệ thống cũ", role="system", action="login", at=timezone.now(), chain_version=1)
    old.prev_hash, old.hash = head, chain.event_hash(old, head)
    old.save()
    event = record_event(actor=people["admin"], action="login", data={"ghi chú": "tiếng Việt", "n": [1, 2.5]})
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.chain_version, stored.prev_hash, stored.hash) == (2, old.hash, event.hash)
    assert stored.hash == chain.link_hash(old.hash, stored.at, chain.content_digest(stored))
    assert stored.at == event.at and stored.at >= old.at  # stamped by the database under the chain's lock
    assert audit_verify()["ok"]
    _tamper("UPDATE audit_auditevent SET data = data || '{\"n\": [1, 3]}' WHERE id = %s", [stored.pk])
    assert audit_verify()["first_broken"] == stored.pk
    _tamper("UPDATE audit_auditevent SET actor_name = 'Người khác' WHERE id = %s", [old.pk])
    assert audit_verify()["first_broken"] == old.pk


def test_removed_row_is_found_by_audit_verify(client, people):
    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    created, uploaded = dossier.events.order_by("id")[:2]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [created.pk])
    assert audit_verify()["first_broken"] == uploaded.pk  # its link to the removed event no longer fits


def test_rolled_back_change_leaves_no_event(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    before = state(dossier)
    count = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier_svc.dossier_update(acting_user=head, dossier_id=dossier.pk, version=dossier.version, achievements="X")
        raise RuntimeError("the rest of the change failed")
    assert state(dossier) == before and AuditEvent.objects.count() == count
    # And a transition the pipeline refuses writes nothing either.
    with pytest.raises(errors.InvalidTransition):
        dossier_svc.dossier_transition(
            dossier, DossierStatus.AWARDED, actor=people["hieutruong"], action="decision_signed", step="sign"
        )
    assert AuditEvent.objects.count() == count


def test_auditor_writes_are_refused_and_traced(client, people):
    head, auditor = people["truongkhoa.llcs"], people["kiemtra"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    draft = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    task = open_task(dossier)
    before = state(dossier), state(draft)
    login(client, auditor)
    attempts = [
        ("/dossiers/new/", {"period": 2026, "award": "CSTDCS", "nominee_kind": "department"}),
        (f"/dossiers/{draft.pk}/edit/", {"achievements": "x", "version": draft.version}),
        (f"/dossiers/{draft.pk}/documents/", {"kind": "achievement_report", "file": pdf()}),
        (f"/dossiers/{draft.pk}/submit/", {}),
        (f"/dossiers/{dossier.pk}/withdraw/", {"reason": "x"}),
        (task_url(task, "assign"), {}),
        (task_url(task), {"action": "accept"}),
    ]
    for path, data in attempts:
        response = client.post(path, data)
        assert response.status_code == 403, (path, response.status_code)
    assert (state(dossier), state(draft)) == before
    denied = AuditEvent.objects.filter(action="access_denied", actor=auditor).order_by("id")
    assert [e.data["path"] for e in denied] == [path for path, _data in attempts]
    assert all(e.role == "auditor" and e.data["status"] == 403 for e in denied)


def test_hidden_dossier_is_a_traced_refusal(client, people):
    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    other = people["truongkhoa.xdd"]
    assert login(client, other).get(f"/dossiers/{dossier.pk}/").status_code == 404
    event = AuditEvent.objects.get(action="access_denied", actor=other)
    assert event.data == {"method": "GET", "path": f"/dossiers/{dossier.pk}/", "status": 404}


def test_logins_and_failed_logins_are_traced(client, people):
    client.post("/accounts/login/", {"username": "thuongtruc", "password": "sai"})
    client.post("/accounts/login/", {"username": "thuongtruc", "password": "demo"})
    failed, ok = AuditEvent.objects.filter(action__in=["login_failed", "login"]).order_by("id")
    assert (failed.action, failed.actor_id, failed.actor_name, failed.ip) == (
        "login_failed",
        None,
        "thuongtruc",
        "127.0.0.1",
    )
    assert (ok.action, ok.actor, ok.role) == ("login", people["thuongtruc"], "secretariat")


def test_catalog_and_role_changes_are_traced(client, people):
    from django.contrib.auth.models import Group

    from ground.organisation.models import AwardType

    admin = people["admin"]
    award = AwardType.objects.filter(code="CSTDCS").first()
    login(client, admin)
    page = client.get(f"/admin/organisation/awardtype/{award.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(coefficient="1.5", _save="1")
    assert client.post(f"/admin/organisation/awardtype/{award.pk}/change/", data).status_code == 302
    event = AuditEvent.objects.filter(action="awardtype_changed").get()  # one change, one event

    assert event.actor == admin and event.object_id == str(award.pk)
    assert event.changes == {"coefficient": ["1.00", "1.5"]}

    people["hoidong2"].groups.add(Group.objects.get(name="auditor"))
    granted = AuditEvent.objects.filter(action="roles_added", object_id=str(people["hoidong2"].pk)).last()
    assert granted.data == {"groups": ["auditor"]}
    assert audit_verify()["ok"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain(people):
    """Events written from many connections at once still form one unbroken chain."""
    barrier = threading.Barrier(4)

    def write(n):
        barrier.wait()
        try:
            for i in range(15):
                with transaction.atomic():
                    record_event(actor=None, action="login_failed", actor_name=f"w{n}-{i}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = audit_verify()
    assert result["ok"], result
    assert AuditEvent.objects.filter(action="login_failed").count() == 60


def test_api_history_and_verify(client, people):
    from rest_framework.test import APIClient

    dossier = nominate(client, people["truongkhoa.llcs"], award="CSTDCS", person=member(people, "llcs"))
    api = APIClient()
    api.force_authenticate(people["kiemtra"])
    history = api.get(f"/api/v1/dossiers/{dossier.pk}/history/").json()["results"]
    assert [e["hash"] for e in history] == list(dossier.events.order_by("id").values_list("hash", flat=True))
    assert api.get("/api/v1/audit/verify/").json() == {
        "ok": True,
        "events": AuditEvent.objects.count(),
        "first_broken": None,
    }
    target = dossier.events.last()
    _tamper("UPDATE audit_auditevent SET comment = 'sửa' WHERE id = %s", [target.pk])
    assert api.get("/api/v1/audit/verify/").json()["first_broken"] == target.pk
    api.force_authenticate(people["thuongtruc"])
    response = api.get("/api/v1/audit/verify/")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert AuditEvent.objects.filter(action="access_denied", actor=people["thuongtruc"]).exists()
    api.force_authenticate(people["kiemtra"])
    response = api.post(f"/api/v1/dossiers/{dossier.pk}/submit/", {}, format="json")
    assert response.status_code == 403  # auditors change nothing, through the API either
    assert AuditEvent.objects.filter(action="access_denied", actor=people["kiemtra"]).exists()
