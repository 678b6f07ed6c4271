"""Issue 20: each rule as the law and the school's regulation say, per regime, at its threshold and just below it.

Every test names the rule it pins (docs/legal-rules.md lists them); each shows the passing case and the failing
case just below the threshold, and the source cited in the reason.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from domain.dossiers.models import AwardRecord
from domain.dossiers.services.dossiers import award_for_period
from domain.eligibility.services import eligibility_evaluate
from domain.records.models import Discipline, Initiative, YearlyRating
from ground.organisation.models import Department, Period, SchoolRegulation, StaffMember
from tests.eligibility_rules.history import give, initiative, rate, register
from tests.helpers import member

pytestmark = pytest.mark.django_db


def judge(nominee, award, year, lang="en"):
    with translation.override(lang):
        return eligibility_evaluate(nominee=nominee, award=award, year=year, on=date(year + 1, 1, 15))


def check(result, kind):
    """The one check of a kind (the test fails when there are several or none)."""
    found = [c for c in result["checks"] if c["kind"] == kind]
    assert len(found) == 1, [c["kind"] for c in result["checks"]]
    return found[0]


def reason(result, kind):
    index = [c["kind"] for c in result["checks"]].index(kind)
    return result["reasons"][index]


def punish(nominee, kind, start, end, system="civil_service"):
    field = "person" if isinstance(nominee, StaffMember) else "department"
    return Discipline.objects.create(system=system, kind=kind, start=start, end=end, **{field: nominee})


# --- discipline severity -----------------------------------------------------------------------------------------


def test_a_reprimand_excludes_an_individual_from_ldtt(rules):
    person = member(rules, "llcs")
    rate(person, "HTTNV", 2023)
    punish(person, "reprimand", date(2023, 10, 1), date(2024, 3, 31))
    result = judge(person, "LDTT", 2023)
    assert not result["eligible"]
    assert "Under discipline (Reprimand) from 01/10/2023 to 31/03/2024." in result["failed_hard"]
    assert reason(result, "discipline_ended_in_year").startswith("Met: No discipline ended during 2023.")
    other = member(rules, "xdd")
    rate(other, "HTTNV", 2023)
    assert judge(other, "LDTT", 2023)["failed_hard"] == []


def test_a_members_reprimand_does_not_exclude_the_collective_a_warning_does(rules):
    """TTLĐXS (Decree 91 regime, 2023) and TTLĐTT (every regime): only cảnh cáo or above of a member excludes."""
    dept = rules["depts"]["nnpl"]
    staff = list(StaffMember.objects.filter(department=dept, is_active=True).order_by("pk"))
    for person in staff:
        rate(person, "HTTNV", 2023, 2026)
        give(person, "LDTT", 2023, 2026)
    give(staff[0], "CSTDCS", 2023)
    rate(dept, "HTTNV", 2023, 2026)
    register(dept, 2023, "TTLDXS")
    register(dept, 2026, "TTLDTT")
    punish(staff[1], "reprimand", date(2023, 2, 1), date(2023, 8, 1))
    punish(staff[1], "reprimand", date(2026, 2, 1), date(2026, 8, 1), system="party")
    assert judge(dept, "TTLDXS", 2023)["eligible"]
    assert judge(dept, "TTLDTT", 2026)["eligible"]
    punish(staff[2], "warning", date(2023, 5, 1), date(2023, 11, 1))
    punish(staff[2], "warning", date(2026, 5, 1), date(2026, 11, 1), system="party")
    ttldxs = judge(dept, "TTLDXS", 2023)
    assert not ttldxs["eligible"]
    assert reason(ttldxs, "members_no_discipline") == (
        f"Not met: Members disciplined in 2023: {staff[2].full_name}."
        " (Law on Emulation and Commendation 2003 (amended 2013), art. 27)"
    )
    ttldtt = judge(dept, "TTLDTT", 2026, lang="vi")
    assert reason(ttldtt, "members_no_discipline") == (
        f"Chưa đạt: Thành viên bị kỷ luật năm 2026: {staff[2].full_name}. (Điều 28 Luật Thi đua, khen thưởng 2022)"
    )


def test_discipline_forms_per_system(rules):
    person = member(rules, "llcs")
    party = Discipline(person=person, system="party", kind="salary_downgrade", start=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        party.full_clean()
    Discipline(
        person=person, organisation=person.organisation, system="party", kind="expulsion", start=date(2026, 1, 1)
    ).full_clean()
    assert Discipline(kind="warning").severity > Discipline(kind="reprimand").severity


# --- TTLĐTT: more than 50 % of the members LĐTT -------------------------------------------------------------------


def test_ttldtt_needs_more_than_half_of_the_members_ldtt(rules):
    org = rules["depts"]["llcs"].organisation
    dept = Department.objects.create(organisation=org, code="k100", name="Khoa 100", kind="faculty")
    staff = StaffMember.objects.bulk_create(
        StaffMember(organisation=org, department=dept, full_name=f"Cán bộ {i:03}") for i in range(100)
    )
    ldtt = award_for_period("LDTT", Period(year=2026))

    def give_ldtt(people):
        AwardRecord.objects.bulk_create(
            AwardRecord(
                organisation=org,
                person=p,
                award=ldtt,
                year=2026,
                decision_number="1/QĐ-TCT",
                decision_date=date(2026, 12, 20),
            )
            for p in people
        )

    give_ldtt(staff[:50])
    half = check(judge(dept, "TTLDTT", 2026), "members_share_with_award")
    assert not half["met"]
    assert half["text"] == "Only 50 of 100 members (50%) received Advanced Worker in 2026; more than 50% needed."
    give_ldtt(staff[50:51])
    assert check(judge(dept, "TTLDTT", 2026), "members_share_with_award")["met"]


def test_collective_rules_read_the_members_at_the_periods_end(rules):
    """Who left after the period's end still counts for it; who was recruited after it does not."""
    org = rules["depts"]["llcs"].organisation
    dept = Department.objects.create(organisation=org, code="k3", name="Khoa 3", kind="faculty")
    stayed = StaffMember.objects.create(organisation=org, department=dept, full_name="A")
    left = StaffMember.objects.create(
        organisation=org, department=dept, full_name="B", is_active=False, left_on=date(2027, 3, 1)
    )
    StaffMember.objects.create(organisation=org, department=dept, full_name="C", recruited_on=date(2027, 2, 1))
    give(stayed, "LDTT", 2026)
    give(left, "LDTT", 2026)
    share = check(judge(dept, "TTLDTT", 2026), "members_share_with_award")
    assert share["met"] and share["text"].startswith("2 of 2 members (100%)")
    StaffMember.objects.filter(pk=left.pk).update(left_on=date(2026, 11, 30))
    share = check(judge(dept, "TTLDTT", 2026), "members_share_with_award")
    assert share["met"] and share["text"].startswith("1 of 1 members")


# --- Bằng khen Thủ tướng under Decree 91: a prior provincial Bằng khen, 5 initiatives in 5 years ------------------


def test_bangkhen_ttg_old_regime_needs_a_prior_provincial_bangkhen_and_five_initiatives(rules):
    person = member(rules, "llcs")
    rate(person, "HTXSNV", 2019, 2020, 2021, 2022, 2023)
    for year in (2019, 2020, 2021, 2022, 2023):
        initiative(person, year)
    result = judge(person, "BANGKHEN_TTG", 2023)
    assert reason(result, "award_before") == (
        "Not met: Certificate of Merit of the Provincial Chairman not received up to 2018."
        " (Decree 91/2017/NĐ-CP, art. 38)"
    )
    give(person, "BANGKHEN_TINH", 2020)  # inside the five years: not before them
    assert not check(judge(person, "BANGKHEN_TTG", 2023), "award_before")["met"]
    give(person, "BANGKHEN_TINH", 2018)
    assert judge(person, "BANGKHEN_TTG", 2023)["eligible"]
    Initiative.objects.filter(authors=person, year=2019).delete()  # 4 initiatives: one short
    result = judge(person, "BANGKHEN_TTG", 2023)
    assert not result["eligible"]
    assert reason(result, "initiative").startswith(
        "Not met: Initiatives recognised at School level or higher in 2019–2023: 4; 5 needed."
    )


def test_collective_provincial_bangkhen_has_its_rule(rules):
    dept = rules["depts"]["llcs"]
    rate(dept, "HTXSNV", 2025)
    rate(dept, "HTTNV", 2026)
    result = judge(dept, "BANGKHEN_TINH", 2026)
    assert not check(result, "consecutive_ratings")["met"]
    YearlyRating.objects.filter(department=dept, year=2026).update(rating="HTXSNV")  # the rating corrected
    assert check(judge(dept, "BANGKHEN_TINH", 2026), "consecutive_ratings")["met"]


# --- service time --------------------------------------------------------------------------------------------


def test_ten_months_of_service_for_ldtt_under_decree_91(rules):
    person = member(rules, "llcs")
    rate(person, "HTTNV", 2021)
    StaffMember.objects.filter(pk=person.pk).update(recruited_on=date(2021, 3, 1))
    person.refresh_from_db()
    ten = check(judge(person, "LDTT", 2021), "service_months")
    assert ten["met"]
    StaffMember.objects.filter(pk=person.pk).update(recruited_on=date(2021, 3, 2))  # 9 whole months
    person.refresh_from_db()
    result = judge(person, "LDTT", 2021)
    assert reason(result, "service_months") == (
        "Not met: Recruited on 02/03/2021: 9 months of service in 2021; at least 10 needed."
        " (Decree 91/2017/NĐ-CP, art. 10)"
    )


def test_six_months_of_service_for_ldtt_under_the_2022_law(rules):
    person = member(rules, "llcs")
    StaffMember.objects.filter(pk=person.pk).update(recruited_on=date(2024, 7, 1))
    person.refresh_from_db()
    assert check(judge(person, "LDTT", 2024), "service_months")["met"]
    StaffMember.objects.filter(pk=person.pk).update(recruited_on=date(2024, 7, 2))
    person.refresh_from_db()
    months = check(judge(person, "LDTT", 2024), "service_months")
    assert not months["met"] and "5 months" in months["text"]


# --- research projects, the 2021 period under Decree 91 ---------------------------------------------------------


def test_a_research_project_counts_as_an_initiative(rules):
    person = member(rules, "llcs")
    give(person, "LDTT", 2021)
    register(person, 2021, "CSTDCS")
    assert not judge(person, "CSTDCS", 2021)["eligible"]
    project = initiative(person, 2021)
    Initiative.objects.filter(pk=project.pk).update(kind=Initiative.Kind.RESEARCH, title="Đề tài khoa học cấp trường")
    result = judge(person, "CSTDCS", 2021)
    assert result["eligible"]
    assert "Met: 1 initiative(s) recognised at School level or higher in 2021–2021." in reason(result, "initiative")


def test_a_2021_period_is_judged_under_decree_91(rules):
    """CSTĐCS 2021: HTXSNV alone does not replace the initiative (it does from 2024), and the source says so."""
    person = member(rules, "llcs")
    give(person, "LDTT", 2021, 2024)
    rate(person, "HTXSNV", 2021, 2024)
    register(person, 2021, "CSTDCS")
    register(person, 2024, "CSTDCS")
    old = judge(person, "CSTDCS", 2021, lang="vi")
    assert not old["eligible"]
    assert reason(old, "initiative").endswith("(Điều 23 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013))")
    assert judge(person, "CSTDCS", 2024)["eligible"]


# --- the school's regulation: a discipline that ended during the year ---------------------------------------------


def test_a_discipline_ended_during_the_year_follows_the_schools_regulation(rules):
    person = member(rules, "llcs")
    rate(person, "HTTNV", 2026)
    punish(person, "reprimand", date(2026, 1, 10), date(2026, 6, 30))
    result = judge(person, "LDTT", 2026, lang="vi")
    assert reason(result, "discipline_ended_in_year") == (
        "Chưa đạt: Khiển trách từ 10/01/2026 đến 30/06/2026, hết hiệu lực trong năm 2026: không xét danh hiệu"
        " của năm đó. (Quy chế thi đua, khen thưởng của Trường)"
    )
    SchoolRegulation.objects.create(
        organisation=person.organisation,
        number="15/QĐ-TCT",
        signed_on=date(2026, 1, 2),
        effective_from=date(2026, 1, 5),
        discipline_ended_in_year="considered",
        articles={"discipline_ended_in_year": "7"},
    )
    result = judge(person, "LDTT", 2026, lang="vi")
    assert result["failed_hard"] == []
    assert reason(result, "discipline_ended_in_year") == (
        "Đạt: Khiển trách từ 10/01/2026 đến 30/06/2026, đã hết hiệu lực trong năm 2026: được xét danh hiệu kể từ"
        " khi hết hiệu lực. (Điều 7 Quy chế thi đua, khen thưởng 15/QĐ-TCT)"
    )
    # a discipline still in effect at the year's end excludes whatever the regulation says (the law)
    punish(person, "warning", date(2026, 12, 1), None)
    assert judge(person, "LDTT", 2026)["failed_hard"]


# --- transitional provisions: a period submitted after a regime change -------------------------------------------


@pytest.mark.parametrize("judged_on", [date(2024, 3, 1), date(2025, 8, 1)])
def test_a_2023_period_submitted_after_the_new_law_stays_under_decree_91(rules, judged_on):
    """The regime is the one in force on 31/12 of the period's year, whatever the day the dossier is submitted or
    judged (after Law 06/2022 and Decree 98/2023 on 01/01/2024, or after Decree 152/2025 on 01/07/2025): a 2023
    CSTĐCS still needs its initiative (Law 2003 art. 23), which HTXSNV alone replaces only from 2024 periods."""
    assert award_for_period("CSTDCS", Period(year=2023)).regime.code == "law-2013-decree-91"
    assert award_for_period("CSTDCS", Period(year=2024)).regime.code != "law-2013-decree-91"
    person = member(rules, "llcs")
    give(person, "LDTT", 2023, 2024)
    rate(person, "HTXSNV", 2023, 2024)
    register(person, 2023, "CSTDCS")
    register(person, 2024, "CSTDCS")
    with translation.override("vi"):
        old = eligibility_evaluate(nominee=person, award="CSTDCS", year=2023, on=judged_on)
    assert not old["eligible"]
    assert reason(old, "initiative").endswith("(Điều 23 Luật Thi đua, khen thưởng 2003 (sửa đổi 2013))")
    # the same facts for the 2024 period: the 2022 law (HTXSNV or an initiative)
    assert eligibility_evaluate(nominee=person, award="CSTDCS", year=2024, on=judged_on)["eligible"]
    # with the initiative of 2023, the 2023 period passes under Decree 91 even when judged under the new regime
    initiative(person, 2023)
    assert eligibility_evaluate(nominee=person, award="CSTDCS", year=2023, on=judged_on)["eligible"]


def test_awards_given_under_the_old_law_keep_counting_under_the_new_one(rules):
    """Law 06/2022 art. 95: titles given before 01/01/2024 stay recognised. A CSTĐCS of 2023 (Decree 91) and one of
    2024 (Law 2022) are two consecutive CSTĐCS for a 2024 Bằng khen tỉnh; without the 2023 one, only one."""
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2024)
    rate(person, "HTXSNV", 2023, 2024)
    before = judge(person, "BANGKHEN_TINH", 2024)
    give(person, "CSTDCS", 2023)
    after = judge(person, "BANGKHEN_TINH", 2024)
    assert AwardRecord.objects.get(person=person, year=2023).award.regime.code == "law-2013-decree-91"
    assert not before["eligible"] and after["eligible"], (before["reasons"], after["reasons"])
