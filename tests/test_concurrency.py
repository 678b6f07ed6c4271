"""Two people acting on one task at the same moment, over real HTTP on PostgreSQL: exactly one wins."""

import threading

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from domain.dossiers.models import Dossier, DossierStatus
from ground.organisation.models import StaffMember
from tests.helpers import member, nominate, open_task, submit, task_url

pytestmark = pytest.mark.django_db(transaction=True)


def _session(live_server, username):
    session = requests.Session()
    page = session.get(f"{live_server.url}/accounts/login/")
    session.post(
        f"{live_server.url}/accounts/login/",
        data={
            "username": username,
            "password": "demo",
            "csrfmiddlewaretoken": page.cookies.get("csrftoken") or session.cookies["csrftoken"],
        },
        headers={"Referer": f"{live_server.url}/accounts/login/"},
    )
    assert "sessionid" in session.cookies, f"login failed for {username}"
    return session


def _post_all_at_once(live_server, sessions, path, data):
    barrier = threading.Barrier(len(sessions))
    results = [None] * len(sessions)

    def run(i, session):
        barrier.wait()
        results[i] = session.post(
            f"{live_server.url}{path}",
            data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
            headers={"Referer": live_server.url},
            allow_redirects=False,
        )

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.fixture
def second_secretary(people):
    user = get_user_model().objects.create_user("thuongtruc2", password="demo", first_name="Hà", last_name="Vũ Thu")
    user.groups.add(Group.objects.get(name="secretariat"))
    StaffMember.objects.create(
        organisation=people["org"], department=people["depts"]["tchc"], user=user, full_name="Vũ Thu Hà"
    )
    return user


@pytest.fixture
def submitted(client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    submit(client, head, dossier)
    return dossier


@pytest.mark.parametrize("what", ["assign", "execute"])
def test_two_secretaries_one_task(live_server, people, second_secretary, submitted, what):
    task = open_task(submitted)
    sessions = [_session(live_server, "thuongtruc"), _session(live_server, "thuongtruc2")]
    data = {"action": "accept"} if what == "execute" else {}
    results = _post_all_at_once(live_server, sessions, task_url(task, what), data)

    codes = sorted(r.status_code for r in results)
    assert codes == [302, 409], codes
    loser = next(r for r in results if r.status_code == 409)
    text = loser.content.decode()
    assert "đã được" in text and ("nhận xử lý" in text or "hoàn thành" in text), text[-1500:]
    submitted.refresh_from_db()
    if what == "execute":
        assert submitted.status == DossierStatus.ACCEPTED
        assert submitted.events.filter(action="completeness_accepted").count() == 1
    else:
        task.refresh_from_db()
        assert task.status == "ASSIGNED"
        assert submitted.events.filter(action="task_claimed").count() == 1


def test_double_submit_from_two_tabs(live_server, client, people):
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="LDTT", person=member(people, "llcs"))
    sessions = [_session(live_server, "truongkhoa.llcs"), _session(live_server, "truongkhoa.llcs")]
    _post_all_at_once(live_server, sessions, f"/dossiers/{dossier.pk}/submit/", {})
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == DossierStatus.SUBMITTED
    assert dossier.events.filter(action="dossier_submitted").count() == 1
    assert dossier.process.task_set.filter(status="NEW").count() == 1


def test_one_nominee_nominated_twice_at_once_gets_one_dossier(live_server, people):
    """Two tabs send the same nomination at the same moment: one dossier, and the other a clear refusal."""
    person = member(people, "llcs")
    sessions = [_session(live_server, "truongkhoa.llcs"), _session(live_server, "truongkhoa.llcs")]
    data = {"period": 2026, "award": "LDTT", "achievements": "Hoàn thành tốt.", "nominee_kind": "person"}
    results = _post_all_at_once(live_server, sessions, "/dossiers/new/", {**data, "person": person.pk})

    assert sorted(r.status_code for r in results) == [302, 400], [r.status_code for r in results]
    refused = next(r for r in results if r.status_code == 400)
    assert "Đối tượng này đã có hồ sơ đề nghị" in refused.text
    assert Dossier.objects.filter(nominee_person=person, award__code="LDTT").count() == 1
