"""Small helpers shared by the tests: drive the real views as a user would."""

import re
import threading
import time
from contextlib import contextmanager

from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.models import Task

from domain.dossiers.models import Dossier

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name="bao-cao.pdf"):
    """A PDF whose bytes carry its name: "v2.pdf" is another file than "bao-cao.pdf" (the same file sent again is
    kept once)."""
    return SimpleUploadedFile(name, PDF + f"% {name}\n".encode(), content_type="application/pdf")


def member(people, dept):
    """A staff member without a login, of the given department code (a nominee)."""
    return people["depts"][dept].staff.filter(user__isnull=True).first()


def login(client, user):
    client.force_login(user)
    return client


def nominate(client, head, *, award, person=None, department=None, year=2026, report=True):
    """Create a draft through the form and attach the achievement report; returns the dossier."""
    login(client, head)
    data = {"period": year, "award": award, "achievements": "Hoàn thành xuất sắc nhiệm vụ."}
    if person is not None:
        data.update(nominee_kind="person", person=person.pk)
    else:
        data.update(nominee_kind="department")
    response = client.post("/dossiers/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get(pk=int(re.search(r"/dossiers/(\d+)/", response["Location"]).group(1)))
    if report:
        response = client.post(f"/dossiers/{dossier.pk}/documents/", {"kind": "achievement_report", "file": pdf()})
        assert response.status_code == 302, response.content.decode()[:2000]
    return dossier


def submit(client, head, dossier):
    login(client, head)
    return client.post(f"/dossiers/{dossier.pk}/submit/")


def open_task(dossier):
    return Task.objects.filter(
        process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]
    ).get()


def task_url(task, what="execute"):
    return task.flow_task.reverse(what, args=[task.process_id, task.pk])


def act(client, user, dossier, action, comment="", **fields):
    """Complete the dossier's open task through its page, as ``user``."""
    task = open_task(dossier)
    login(client, user)
    return client.post(task_url(task), {"action": action, "comment": comment, **fields})


def state(dossier):
    """What must not change when an action is refused."""
    dossier.refresh_from_db()
    tasks = list(
        Task.objects.filter(process__dossierprocess__dossier=dossier)
        .order_by("pk")
        .values_list("pk", "status", "owner_id")
    )
    return dossier.status, dossier.version, dossier.events.count(), tasks


def wait_for(predicate, timeout=60):
    """Poll until ``predicate()`` holds (work done by another process); False when ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@contextmanager
def held_elsewhere(hold, timeout=30):
    """``hold()`` runs in another thread's transaction, which stays open, its locks held, until the block ends (a
    transactional test: the other connection sees only committed rows)."""
    from django.db import connections, transaction

    held, release = threading.Event(), threading.Event()

    def run():
        try:
            with transaction.atomic():
                hold()
                held.set()
                release.wait(timeout)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert held.wait(timeout)
        yield
    finally:
        release.set()
        thread.join(timeout)


def council_select(people, *dossiers, **options):
    """The council selects the dossiers in a session (every member approves unless ``approve`` says otherwise)
    and their posting window passes: they wait for the principal. Returns the session."""
    from interfaces.demo.seed import close_posting, run_session

    session = run_session(people["thuongtruc"], list(dossiers), **options)
    close_posting(session)
    for dossier in dossiers:
        dossier.refresh_from_db()
    return session


def batch_documents(people, *dossiers, sessions=None):
    """The secretariat drafts the batch documents covering ``dossiers`` and sends them for signature."""
    from domain.official import batches
    from process.workflows import batches as process

    documents = process.batch_draft(
        acting_user=people["thuongtruc"], session_ids=sessions, dossier_ids=[d.pk for d in dossiers] or None
    )
    for document in documents:
        batches.batch_send(acting_user=people["thuongtruc"], document_id=document.pk)
    return documents


def sign_batch(people, *dossiers, signer="hieutruong", issue=True):
    """The whole batch path for ``dossiers``: drafted, signed (password confirmed), issued by the records clerk.
    Returns the documents; the dossiers are refreshed."""
    from process.workflows import batches as process

    documents = batch_documents(people, *dossiers)
    for document in documents:
        process.batch_sign(acting_user=people[signer], document_id=document.pk, confirm="demo")
        if issue:
            process.batch_issue(acting_user=people["vanthu"], document_id=document.pk)
        document.refresh_from_db()
    for dossier in dossiers:
        dossier.refresh_from_db()
    return documents


def approved_dossiers(people, specs, *, session_title=""):
    """Dossiers nominated, accepted and selected in one council session whose posting is over (through the
    services, as the demo does). ``specs``: (award, department code) per dossier, each a different staff member,
    or (award, department code, "department") for the department itself."""
    from interfaces.demo import seed as demo
    from process.workflows import services as process

    sec = people["thuongtruc"]
    used = {}
    made = []
    for award, dept, *kind in specs:
        head = people[f"truongkhoa.{dept}"] if f"truongkhoa.{dept}" in people else None
        if kind == ["department"]:
            nominee = {"department": people["depts"][dept]}
        else:
            staff = list(people["depts"][dept].staff.filter(user__isnull=True).order_by("pk"))
            nominee = {"person": staff[used.get(dept, 0) % len(staff)]}
            used[dept] = used.get(dept, 0) + 1
        dossier = demo._nominate(head, award, **nominee, achievements="Hoàn thành xuất sắc nhiệm vụ.")
        process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
        demo._do(sec, dossier, "accept")
        made.append(dossier)
    session = demo.run_session(sec, made, title=session_title)
    demo.close_posting(session)
    for dossier in made:
        dossier.refresh_from_db()
    return made, session


def sign_batch_pages(client, people, *dossiers, signer="hieutruong"):
    """The batch path through the real pages: the secretariat drafts the documents of the dossiers' sessions and
    sends them, the signer signs each (password confirmed), the records clerk issues each. Returns the documents."""
    from domain.council.models import Ballot
    from domain.dossiers.models import IssuedDocument

    sessions = sorted(set(Ballot.objects.filter(dossier__in=dossiers).values_list("session_id", flat=True)))
    before = set(IssuedDocument.objects.values_list("pk", flat=True))
    login(client, people["thuongtruc"])
    assert client.post("/official/batches/", {"session": sessions}).status_code == 302
    documents = list(IssuedDocument.objects.exclude(pk__in=before).order_by("id"))
    for document in documents:
        login(client, people["thuongtruc"])
        assert client.post(f"/official/batches/{document.pk}/send/").status_code == 302
        login(client, people[signer])
        response = client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "demo"})
        assert response.status_code == 302, response.content.decode()[-1500:]
        login(client, people["vanthu"])
        assert client.post(f"/official/batches/{document.pk}/issue/").status_code == 302
        document.refresh_from_db()
    for dossier in dossiers:
        dossier.refresh_from_db()
    return documents
