"""The secretariat's lists: suggested (eligible, not nominated) and nearly eligible (one condition missing)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ground.organisation.models import StaffMember
from tests.eligibility_rules.history import give, rate, register
from tests.helpers import login, nominate

pytestmark = pytest.mark.django_db


def _rows(page, section):
    html = page.content.decode()
    start = html.index(f'id="{section}"')
    return html[start : html.index("</table>", start)]


def test_suggested_and_nearly_eligible(client, rules):
    llcs = list(StaffMember.objects.filter(department=rules["depts"]["llcs"], user__isnull=True).order_by("pk"))
    eligible, nearly, nominated = llcs[0], llcs[1], llcs[2]
    for person in (eligible, nominated):
        give(person, "LDTT", 2026)
        rate(person, "HTXSNV", 2026)
    give(nearly, "LDTT", 2026)
    rate(nearly, "HTTNV", 2026)
    for person in (eligible, nearly):
        register(person, 2026, "CSTDCS")
    nominate(client, rules["truongkhoa.llcs"], award="CSTDCS", person=nominated)

    page = login(client, rules["thuongtruc"]).get("/eligibility/", {"year": 2026, "award": "CSTDCS"})
    assert page.status_code == 200
    suggested, almost = _rows(page, "suggested"), _rows(page, "nearly")
    assert eligible.full_name in suggested
    assert nominated.full_name not in suggested + almost  # already has a dossier
    assert nearly.full_name in almost and nearly.full_name not in suggested
    assert "Xếp loại năm 2026: HTTNV; cần HTXSNV" in almost  # which condition is missing

    refused = login(client, rules["truongkhoa.llcs"]).get("/eligibility/", {"year": 2026})
    assert refused.status_code == 403


def test_the_lists_cost_the_same_queries_for_more_staff(client, rules):
    login(client, rules["thuongtruc"])

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/eligibility/", {"year": 2026}).status_code == 200
        return len(ctx.captured_queries)

    client.get("/eligibility/", {"year": 2026})  # warm the session and permission caches
    before = queries()
    dept = rules["depts"]["dv"]
    for i in range(6):
        person = StaffMember.objects.create(organisation=rules["org"], department=dept, full_name=f"Người mới {i}")
        give(person, "LDTT", 2025, 2026)
        rate(person, "HTXSNV", 2025, 2026)
    assert queries() == before


def test_nearly_counts_what_is_missing(client, rules):
    """One missing year of "2 consecutive CSTĐCS" is one condition away; two missing years are not."""
    staff = list(StaffMember.objects.filter(department=rules["depts"]["xdd"], user__isnull=True).order_by("pk"))
    close, far = staff[0], staff[1]
    give(close, "CSTDCS", 2025)
    page = login(client, rules["thuongtruc"]).get("/eligibility/", {"year": 2026, "award": "BANGKHEN_TINH"})
    almost = _rows(page, "nearly")
    assert close.full_name in almost and "còn thiếu: 2026." in almost
    assert far.full_name not in almost
    # the department itself is not listed: no collective condition of Bằng khen tỉnh is configured
    assert "<td>Khoa Xây dựng Đảng</td><td>—</td>" not in almost + _rows(page, "suggested")


def test_long_lists_come_in_pages(client, rules):
    from domain.emulation.models import Registration
    from domain.records.models import YearlyRating

    dept = rules["depts"]["dv"]
    staff = StaffMember.objects.bulk_create(
        StaffMember(organisation=rules["org"], department=dept, full_name=f"Người số {i:03d}") for i in range(105)
    )
    YearlyRating.objects.bulk_create(
        YearlyRating(organisation=rules["org"], person=p, year=2026, rating="HTTNV") for p in staff
    )
    Registration.objects.bulk_create(
        Registration(
            organisation=rules["org"],
            year=2026,
            department=dept,
            person=p,
            award_code="LDTT",
            registered_by=rules["admin"],
        )
        for p in staff
    )
    login(client, rules["thuongtruc"])
    page = client.get("/eligibility/", {"year": 2026, "award": "LDTT"})
    assert "sp=2" in page.content.decode()  # the link to the next page
    first = _rows(page, "suggested")
    second = _rows(client.get("/eligibility/", {"year": 2026, "award": "LDTT", "sp": 2}), "suggested")
    names = [f"Người số {i:03d}" for i in range(105)]
    assert sum(n in first for n in names) == 100 and sum(n in second for n in names) == 5
