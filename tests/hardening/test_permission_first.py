"""Permission before validation, for every write and every role: a user who may not perform a write is answered 403
(or 404 where the object is not theirs to see) before the body is read, so an invalid body never gets a 400 that tells
them how the endpoint validates. Every write operation of the API (read from its OpenAPI schema, so a new one is
covered or fails here) is sent an invalid body by every role; only the roles that may perform it may get a 400.
The HTML forms that validate a POST are checked the same way."""

import json

import pytest

from domain.council.models import Quota
from domain.official import batches as batch_services
from interfaces.demo import seed as demo
from process.workflows import batches as batch_process
from process.workflows import selectors as process_selectors
from process.workflows import services as process
from tests.api.conftest import API, create_dossier
from tests.api.test_schema import _council_sessions
from tests.helpers import approved_dossiers, member

pytestmark = pytest.mark.django_db

ROLES = (
    "admin",
    "truongkhoa.llcs",
    "truongkhoa.xdd",
    "thuongtruc",
    "hieutruong",
    "phohieutruong",
    "kiemtra",
    "canbo",
    "hoidong3",
    "vanthu",
    "tinh",
)

# Who may perform each write (on the objects made below); every other role must be refused before validation.
SECRETARIAT = {"thuongtruc"}
HEAD = {"truongkhoa.llcs"}  # the drafts are the department of Lý luận cơ sở's
MAY = {
    "POST /dossiers/": {"truongkhoa.llcs", "truongkhoa.xdd"},
    "POST /registrations/": {"truongkhoa.llcs", "truongkhoa.xdd"},
    "PATCH /dossiers/{id}/": HEAD,
    "POST /dossiers/{id}/documents/": HEAD,
    "POST /dossiers/{id}/submit/": HEAD,
    "POST /dossiers/{id}/withdraw/": HEAD,
    # every staff member of the unit objects to a posted dossier (not auditors, not the province's login)
    "POST /dossiers/{id}/objections/": set(ROLES) - {"kiemtra", "tinh"},
    "POST /tasks/{id}/claim/": SECRETARIAT,
    "POST /tasks/{id}/release/": SECRETARIAT,
    "POST /tasks/{id}/complete/": SECRETARIAT,
    "POST /batches/": SECRETARIAT,
    "PATCH /batches/{id}/": SECRETARIAT,
    "POST /batches/{id}/send/": SECRETARIAT,
    "POST /batches/{id}/sign/": {"hieutruong"},  # the vice-principal only with a delegation in force (none here)
    "POST /batches/{id}/issue/": {"vanthu"},
    "POST /batches/{id}/cancel/": {"hieutruong"},
    "POST /register/": {"vanthu"},
    "POST /council/sessions/": SECRETARIAT,
    "POST /council/sessions/{id}/dossiers/": SECRETARIAT,
    "POST /council/sessions/{id}/attendance/": SECRETARIAT,
    "POST /council/sessions/{id}/open/": SECRETARIAT,
    "POST /council/sessions/{id}/votes/": {"hoidong3", "thuongtruc"},  # a seat on the council: a voting sheet
    "POST /council/sessions/{id}/close-ballots/": SECRETARIAT,
    "POST /council/sessions/{id}/conclude/": SECRETARIAT,
    "POST /council/sessions/{id}/quotas/{quota_pk}/": SECRETARIAT,
    "POST /council/ballots/{id}/vote/": {"hoidong3", "thuongtruc"},  # a seat on the council (the secretary has one)
    "POST /council/ballots/{id}/written-votes/": SECRETARIAT,
    "POST /council/ballots/{id}/close/": SECRETARIAT,
    # A read sent as a POST: whoever sees the unit's sessions checks a receipt.
    "POST /council/receipts/check/": {
        "admin",
        "thuongtruc",
        "hieutruong",
        "phohieutruong",
        "kiemtra",
        "hoidong3",
        "vanthu",
    },
    # No role to check: the token endpoint takes credentials (a malformed body is a 400 for anyone), the province's
    # callback is signed (401 for every user's token).
    "POST /auth/token/": set(ROLES),
    "POST /province/decisions/": set(),
}
# Refused before the body is read: not signed in or not signed (401), not allowed (403), not visible (404); never 400.
REFUSALS = {401, 403, 404}

INVALID_JSON = {"nonsense": [1, 2], "period": "not a year", "dossiers": "x", "present": "x", "kept": "x"}


@pytest.fixture
def objects(people, api, settings):
    """One of each object a write names: a draft, a dossier waiting for the secretariat, two council sessions (one
    in session with an open ballot, the dossier posted), a drafted batch document."""
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "write": "100000/min", "token": "100000/min"}
    head = api("truongkhoa.llcs")
    draft = create_dossier(head, award="CSTDCS", nominee_id=member(people, "llcs").pk)
    waiting = create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk)
    process.dossier_submit(acting_user=people["truongkhoa.llcs"], dossier_id=waiting["id"])
    task = process_selectors.tasks_for(people["thuongtruc"]).get(process__dossierprocess__dossier_id=waiting["id"])
    prepared, in_session, ballot = _council_sessions(people)
    sec = people["thuongtruc"]
    posted = demo._nominate(people["truongkhoa.xdd"], "GIAYKHEN", person=member(people, "xdd"), achievements="Tốt.")
    process.dossier_submit(acting_user=people["truongkhoa.xdd"], dossier_id=posted.pk)
    demo._do(sec, posted, "accept")
    demo.run_session(sec, [posted])
    approved_dossiers(people, [("LDTT", "xdd")])
    sent = batch_process.batch_draft(acting_user=sec, session_ids=None, dossier_ids=None)[0]
    batch_services.batch_send(acting_user=sec, document_id=sent.pk)
    approved_dossiers(people, [("CSTDCS", "xdd")])
    document = batch_process.batch_draft(acting_user=sec, session_ids=None, dossier_ids=None)[0]
    return {
        "draft": draft["id"],
        "posted": posted.pk,
        "task": task.pk,
        "drafted": document.pk,
        "sent": sent.pk,
        "prepared": prepared.pk,
        "in_session": in_session.pk,
        "ballot": ballot.pk,
        "quota": Quota.objects.order_by("pk").first().pk,
    }


# Which object each write names, by the start of its path (the first that matches).
_OBJECT_OF = (
    ("/dossiers/{id}/objections/", "posted"),
    ("/dossiers/", "draft"),
    ("/tasks/", "task"),
    ("/batches/{id}/sign/", "sent"),
    ("/batches/{id}/issue/", "sent"),
    ("/batches/", "drafted"),
    ("/council/sessions/{id}/conclude/", "in_session"),
    ("/council/sessions/{id}/votes/", "in_session"),
    ("/council/sessions/{id}/close-ballots/", "in_session"),
    ("/council/sessions/{id}/quotas/", "in_session"),
    ("/council/sessions/", "prepared"),
    ("/council/ballots/", "ballot"),
)


def _url(path, objects):
    """The schema's path with the ids of the fixture's objects."""
    name = next((name for start, name in _OBJECT_OF if path.startswith(start)), None)
    if name is not None:
        path = path.replace("{id}", str(objects[name]))
    return f"{API}{path.replace('{quota_pk}', str(objects['quota']))}"


def _writes(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete"):
                yield method.upper(), path.removeprefix(API)


def test_every_write_refuses_every_role_without_permission_before_reading_its_body(api, client, objects):
    """The matrix: every write of the schema x every role. One set of objects for all (they take a council session
    or three to make), every refusal listed at once."""
    writes = list(_writes(client))
    assert len(writes) >= 28 and {f"{method} {path}" for method, path in writes} == set(MAY)
    wrong, refused = [], 0
    for username in ROLES:
        caller = api(username)
        for method, path in writes:
            if username in MAY[f"{method} {path}"]:
                continue
            url = _url(path, objects)
            if path.endswith("/documents/"):
                body, content_type = b"--x\r\n\r\n--x--", "multipart/form-data; boundary=x"
            else:
                body, content_type = json.dumps(INVALID_JSON), "application/json"
            response = caller.generic(method, url, body, content_type=content_type)
            refused += 1
            if response.status_code not in REFUSALS:
                wrong.append((username, method, url, response.status_code, response.content[:160]))
    assert wrong == []
    assert refused > 200


# The HTML forms that validate a POST: who may send each (on the fixture's objects).
FORMS = {
    "/dossiers/new/": {"truongkhoa.llcs", "truongkhoa.xdd"},
    "/dossiers/{draft}/edit/": HEAD,
    "/dossiers/{draft}/documents/": HEAD,
    "/dossiers/{draft}/withdraw/": HEAD,
    "/council/new/": SECRETARIAT,
    "/council/receipt/": MAY["POST /council/receipts/check/"],
    "/council/posting/{entry}/object/": MAY["POST /dossiers/{id}/objections/"],
    "/initiatives/new/": {"truongkhoa.llcs", "truongkhoa.xdd", "canbo", "thuongtruc", "hoidong3"},
}


def test_every_html_form_refuses_every_role_without_permission_before_reading_it(client, people, objects):
    from domain.council.models import PostingEntry

    ids = {"draft": objects["draft"], "entry": PostingEntry.objects.get(dossier_id=objects["posted"]).pk}
    wrong, answers = [], {}
    for username in ROLES:
        client.force_login(people[username])
        for form, may in FORMS.items():
            url = form.format(**ids)
            response = client.post(url, {"nonsense": "x", "text": "", "reason": "", "code": ""})
            answers[(username, form)] = response.status_code
            if username not in may and response.status_code not in (403, 404):
                wrong.append((username, url, response.status_code))
    assert wrong == [], answers
