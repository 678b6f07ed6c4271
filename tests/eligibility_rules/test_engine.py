"""The engine over several years of history: rules as data, per legal regime, with reasons in two languages."""

from datetime import date

import pytest
from django.utils import translation

from domain.eligibility.models import Rule
from domain.eligibility.services import eligibility_evaluate
from domain.records.models import Discipline, PendingCase
from ground.organisation.models import AwardType, LegalRegime, StaffMember
from tests.eligibility_rules.history import give, initiative, rate, register
from tests.helpers import member

pytestmark = pytest.mark.django_db


def judge(nominee, award, year, on=None):
    with translation.override("en"):
        return eligibility_evaluate(nominee=nominee, award=award, year=year, on=on or date(year + 1, 1, 15))


def test_consecutive_years_with_a_gap_year(rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2022, 2023, 2025, 2026)
    initiative(person, 2025, scope="province")
    register(person, 2026, "CSTD_TINH")
    result = judge(person, "CSTD_TINH", 2026)
    assert not result["eligible"]
    assert (
        "Not met: Grassroots Emulation Fighter needed in 3 consecutive years (2024–2026); missing: 2024."
        " (Law on Emulation and Commendation 2022, art. 22)" in (result["reasons"])
    )
    give(person, "CSTDCS", 2024)
    assert judge(person, "CSTD_TINH", 2026)["eligible"]
    # a province-level initiative is needed: a school-level one is not enough
    other = member(rules, "xdd")
    give(other, "CSTDCS", 2024, 2025, 2026)
    initiative(other, 2026, scope="school")
    result = judge(other, "CSTD_TINH", 2026)
    assert not result["eligible"]
    assert [c["met"] for c in result["checks"]] == [True, False, False, True, True]
    assert result["reasons"][2] == (
        "Not met: Not registered for the emulation of 2026. (Law on Emulation and Commendation 2022)"
    )


def test_a_regime_change_changes_the_result_for_the_same_facts(rules):
    """CSTĐCS: Decree 91 (to 2023) needs an initiative; Law 2022 (from 2024-01-01) accepts HTXSNV instead."""
    person = member(rules, "llcs")
    give(person, "LDTT", 2023, 2024)
    rate(person, "HTXSNV", 2023, 2024)
    register(person, 2023, "CSTDCS")
    register(person, 2024, "CSTDCS")
    before, after = judge(person, "CSTDCS", 2023), judge(person, "CSTDCS", 2024)
    assert not before["eligible"]
    assert (
        "Not met: Initiatives recognised at School level or higher in 2023–2023: 0; 1 needed."
        " (Law on Emulation and Commendation 2003 (amended 2013), art. 23)" in before["reasons"]
    )
    assert after["eligible"]
    assert "Met: Rated HTXSNV in 2024. (Law on Emulation and Commendation 2022, art. 23)" in after["reasons"]


def test_a_discipline_blocks_while_in_effect_then_expires(rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2025, 2026)
    Discipline.objects.create(person=person, kind="reprimand", start=date(2026, 9, 1), end=date(2027, 2, 28))
    during = judge(person, "BANGKHEN_TINH", 2026, on=date(2027, 1, 15))
    assert not during["eligible"]
    assert during["failed_hard"] == ["Under discipline (Reprimand) from 01/09/2026 to 28/02/2027."]
    after = judge(person, "BANGKHEN_TINH", 2026, on=date(2027, 3, 1))
    assert after["eligible"] and after["failed_hard"] == []
    # LĐTT looks at the whole year: a discipline during 2026 still counts once expired
    rate(person, "HTTNV", 2026)
    assert judge(person, "LDTT", 2026, on=date(2027, 3, 1))["failed_hard"] == during["failed_hard"]
    assert judge(person, "LDTT", 2028, on=date(2029, 3, 1))["failed_hard"] == []  # a year without discipline


def test_a_pending_case_blocks_until_closed(rules):
    person = member(rules, "llcs")
    case = PendingCase.objects.create(person=person, kind="complaint", opened_on=date(2026, 11, 2))
    result = judge(person, "GIAYKHEN", 2026, on=date(2026, 12, 1))
    assert result["failed_hard"] == ["Pending on 01/12/2026: Complaint (02/11/2026)."]
    case.closed_on = date(2026, 12, 10)
    case.save()
    assert judge(person, "GIAYKHEN", 2026, on=date(2026, 12, 10))["eligible"]


def test_a_collective_rule_over_its_members(rules):
    """TTLĐXS: all members complete their duties, >= 70 % LĐTT, >= 1 CSTĐCS (2026, Decree 152)."""
    dept = rules["depts"]["nnpl"]
    staff = list(StaffMember.objects.filter(department=dept, is_active=True).order_by("pk"))
    assert len(staff) >= 4
    for person in staff:
        rate(person, "HTTNV", 2026)
    needed = -(-7 * len(staff) // 10)  # 70 %, rounded up
    for person in staff[: needed - 1]:
        give(person, "LDTT", 2026)
    register(dept, 2026, "TTLDXS")
    result = judge(dept, "TTLDXS", 2026)
    assert [c["met"] for c in result["checks"]] == [True, False, False, True, True, True]
    give(staff[needed - 1], "LDTT", 2026)
    give(staff[0], "CSTDCS", 2026)
    assert judge(dept, "TTLDXS", 2026)["eligible"]
    # A member's discipline counts only under Decree 91 (the older rule): the same facts in 2023 fail on it.
    Discipline.objects.create(person=staff[1], kind="warning", start=date(2023, 3, 1), end=date(2023, 9, 1))
    Discipline.objects.create(person=staff[1], kind="warning", start=date(2026, 3, 1), end=date(2026, 9, 1))
    assert judge(dept, "TTLDXS", 2026)["eligible"]
    assert (
        f"Not met: Members disciplined in 2023: {staff[1].full_name}."
        " (Law on Emulation and Commendation 2003 (amended 2013), art. 27)" in judge(dept, "TTLDXS", 2023)["reasons"]
    )


def test_reasons_in_both_languages(rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2025)
    with translation.override("vi"):
        vi = eligibility_evaluate(nominee=person, award="CSTD_TINH", year=2026, on=date(2027, 1, 5))["reasons"]
    with translation.override("en"):
        en = eligibility_evaluate(nominee=person, award="CSTD_TINH", year=2026, on=date(2027, 1, 5))["reasons"]
    assert en[0] == (
        "Not met: Grassroots Emulation Fighter needed in 3 consecutive years (2024–2026); missing: 2024, 2026."
        " (Law on Emulation and Commendation 2022, art. 22)"
    )
    assert vi[0] == (
        "Chưa đạt: cần Chiến sĩ thi đua cơ sở 3 năm liên tục (2024–2026); còn thiếu: 2024, 2026."
        " (Điều 22 Luật Thi đua, khen thưởng 2022)"
    )


def test_an_administrator_adds_a_regime_without_code(rules):
    """A (fictitious) decree from 2027 that asks only HTXSNV for CSTĐCS: rows in the admin, no deploy."""
    regime = LegalRegime.objects.create(code="decree-2027", name="Nghị định 2027", effective_from=date(2027, 1, 1))
    old = AwardType.objects.filter(code="CSTDCS").latest("regime__effective_from")
    AwardType.objects.create(
        regime=regime,
        code="CSTDCS",
        name_vi=old.name_vi,
        name_en=old.name_en,
        subject=old.subject,
        decided_by=old.decided_by,
        coefficient=old.coefficient,
    )
    Rule.objects.create(regime=regime, award_code="CSTDCS", kind="rating_in_year", params={"codes": ["HTXSNV"]})
    person = member(rules, "llcs")
    rate(person, "HTXSNV", 2026, 2027)
    assert not judge(person, "CSTDCS", 2026)["eligible"]  # Decree 152: LĐTT needed too
    result = judge(person, "CSTDCS", 2027)
    assert result["eligible"] and result["reasons"] == ["Met: Rated HTXSNV in 2027."]


def test_the_administrators_own_wording(rules):
    rule = Rule.objects.get(regime__code="decree-152-2025", award_code="CSTDCS", kind="award_in_year")
    rule.reason_vi = "Năm {year}: cần có quyết định tặng {award} ({unknown})."
    rule.save()
    person = member(rules, "llcs")
    with translation.override("vi"):
        reasons = eligibility_evaluate(nominee=person, award="CSTDCS", year=2026, on=date(2027, 1, 5))["reasons"]
    assert reasons[0] == (
        "Chưa đạt: Năm 2026: cần có quyết định tặng Lao động tiên tiến ({unknown})."
        " (Điều 23 Luật Thi đua, khen thưởng 2022)"
    )
    assert judge(person, "CSTDCS", 2026)["reasons"][0] == (
        "Not met: Advanced Worker not received in 2026. (Law on Emulation and Commendation 2022, art. 23)"
    )
