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


def test_an_integer_out_of_its_columns_range_matches_nothing_as_in_the_queryset(people):
    """A key of 10**20 typed in an address: the queryset finds no row (Django never sends it); the kept query too,
    where PostgreSQL would have refused the value with an error."""
    read = kept(lambda pk: StaffMember.objects.filter(pk=pk), pk=int)
    assert list(StaffMember.objects.filter(pk=10**20)) == read(pk=10**20) == read(pk=-(10**20)) == []
    year = kept(lambda year: Dossier.objects.filter(period__year=year).order_by(), year=int)
    assert year(year=10**6) == []  # a small integer column: out of its range sooner


def test_an_integer_argument_under_a_negation_or_a_comparison_is_not_kept(people):
    negated = kept(lambda pk: StaffMember.objects.exclude(pk=pk), pk=int)
    with pytest.raises(TypeError, match="otherwise than by equality"):
        negated(pk=1)
    compared = kept(lambda pk: StaffMember.objects.filter(pk__gt=pk), pk=int)
    with pytest.raises(TypeError, match="otherwise than by equality"):
        compared(pk=1)


@pytest.mark.django_db(transaction=True)
def test_steps_given_keys_out_of_range_answer_as_for_a_missing_row(people):
    """Bad input through the steps that read with kept queries: a clear refusal, no database error."""
    from domain.dossiers.services import dossiers as dossier_svc
    from ground.base import errors
    from process.workflows import services as process

    head = people["truongkhoa.llcs"]
    with pytest.raises(errors.NotVisible):
        process.task_complete(acting_user=head, task_id=10**20, action="accept")
    with pytest.raises(errors.InvalidInput) as refused:
        dossier_svc.dossier_create(
            acting_user=head, period_year=10**6, award_code="LDTT", nominee_kind="person", nominee_id=1
        )
    assert "period" in refused.value.errors
    with pytest.raises(errors.InvalidInput) as refused:
        dossier_svc.dossier_create(
            acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=10**20
        )
    assert "nominee" in refused.value.errors
    with pytest.raises(Dossier.DoesNotExist):
        dossier_svc.dossier_update(acting_user=head, dossier_id=10**20, version=1, achievements="x")
