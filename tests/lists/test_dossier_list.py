"""The dossier list (issue 16): search, filters, sort, pages, Excel export and print, each role's own rows."""

import pytest
from django.utils import timezone

from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import Dossier, DossierStatus
from tests.helpers import login

from .conftest import sheet_rows

pytestmark = pytest.mark.django_db


def _shown(html):
    import re

    return re.findall(r'data-dossier="([^"]+)"', html)


def test_search_filters_and_sort(client, demo):
    login(client, demo["thuongtruc"])
    visible = Dossier.objects.exclude(status=DossierStatus.DRAFT)
    page = client.get("/dossiers/", {"sort": "reference"})
    shown = _shown(page.content.decode())
    assert shown == sorted(visible.values_list("reference", flat=True))[:25]
    assert client.get("/dossiers/", {"sort": "-reference"}).content.decode().count("data-dossier=") == min(
        25, visible.count()
    )
    assert _shown(client.get("/dossiers/", {"sort": "-reference"}).content.decode())[0] == max(
        visible.values_list("reference", flat=True)
    )

    one = visible.filter(nominee_person__isnull=False).first()
    by_name = _shown(client.get("/dossiers/", {"q": one.nominee_person.full_name.split()[-1].lower()}).content.decode())
    assert one.reference in by_name
    assert _shown(client.get("/dossiers/", {"q": one.reference.lower()}).content.decode()) == [one.reference]

    xdd = demo["depts"]["xdd"]
    in_xdd = set(_shown(client.get("/dossiers/", {"department": xdd.pk}).content.decode()))
    assert in_xdd == set(visible.filter(department=xdd).values_list("reference", flat=True))
    ldtt = set(_shown(client.get("/dossiers/", {"award": "LDTT", "period": 2026}).content.decode()))
    assert ldtt == set(visible.filter(award__code="LDTT", period__year=2026).values_list("reference", flat=True))
    returned = set(_shown(client.get("/dossiers/", {"status": "returned"}).content.decode()))
    assert returned == set(visible.filter(status="returned").values_list("reference", flat=True)) and returned

    open_rows = TaskDeadline.objects.filter(closed_at__isnull=True)
    at_check = set(_shown(client.get("/dossiers/", {"step": "check_completeness"}).content.decode()))
    expected = set(open_rows.filter(step="check_completeness").values_list("dossier__reference", flat=True))
    assert at_check == expected and at_check
    # the demo's decision waiting for the principal since its posting window closed weeks ago is late already
    already = set(open_rows.filter(due_at__lt=timezone.now()).values_list("dossier__reference", flat=True))
    assert set(_shown(client.get("/dossiers/", {"late": "on"}).content.decode())) == already
    assert not already & expected
    TaskDeadline.objects.filter(step="check_completeness").update(due_at="2026-01-02T08:00:00+07:00")
    late = client.get("/dossiers/", {"late": "on"}).content.decode()
    assert set(_shown(late)) == expected | already
    assert "late by" in late or "trễ" in late


def test_filter_choices_come_from_the_catalogs(client, demo, django_assert_max_num_queries):
    login(client, demo["thuongtruc"])
    with django_assert_max_num_queries(15):
        html = client.get("/dossiers/", {"status": "accepted", "sort": "nominee"}).content.decode()
    from domain.dossiers.steps import STEPS
    from ground.organisation.models import AwardType, Department, Period

    catalog = (
        Period.objects.count()
        + Department.objects.count()
        + AwardType.objects.values("code").distinct().count()
        + len(DossierStatus.choices)
        + len(STEPS)
        + 5  # "All" of each drop-down
        + 2  # the language switch
    )
    assert html.count("<option") == catalog  # no drop-down of dossiers or processes
    assert 'name="q"' in html and 'name="department"' in html and 'name="step"' in html and 'name="late"' in html
    assert ">Kiểm tra hồ sơ<" in html  # the steps by their Vietnamese titles


def test_pages_and_query_count_at_60_dossiers(client, demo, django_assert_max_num_queries):
    head = demo["truongkhoa.llcs"]
    source = Dossier.objects.filter(department=demo["depts"]["llcs"]).first()
    Dossier.objects.bulk_create(
        Dossier(
            organisation_id=source.organisation_id,
            reference=f"HS-T-{i:04d}",
            period_id=source.period_id,
            award_id=source.award_id,
            department_id=source.department_id,
            nominee_person_id=source.nominee_person_id,
            status=DossierStatus.ACCEPTED,
            created_by=head,
        )
        for i in range(60)
    )
    login(client, head)
    with django_assert_max_num_queries(15):
        first = client.get("/dossiers/")
    assert len(_shown(first.content.decode())) == 25
    with django_assert_max_num_queries(15):
        third = client.get("/dossiers/", {"page": 3})
    total = Dossier.objects.filter(department=demo["depts"]["llcs"]).count()
    assert len(_shown(third.content.decode())) == total - 50


def test_department_head_sees_and_exports_only_their_department(client, demo):
    llcs = demo["depts"]["llcs"]
    login(client, demo["truongkhoa.llcs"])
    mine = set(Dossier.objects.filter(department=llcs).values_list("reference", flat=True))
    shown = set(_shown(client.get("/dossiers/").content.decode()))
    assert shown == mine
    # asking for another department's rows gives nothing, never the other department's dossiers
    assert _shown(client.get("/dossiers/", {"department": demo["depts"]["xdd"].pk}).content.decode()) == []
    rows = sheet_rows(client.get("/dossiers/", {"export": "xlsx"}))
    header, body = rows[0], rows[1:]
    assert header[0] == "Số hồ sơ"
    assert {row[0] for row in body} == mine
    assert {row[2] for row in body} == {llcs.name}


def test_export_never_writes_a_formula(client, demo):
    person = Dossier.objects.filter(nominee_person__isnull=False).exclude(status="draft").first().nominee_person
    person.full_name = '=HYPERLINK("http://evil.example","bấm")'
    person.save()
    login(client, demo["thuongtruc"])
    rows = sheet_rows(client.get("/dossiers/", {"export": "xlsx", "q": "HYPERLINK"}))
    assert len(rows) >= 2
    for row in rows[1:]:
        for value in row:
            assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))
        assert row[1] == "'" + person.full_name


def test_printed_list_has_the_filtered_rows(client, demo):
    login(client, demo["thuongtruc"])
    xdd = demo["depts"]["xdd"]
    page = client.get("/dossiers/", {"department": xdd.pk, "print": "1"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "print-list.css" in html and "<script>" not in html
    for ref in Dossier.objects.filter(department=xdd).exclude(status="draft").values_list("reference", flat=True):
        assert ref in html
    for ref in Dossier.objects.exclude(department=xdd).values_list("reference", flat=True):
        assert ref not in html
    assert xdd.name in html  # the filter applied, written above the list
    assert ">None<" not in html  # a dossier without a waiting step has an empty cell
