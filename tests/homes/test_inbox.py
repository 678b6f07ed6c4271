"""Issue 16: "Việc của tôi" holds the votes and signatures waiting for a person, each row naming its dossier."""

import pytest

from domain.council.models import Ballot, Participation
from tests.helpers import login

pytestmark = pytest.mark.django_db


def test_documents_waiting_for_the_principal_are_in_the_principals_inbox(client, demo):
    page = login(client, demo["hieutruong"]).get("/process/inbox/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    from viewflow.workflow.models import Task

    from process.workflows.flows import DossierFlow

    waiting = Task.objects.filter(
        flow_task__in=[DossierFlow.sign_decision, DossierFlow.sign_submission], status="NEW"
    ).select_related("process__dossierprocess__dossier")
    assert waiting
    for task in waiting:
        assert task.process.dossierprocess.dossier.reference in page
    for header in ("Hồ sơ", "Đối tượng đề nghị", "Khoa/phòng", "Bước", "Hạn xử lý"):
        assert header in page
    # nobody else signs: the secretariat's inbox has no signature
    other = login(client, demo["thuongtruc"]).get("/process/inbox/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert all(t.process.dossierprocess.dossier.reference not in other for t in waiting)


def test_an_open_ballot_is_a_members_task_until_they_vote(client, demo):
    open_ballots = list(Ballot.objects.filter(status=Ballot.Status.OPEN).select_related("dossier"))
    assert open_ballots
    page = login(client, demo["hoidong1"]).get("/process/inbox/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "inbox-ballots" in page
    for ballot in open_ballots:
        assert ballot.dossier.reference in page
    # the absent member has nothing to vote on in the session
    absent = login(client, demo["hoidong7"]).get("/process/inbox/").content.decode()
    assert "inbox-ballots" not in absent
    # once hoidong1 voted on every ballot, they leave the inbox
    seat = demo["hoidong1"]
    login(client, seat)
    for ballot in open_ballots:
        client.post(f"/council/{ballot.session_id}/vote/{ballot.pk}/", {"choice": "approve"})
    assert Participation.objects.filter(member__user=seat, ballot__in=open_ballots).count() == len(open_ballots)
    page = client.get("/process/inbox/").content.decode()
    assert "inbox-ballots" not in page


def test_the_inbox_costs_the_same_queries_for_more_tasks(client, demo, django_assert_max_num_queries):
    login(client, demo["hieutruong"])
    with django_assert_max_num_queries(20):
        assert client.get("/process/inbox/").status_code == 200
