"""The public page: without login, posted lists during their window and signed decisions (number, date, extract,
awardees' names and units) and nothing else; off when the setting is off."""

from datetime import datetime, time

import pytest
import time_machine
from django.utils import timezone

from domain.council.models import Objection, PostingEntry
from domain.dossiers.models import Dossier, DossierStatus, IssuedDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(rules):
    from interfaces.demo import seed as demo

    demo.seed_dossiers(rules["depts"], rules)
    return rules


def test_off_unless_the_setting_is_on(world, client, settings):
    settings.PUBLIC_PAGE_ENABLED = False
    assert client.get("/public/").status_code == 404


def test_posted_and_decided_items_only_without_login(world, client, settings):
    settings.PUBLIC_PAGE_ENABLED = True
    posted = PostingEntry.objects.filter(closed_at__isnull=True, dossier__status=DossierStatus.POSTED).select_related(
        "dossier__nominee_person"
    )
    entry = posted.first()
    inside = timezone.make_aware(datetime.combine(entry.opens_on, time(9)))
    decision = IssuedDocument.objects.get(doc_type="QĐ", status="issued")
    with time_machine.travel(inside, tick=False):
        page = client.get("/public/")
    assert page.status_code == 200
    html = page.content.decode()
    for e in posted:
        assert e.dossier.nominee.full_name in html if e.dossier.nominee_person else e.dossier.nominee.name in html
    assert decision.symbol in html and decision.issued_on.strftime("%d/%m/%Y") in html
    awardees = list(decision.dossiers.all())  # the batch decision: every awardee of its list
    assert len(awardees) >= 5 and all(d.nominee.full_name in html for d in awardees)
    # nothing else: suspended, draft, rejected or pending dossiers, objections, votes, documents, references
    suspended = Objection.objects.get().dossier
    hidden = Dossier.objects.filter(status__in=["draft", "submitted", "returned", "accepted", "rejected"]).exclude(
        nominee_person__isnull=True
    )
    shown = {e.dossier.nominee_person_id for e in posted} | {d.nominee_person_id for d in awardees}
    for dossier in [suspended, *hidden]:
        if dossier.nominee_person_id not in shown:
            assert dossier.nominee.full_name not in html, dossier
    assert Objection.objects.get().text not in html
    for leak in ("HS-20", "Hoàn thành xuất sắc nhiệm vụ giảng dạy", ".pdf", "/official/", "@", "Đồng ý", "phiếu"):
        assert leak not in html, leak
    with time_machine.travel(timezone.make_aware(datetime.combine(entry.closes_on, time(23))), tick=False):
        later = client.get("/public/").content.decode()
    assert entry.dossier.nominee.full_name not in later  # the window ended at 17:00
