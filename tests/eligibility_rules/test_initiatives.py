"""Initiatives: proposed by the department, submitted, recognised or rejected by the Initiatives Council;
a recognised one counts for eligibility at once."""

import pytest

from domain.eligibility.services import eligibility_evaluate
from domain.records.models import Initiative
from ground.audit.models import AuditEvent
from tests.eligibility_rules.history import give, register
from tests.helpers import login, member

pytestmark = pytest.mark.django_db


def test_initiative_workflow_through_the_pages(client, rules):
    head, sec = rules["truongkhoa.llcs"], rules["thuongtruc"]
    author = member(rules, "llcs")
    give(author, "LDTT", 2026)
    register(author, 2026, "CSTDCS")
    assert not eligibility_evaluate(nominee=author, award="CSTDCS", year=2026)["eligible"]

    login(client, head)
    outsider = member(rules, "xdd")
    refused = client.post("/initiatives/new/", {"title": "Sáng kiến", "year": 2026, "authors": [outsider.pk]})
    assert refused.status_code == 400 and not Initiative.objects.exists()
    response = client.post("/initiatives/new/", {"title": "Đổi mới bài giảng", "year": 2026, "authors": [author.pk]})
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    url = f"/initiatives/{initiative.pk}/"

    # the council cannot decide on a draft; the head submits it
    assert login(client, sec).post(url, {"action": "recognise", "scope": "school"}).status_code == 409
    assert login(client, head).post(url, {"action": "submit"}).status_code == 302
    assert client.post(url, {"action": "recognise", "scope": "school"}).status_code == 403  # not a reviewer
    assert login(client, rules["truongkhoa.xdd"]).get(url).status_code == 404  # another department's

    login(client, sec)
    missing = client.post(url, {"action": "recognise", "scope": "school"})
    assert missing.status_code == 400 and "cơ quan công nhận" in missing.content.decode()
    data = {"action": "recognise", "scope": "school", "recognised_by": "Hội đồng sáng kiến", "document": "5/QĐ-TCT"}
    assert client.post(url, data).status_code == 302
    initiative.refresh_from_db()
    assert (initiative.status, initiative.document) == ("recognised", "5/QĐ-TCT")
    assert list(
        AuditEvent.objects.filter(object_id=str(initiative.pk), object_type="records.initiative")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["initiative_created", "initiative_submitted", "initiative_recognised"]
    assert eligibility_evaluate(nominee=author, award="CSTDCS", year=2026)["eligible"]

    listing = login(client, head).get("/initiatives/").content.decode()
    assert "Đổi mới bài giảng" in listing


def test_rejection_needs_the_councils_reason(client, rules):
    head, sec = rules["truongkhoa.llcs"], rules["thuongtruc"]
    login(client, head)
    client.post("/initiatives/new/", {"title": "Sáng kiến B", "year": 2026, "authors": [member(rules, "llcs").pk]})
    initiative = Initiative.objects.get()
    client.post(f"/initiatives/{initiative.pk}/", {"action": "submit"})
    login(client, sec)
    assert client.post(f"/initiatives/{initiative.pk}/", {"action": "reject", "comment": ""}).status_code == 400
    assert client.post(f"/initiatives/{initiative.pk}/", {"action": "reject", "comment": "Chưa mới"}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "rejected"
