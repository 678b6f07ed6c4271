"""A kept query (compiled once per process) returns what its queryset returns, in one statement, with each call's
own values; it refuses what Django refuses, and a query whose argument would be transformed is never kept."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from domain.dossiers.models import Dossier
from ground.base.kept import kept
from ground.organisation.models import StaffMember

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {k: v for k, v in obj.__dict__.items() if k != "_state"}


def test_a_kept_query_returns_what_its_queryset_returns_with_its_related_rows(people):
    staff = list(StaffMember.objects.select_related("department", "organisation").order_by("pk")[:3])
    read = kept(
        lambda pk, name: StaffMember.objects.select_related("department", "organisation").filter(pk=pk, full_name=name),
        pk=int,
        name=str,
    )
    for member in staff:
        with CaptureQueriesContext(connection) as queries:
            found = read.first(pk=member.pk, name=member.full_name)
            assert _fields(found) == _fields(member)
            assert _fields(found.department) == _fields(member.department)
            assert found.organisation.name == member.organisation.name
        assert len(queries) == 1
    assert read(pk=staff[0].pk, name="Không ai có tên này") == []
    with pytest.raises(StaffMember.DoesNotExist):
        read.get(pk=staff[0].pk, name="Không ai có tên này")


def test_a_kept_query_keeps_its_values_ordering_and_limit(people):
    organisation = people["org"].pk
    read = kept(
        lambda organisation: (
            StaffMember.objects.filter(organisation_id=organisation).order_by("-pk").values_list("pk", flat=True)[:2]
        ),
        organisation=int,
    )
    expected = list(
        StaffMember.objects.filter(organisation_id=organisation).order_by("-pk").values_list("pk", flat=True)[:2]
    )
    assert read(organisation=organisation) == expected
    assert read(organisation=0) == []


@pytest.mark.django_db(transaction=True)
def test_a_kept_lock_is_refused_outside_a_transaction_as_django_refuses_it():
    read = kept(lambda pk: Dossier.objects.select_for_update(of=("self",)).filter(pk=pk), pk=int)
    with transaction.atomic():
        assert read(pk=0) == []
    with pytest.raises(TransactionManagementError):
        read(pk=0)


def test_an_argument_the_lookup_transforms_is_refused_when_compiled(people):
    read = kept(lambda text: StaffMember.objects.filter(full_name__icontains=text), text=str)
    with pytest.raises(TypeError, match="did not reach the statement"):
        read(text="Hùng")
    same = kept(lambda year: StaffMember.objects.filter(pk=32_100, organisation__periods__year=year), year=int)
    with pytest.raises(TypeError, match="depends on its arguments"):  # a constant equal to a marker
        same(year=2026)
    with pytest.raises(TypeError, match="expected the arguments"):
        kept(lambda pk: StaffMember.objects.filter(pk=pk), pk=int)(key=1)
