"""``rows_update`` writes what ``bulk_update`` writes (each value cast to its column's type, nulls included), in one
statement, and touches no other row."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import Dossier
from domain.dossiers.services import documents
from domain.dossiers.services import dossiers as dossier_svc
from ground.base.bulk import rows_update
from ground.organisation.models import StaffMember
from process.workflows import services as process
from tests.helpers import PDF

pytestmark = pytest.mark.django_db


def _submitted(people, name):
    head = people["truongkhoa.llcs"]
    person = StaffMember.objects.create(organisation=people["org"], department=head.staff.department, full_name=name)
    dossier = dossier_svc.dossier_create(
        acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
    )
    documents.document_upload(
        acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
    )
    process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
    return Dossier.objects.get(pk=dossier.pk)


def test_rows_update_writes_each_value_in_one_statement(people):
    first, second, untouched = (_submitted(people, f"Giảng viên {n}") for n in range(3))
    moment = datetime.datetime(2026, 12, 2, 8, 30, tzinfo=datetime.UTC)
    first.status_reason, first.version, first.updated_at = "Thiếu bản nhận xét; bổ sung", 7, moment
    first.decision_number, first.decision_date = "12/QĐ-TCT", datetime.date(2026, 12, 1)
    second.status_reason, second.decision_date = "", None
    with CaptureQueriesContext(connection) as queries:
        assert (
            rows_update([first, second], ["status_reason", "version", "updated_at", "decision_number", "decision_date"])
            == 2
        )
    assert len(queries) == 1
    for dossier in (first, second):
        stored = Dossier.objects.get(pk=dossier.pk)
        for field in ("status_reason", "version", "updated_at", "decision_number", "decision_date"):
            assert getattr(stored, field) == getattr(dossier, field), field
    assert Dossier.objects.get(pk=untouched.pk).updated_at == untouched.updated_at


def test_rows_update_by_a_key_that_is_a_relation_and_with_nulls(people):
    dossiers = [_submitted(people, f"Giảng viên {n}") for n in range(2)]
    deadlines = list(TaskDeadline.objects.filter(dossier__in=dossiers).order_by("pk"))
    assert len(deadlines) == 2
    later = timezone.now() + datetime.timedelta(days=3)
    deadlines[0].next_reminder_at, deadlines[0].escalated_at = None, later
    deadlines[1].next_reminder_at, deadlines[1].closed_at = later, later
    assert rows_update(deadlines, ["next_reminder_at", "escalated_at", "closed_at"]) == 2
    stored = list(TaskDeadline.objects.filter(dossier__in=dossiers).order_by("pk"))
    assert [(d.next_reminder_at, d.escalated_at, d.closed_at) for d in stored] == [
        (None, later, None),
        (later, None, later),
    ]
    assert rows_update([], ["closed_at"]) == 0
