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


def _pending_documents():
    from domain.dossiers.models import IssuedDocument

    documents = list(IssuedDocument.objects.filter(status=IssuedDocument.Status.PENDING).prefetch_related("dossiers"))
    assert documents and all(d.dossiers.all() for d in documents)
    return documents


def test_a_delegate_finds_the_documents_waiting_for_signature_in_their_inbox_while_the_delegation_holds(client, demo):
    """Issue 15: the vice-principal with a KT. delegation for a period sees the batch documents waiting for the
    signature in "Việc của tôi" (each document, and the signature step of each dossier it covers), as on their home;
    without a delegation, or once it expired or was revoked, or before it starts, nothing."""
    import datetime as dt

    from django.utils import timezone

    from domain.official.delegations import delegation_create, delegation_revoke
    from domain.official.models import Delegation

    vice, principal = demo["phohieutruong"], demo["hieutruong"]
    documents = _pending_documents()
    references = [dossier.reference for d in documents for dossier in d.dossiers.all()]

    def inbox():
        return login(client, vice).get("/process/inbox/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    def home():
        return login(client, vice).get("/home/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()

    def sees_nothing():
        page = inbox()
        assert "inbox-documents" not in page
        assert all(reference not in page for reference in references)
        assert all(f"/official/batches/{d.pk}/" not in home() for d in documents)

    sees_nothing()  # no delegation: the vice-principal signs nothing

    today = timezone.localdate()
    delegation = delegation_create(
        actor=principal,
        delegate_id=vice.pk,
        capacity="KT",
        valid_from=today - dt.timedelta(days=10),
        valid_to=today + dt.timedelta(days=30),
        reason="Hiệu trưởng đi công tác",
    )
    page = inbox()
    assert "Văn bản chờ tôi ký" in page and "inbox-documents" in page
    for document in documents:
        assert f"/official/batches/{document.pk}/" in page
        assert f"/official/batches/{document.pk}/" in home()  # the same documents as on the home page
    for reference in references:
        assert reference in page  # each dossier's signature step, a row of the task list
    # the link opens the document's page, where the delegate signs "KT."
    batch = login(client, vice).get(f"/official/batches/{documents[0].pk}/", HTTP_ACCEPT_LANGUAGE="vi")
    assert batch.status_code == 200 and 'data-testid="delegation"' in batch.content.decode()
    # the principal's inbox is unchanged: the documents are theirs too
    own = login(client, principal).get("/process/inbox/").content.decode()
    assert "inbox-documents" in own and all(reference in own for reference in references)

    # expired yesterday: gone
    Delegation.objects.filter(pk=delegation.pk).update(valid_to=today - dt.timedelta(days=1))
    sees_nothing()
    # not started yet: nothing either
    Delegation.objects.filter(pk=delegation.pk).update(
        valid_from=today + dt.timedelta(days=1), valid_to=today + dt.timedelta(days=30)
    )
    sees_nothing()
    # in force again, then revoked by the principal
    Delegation.objects.filter(pk=delegation.pk).update(valid_from=today, valid_to=today)
    assert "inbox-documents" in inbox()
    delegation_revoke(actor=principal, delegation_id=delegation.pk)
    sees_nothing()


def test_a_delegates_inbox_costs_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    from domain.official.delegations import delegation_create

    today = timezone.localdate()
    delegation_create(
        actor=demo["hieutruong"],
        delegate_id=demo["phohieutruong"].pk,
        capacity="KT",
        valid_from=today,
        valid_to=today + dt.timedelta(days=5),
    )
    login(client, demo["phohieutruong"])
    with django_assert_max_num_queries(20):
        assert "inbox-documents" in client.get("/process/inbox/").content.decode()
