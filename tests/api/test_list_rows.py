"""The dossier list builds its rows directly (issue 18: a page of 200 spent its time in DRF's field machinery); each
row must be what the declared fields give, for dossiers at every stage (draft, with an open task, with a deadline)."""

import pytest
from rest_framework import serializers

from domain.dossiers.models import Dossier
from interfaces.api.serializers import DossierListSerializer
from process.workflows.selectors import with_open_tasks
from tests.api.conftest import API, create_dossier
from tests.helpers import member

pytestmark = pytest.mark.django_db


def test_list_rows_are_what_the_declared_fields_give(api, people):
    head = api("truongkhoa.llcs")
    first = create_dossier(head, award="CSTDCS", nominee_id=member(people, "llcs").pk)
    create_dossier(head, award="LDTT", nominee_id=member(people, "llcs").pk)
    assert head.post(f"{API}/dossiers/{first['id']}/submit/", {}, format="json").status_code == 200

    rows = head.get(f"{API}/dossiers/", {"page_size": 200}).json()["results"]
    assert len(rows) >= 2 and any(row["current_step"] for row in rows) and any(row["due_at"] for row in rows)
    dossiers = with_open_tasks(Dossier.objects.filter(pk__in=[row["id"] for row in rows]))
    generic = {
        d.pk: serializers.ModelSerializer.to_representation(DossierListSerializer(), d)
        for d in dossiers.select_related("award", "department", "period", "nominee_person")
    }
    for row in rows:
        assert row == generic[row["id"]]
