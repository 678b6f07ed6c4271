"""The administrator's pages for the new configuration and records open, and an entry is saved and traced."""

import pytest

from domain.records.models import YearlyRating
from ground.audit.models import AuditEvent
from tests.helpers import login, member

pytestmark = pytest.mark.django_db

PAGES = [
    "eligibility/rule",
    "records/yearlyrating",
    "records/discipline",
    "records/pendingcase",
    "records/initiative",
    "emulation/movement",
    "emulation/registrationdeadline",
]


@pytest.mark.parametrize("page", PAGES)
def test_admin_pages_open(client, rules, page):
    login(client, rules["admin"])
    assert client.get(f"/admin/{page}/").status_code == 200
    assert client.get(f"/admin/{page}/add/").status_code == 200


def test_a_rating_entered_in_the_admin_takes_its_organisation_and_is_traced(client, rules):
    person = member(rules, "llcs")
    login(client, rules["admin"])
    response = client.post(
        "/admin/records/yearlyrating/add/", {"person": person.pk, "department": "", "year": 2026, "rating": "HTXSNV"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    rating = YearlyRating.objects.get()
    assert rating.organisation_id == person.organisation_id
    assert AuditEvent.objects.filter(action="yearlyrating_created", object_id=str(rating.pk)).exists()
    both = client.post(
        "/admin/records/yearlyrating/add/",
        {"person": person.pk, "department": person.department_id, "year": 2025, "rating": "HTTNV"},
    )
    assert both.status_code == 200 and YearlyRating.objects.count() == 1  # a person or a department, not both


LEGAL_PAGES = [
    "organisation/legaltext",
    "organisation/schoolregulation",
    "records/complainttimelimit",
]


@pytest.mark.parametrize("page", LEGAL_PAGES)
def test_admin_pages_of_the_legal_sources_open(client, rules, page):
    """Issue 20: the legal texts, the school's regulation and the complaints' time limits are kept in the admin."""
    login(client, rules["admin"])
    assert client.get(f"/admin/{page}/").status_code == 200
    assert client.get(f"/admin/{page}/add/").status_code == 200


def test_the_registers_are_read_in_the_admin(client, rules):
    login(client, rules["admin"])
    for page in ("records/complaint", "dossiers/awardrevocation"):
        assert client.get(f"/admin/{page}/").status_code == 200
