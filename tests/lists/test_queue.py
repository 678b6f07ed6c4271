"""The secretariat's queue (issue 16): search, filters, sort, pages, export and print; never a list of processes."""

import re

import pytest
from viewflow.workflow.models import Task

from domain.deadlines.models import TaskDeadline
from tests.helpers import login

from .conftest import sheet_rows

pytestmark = pytest.mark.django_db


def _rows(response):
    assert response.status_code == 200, response.content.decode()[:1000]
    return [int(pk) for pk in re.findall(r'data-row-id="(\d+)"', response.content.decode())]


def _queue(user):
    """What the secretariat may take: open unassigned human tasks of its permissions."""
    return Task.objects.filter(
        flow_task_type="HUMAN", status="NEW", owner__isnull=True, owner_permission__in=user.get_all_permissions()
    )


def test_queue_search_filters_sort_and_export(client, demo, django_assert_max_num_queries):
    sec = demo["thuongtruc"]
    login(client, sec)
    with django_assert_max_num_queries(15):
        page = client.get("/process/queue/")
    queued = set(_queue(sec).values_list("pk", flat=True))
    assert set(_rows(page)) == queued and len(queued) >= 2
    html = page.content.decode()
    assert 'name="q"' in html and 'name="step"' in html and 'name="process"' not in html

    checks = _queue(sec).filter(flow_task__endswith="check_completeness")
    one = checks.first()
    dossier = one.process.dossierprocess.dossier
    assert _rows(client.get("/process/queue/", {"q": dossier.reference.lower()})) == [one.pk]
    assert one.pk in _rows(client.get("/process/queue/", {"q": dossier.nominee_person.full_name}))
    at_step = set(_rows(client.get("/process/queue/", {"step": "check_completeness"})))
    assert at_step == set(checks.values_list("pk", flat=True))
    llcs = demo["depts"]["llcs"]
    in_llcs = set(_rows(client.get("/process/queue/", {"department": llcs.pk})))
    assert in_llcs == {t.pk for t in _queue(sec) if t.process.dossierprocess.dossier.department_id == llcs.pk}
    assert _rows(client.get("/process/queue/", {"late": "on"})) == []
    TaskDeadline.objects.filter(task=one).update(due_at="2026-01-05T08:00:00+07:00")
    assert _rows(client.get("/process/queue/", {"late": "on"})) == [one.pk]

    by_ref = _rows(client.get("/process/queue/", {"sort": "dossier"}))
    refs = [Task.objects.get(pk=pk).process.dossierprocess.dossier.reference for pk in by_ref]
    assert refs == sorted(refs)
    assert _rows(client.get("/process/queue/", {"sort": "-dossier"})) == list(reversed(by_ref))

    rows = sheet_rows(client.get("/process/queue/", {"export": "xlsx", "sort": "dossier"}))
    assert [r[0] for r in rows[1:]] == refs
    printed = client.get("/process/queue/", {"print": "1", "step": "check_completeness"}).content.decode()
    for task in checks:
        assert task.process.dossierprocess.dossier.reference in printed


def test_queue_pages_at_27_tasks(client, people, django_assert_max_num_queries):
    from django.core.files.base import ContentFile

    from domain.dossiers.services import documents, dossiers
    from ground.organisation.models import StaffMember
    from process.workflows import services as process
    from tests.helpers import PDF

    head = people["truongkhoa.llcs"]
    staff = StaffMember.objects.bulk_create(
        StaffMember(organisation=people["org"], department=people["depts"]["llcs"], full_name=f"Giảng viên {i:02d}")
        for i in range(27)
    )
    for person in staff:
        d = dossiers.dossier_create(
            acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
        )
        documents.document_upload(
            acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
        )
        process.dossier_submit(acting_user=head, dossier_id=d.pk)
    login(client, people["thuongtruc"])
    with django_assert_max_num_queries(15):
        first = _rows(client.get("/process/queue/", {"sort": "nominee"}))
    with django_assert_max_num_queries(15):
        second = _rows(client.get("/process/queue/", {"sort": "nominee", "page": 2}))
    assert len(first) == 25 and len(second) == 2 and not set(first) & set(second)
    names = [Task.objects.get(pk=pk).process.dossierprocess.dossier.nominee_person.full_name for pk in first + second]
    assert names == sorted(names)
