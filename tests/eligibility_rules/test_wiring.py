"""Eligibility where people meet it: the dossier page, the principal's signature, the administrator's rules."""

import json
from datetime import date

import pytest
import time_machine
from django.utils import timezone

from domain.dossiers.models import DossierStatus
from domain.eligibility.models import Rule
from domain.eligibility.selectors import dossier_eligibility
from domain.records.models import Discipline, PendingCase
from ground.audit.models import AuditEvent
from tests.eligibility_rules.history import give, rate, register
from tests.helpers import act, batch_documents, council_select, login, member, nominate, open_task, state, submit

pytestmark = pytest.mark.django_db


def _approved(client, people, award, nominee):
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    dossier = nominate(client, head, award=award, person=nominee)
    submit(client, head, dossier)
    act(client, sec, dossier, "accept")
    council_select(people, dossier)
    return dossier


def _eligibility_frame(client, dossier):
    """The dossier page loads its eligibility panel as a Turbo frame (issue 18: the page within 15 queries)."""
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    frame = f'<turbo-frame id="eligibility-frame" src="/dossiers/{dossier.pk}/eligibility/">'
    assert frame in page and "data-eligible" not in page
    response = client.get(f"/dossiers/{dossier.pk}/eligibility/", headers={"Turbo-Frame": "eligibility-frame"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<turbo-frame id="eligibility-frame">') and "<html" not in html
    return html


def test_the_dossier_page_shows_eligibility_with_reasons(client, rules):
    person = member(rules, "llcs")
    dossier = nominate(client, rules["truongkhoa.llcs"], award="CSTDCS", person=person)
    page = _eligibility_frame(client, dossier)
    assert 'data-eligible="false"' in page
    assert "Chưa đạt: Chưa được tặng Lao động tiên tiến năm 2026." in page
    give(person, "LDTT", 2026)
    rate(person, "HTXSNV", 2026)
    register(person, 2026, "CSTDCS")
    page = _eligibility_frame(client, dossier)
    assert 'data-eligible="true"' in page
    assert "Đạt: Được xếp loại HTXSNV năm 2026." in page
    assert dossier_eligibility(dossier)["eligible"] is True  # the API's ``eligibility`` field
    # Without Turbo, the panel is a page of its own (menu and all), and only for those who may see the dossier.
    whole = client.get(f"/dossiers/{dossier.pk}/eligibility/")
    assert (
        whole.status_code == 200
        and "<html" in whole.content.decode()
        and 'data-eligible="true"' in whole.content.decode()
    )
    assert login(client, rules["truongkhoa.xdd"]).get(f"/dossiers/{dossier.pk}/eligibility/").status_code == 404


def _sign(client, rules, document):
    """The principal signs the batch document on its page, confirming with the password."""
    login(client, rules["hieutruong"])
    return client.post(f"/official/batches/{document.pk}/sign/", {"confirm": "demo"})


def test_signing_is_refused_while_a_hard_rule_fails(client, rules):
    person = member(rules, "llcs")
    dossier = _approved(client, rules, "CSTDCS", person)
    case = PendingCase.objects.create(person=person, kind="complaint", opened_on=date(2026, 1, 5))
    (document,) = batch_documents(rules, dossier)
    before = state(dossier)
    response = _sign(client, rules, document)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Từ chối ký" in page and "Khiếu nại" in page
    assert "<li data-blocking>Chưa giải quyết xong tại ngày" in page  # the batch's page lists what blocks
    assert state(dossier) == before  # no number taken, no event, the task still open
    document.refresh_from_db()
    assert document.status == "pending" and not document.signed_file

    case.closed_on = timezone.localdate()
    case.save()
    assert _sign(client, rules, document).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.AWARDED


def test_a_submission_letter_waits_for_the_discipline_to_expire(client, rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2025, 2026)
    with time_machine.travel(date(2026, 12, 1)):
        dossier = _approved(client, rules, "BANGKHEN_TINH", person)
        Discipline.objects.create(person=person, kind="reprimand", start=date(2026, 6, 1), end=date(2026, 12, 31))
        (document,) = batch_documents(rules, dossier)
        assert _sign(client, rules, document).status_code == 409
        assert open_task(dossier).flow_task.name == "sign_submission"
    with time_machine.travel(date(2027, 1, 4)):
        assert _sign(client, rules, document).status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROPOSED


def _rule_form(rule, **changes):
    data = {
        "regime": rule.regime_id,
        "award_code": rule.award_code,
        "subject": rule.subject,
        "kind": rule.kind,
        "params": json.dumps(rule.params),
        "position": rule.position,
        "is_active": "on",
        "effective_from": "",
        "effective_to": "",
        "reason_vi": "",
        "reason_en": "",
        "_save": "1",
    }
    if rule.hard:
        data["hard"] = "on"
    data.update(changes)
    return data


def test_a_threshold_changed_by_the_administrator_changes_the_result(client, rules):
    dept = rules["depts"]["nnpl"]
    staff = list(dept.staff.filter(is_active=True).order_by("pk"))
    for person in staff:
        rate(person, "HTTNV", 2026)
    give(staff[0], "CSTDCS", 2026)
    give(staff[0], "LDTT", 2026)
    give(staff[1], "LDTT", 2026)  # 2 of n members (under 70 %)
    register(dept, 2026, "TTLDXS")
    share = 100 * 2 // len(staff)

    def verdict():
        from domain.eligibility.services import eligibility_evaluate

        return eligibility_evaluate(nominee=dept, award="TTLDXS", year=2026)["eligible"]

    assert not verdict()
    rule = Rule.objects.get(regime__code="decree-152-2025", award_code="TTLDXS", kind="members_share_with_award")
    url = f"/admin/eligibility/rule/{rule.pk}/change/"
    login(client, rules["admin"])
    assert client.get(url).status_code == 200

    bad = client.post(url, _rule_form(rule, params=json.dumps({"award": "LDTT"})))
    assert bad.status_code == 200 and "pct" in bad.content.decode()  # refused with the reason, nothing saved
    rule.refresh_from_db()
    assert rule.params["pct"] == 70

    new = {"award": "LDTT", "pct": share}
    assert client.post(url, _rule_form(rule, params=json.dumps(new))).status_code == 302
    assert verdict()
    event = AuditEvent.objects.get(action="rule_changed", object_id=str(rule.pk))
    assert event.actor == rules["admin"]
    assert event.changes == {"params": [{"award": "LDTT", "pct": 70}, new]}


def test_the_nominee_record_page(client, rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2024, 2025)
    rate(person, "HTXSNV", 2025)
    PendingCase.objects.create(person=person, kind="inspection", opened_on=date(2026, 5, 4))
    dossier = nominate(client, rules["truongkhoa.llcs"], award="CSTD_TINH", person=person)
    detail = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert f'href="/eligibility/people/{person.pk}/"' in detail
    page = client.get(f"/eligibility/people/{person.pk}/").content.decode()
    assert "2024/QĐ-TCT" in page and "Hoàn thành xuất sắc nhiệm vụ (HTXSNV)" in page and "04/05/2026" in page
    dept = login(client, rules["thuongtruc"]).get(f"/eligibility/departments/{person.department_id}/")
    assert dept.status_code == 200
    assert login(client, rules["truongkhoa.xdd"]).get(f"/eligibility/people/{person.pk}/").status_code == 404
