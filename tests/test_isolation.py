"""A department head sees and acts only on their own department's dossiers: anything else is a 404."""

import pytest

from tests.helpers import login, member, nominate, open_task, state, submit, task_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def llcs_dossier(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
    submit(client, head, dossier)
    return dossier


def test_lists_show_only_own_department(client, people, llcs_dossier):
    other = nominate(
        client,
        people["truongkhoa.xdd"],
        award="LDTT",
        person=member(people, "xdd"),
    )
    login(client, people["truongkhoa.xdd"])
    listing = client.get("/dossiers/").content.decode()
    assert other.reference in listing
    assert llcs_dossier.reference not in listing
    for page in (
        "/process/",
        "/process/inbox/",
        "/process/queue/",
        "/process/archive/",
        "/process/flows/",
        "/process/tasks/",
    ):
        response = client.get(page)
        assert response.status_code in (200, 302), page
        assert llcs_dossier.reference not in response.content.decode(), page


def test_details_downloads_tasks_are_404(client, people, llcs_dossier):
    before = state(llcs_dossier)
    doc = llcs_dossier.documents.get()
    task = open_task(llcs_dossier)
    process_pk = llcs_dossier.process.pk
    login(client, people["truongkhoa.xdd"])
    for url in (
        f"/dossiers/{llcs_dossier.pk}/",
        f"/dossiers/{llcs_dossier.pk}/edit/",
        f"/dossiers/{llcs_dossier.pk}/documents/{doc.pk}/",
        f"/dossiers/{llcs_dossier.pk}/withdraw/",
        task_url(task),
        task_url(task, "detail"),
        f"/process/{process_pk}/",
        f"/process/{process_pk}/chart/",
    ):
        assert client.get(url).status_code == 404, url
    for url, data in (
        (f"/dossiers/{llcs_dossier.pk}/submit/", {}),
        (f"/dossiers/{llcs_dossier.pk}/withdraw/", {"reason": "x"}),
        (f"/dossiers/{llcs_dossier.pk}/edit/", {"version": 1, "achievements": "x"}),
        (task_url(task), {"action": "accept"}),
        (task_url(task, "assign"), {}),
    ):
        assert client.post(url, data).status_code == 404, url
    assert state(llcs_dossier) == before


def test_own_department_and_secretariat_can_download(client, people, llcs_dossier):
    doc = llcs_dossier.documents.get()
    for username in ("truongkhoa.llcs", "thuongtruc", "kiemtra", "hieutruong", "hoidong3"):
        response = login(client, people[username]).get(f"/dossiers/{llcs_dossier.pk}/documents/{doc.pk}/")
        assert response.status_code == 200, username
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_drafts_stay_in_the_department(client, people):
    draft = nominate(
        client,
        people["truongkhoa.llcs"],
        award="LDTT",
        person=member(people, "llcs"),
    )
    assert login(client, people["thuongtruc"]).get(f"/dossiers/{draft.pk}/").status_code == 404
    assert login(client, people["truongkhoa.llcs"]).get(f"/dossiers/{draft.pk}/").status_code == 200


def test_cannot_nominate_someone_of_another_department(client, people):
    stranger = member(people, "xdd")
    login(client, people["truongkhoa.llcs"])
    response = client.post(
        "/dossiers/new/", {"period": 2026, "award": "LDTT", "nominee_kind": "person", "person": stranger.pk}
    )
    assert response.status_code == 400
    assert not stranger.dossiers.exists()
