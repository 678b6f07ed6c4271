"""The task list applies the same rule as the step policies: one rule, written for a query and for one task."""

import pytest
from viewflow.workflow.models import Task

from domain.dossiers.models import Dossier
from process.workflows.policies import can_claim, can_complete
from process.workflows.selectors import tasks_for
from tests.api.conftest import API, complete, create_dossier, task_of
from tests.helpers import council_select, member

pytestmark = pytest.mark.django_db


def test_task_list_matches_the_policies_for_every_role(api, people):
    head_l, head_x, sec = api("truongkhoa.llcs"), api("truongkhoa.xdd"), api("thuongtruc")
    at_check = create_dossier(head_l, award="LDTT", nominee_id=member(people, "llcs").pk)["id"]
    returned = create_dossier(head_x, award="LDTT", nominee_id=member(people, "xdd").pk)["id"]
    claimed = create_dossier(head_l, award="CSTDCS", nominee_id=member(people, "llcs").pk)["id"]
    at_signature = create_dossier(head_x, award="CSTDCS", nominee_id=member(people, "xdd").pk)["id"]
    for client, pk in ((head_l, at_check), (head_x, returned), (head_l, claimed), (head_x, at_signature)):
        client.post(f"{API}/dossiers/{pk}/submit/")
    complete(sec, returned, "return", comment="Bổ sung")
    sec.post(f"{API}/tasks/{task_of(sec, claimed)['id']}/claim/")
    complete(sec, at_signature, "accept")
    council_select(people, Dossier.objects.get(pk=at_signature))  # the principal's task

    open_tasks = list(Task.objects.filter(flow_task_type="HUMAN", status__in=["NEW", "ASSIGNED"]))
    assert len(open_tasks) == 4
    for username in ("truongkhoa.llcs", "truongkhoa.xdd", "thuongtruc", "hoidong1", "hieutruong", "kiemtra", "admin"):
        user = people[username]
        listed = set(tasks_for(user).values_list("pk", flat=True))
        allowed = {t.pk for t in open_tasks if can_complete(user, t) or can_claim(user, t)}
        assert listed == allowed, username
    assert {t["dossier"]["id"] for t in head_x.get(f"{API}/tasks/").json()["results"]} == {returned}
    assert {t["dossier"]["id"] for t in sec.get(f"{API}/tasks/").json()["results"]} == {at_check, claimed}
    principal = api("hieutruong")
    assert {t["dossier"]["id"] for t in principal.get(f"{API}/tasks/").json()["results"]} == {at_signature}
