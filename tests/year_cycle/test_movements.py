"""Plans and movements: a thematic award is flagged and never counts toward higher awards; registrations answer a
movement inside its window; summaries are drafted from the data; the cluster's result is read by one selector."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from domain.dossiers.models import AwardRecord
from domain.eligibility.services import eligibility_evaluate
from domain.emulation import movements, selectors, services
from domain.emulation.models import Cluster, ClusterMember, MovementSummary, Registration
from ground.base import errors
from tests.eligibility_rules.history import give, initiative, register
from tests.helpers import member
from tests.year_cycle.factories import award, dossier, movement

pytestmark = pytest.mark.django_db


def judge(person, code, year):
    with translation.override("en"):
        return eligibility_evaluate(nominee=person, award=code, year=year, on=date(year + 1, 1, 15))


def test_a_thematic_award_does_not_count_toward_the_streaks(rules):
    person = member(rules, "llcs")
    give(person, "CSTDCS", 2024, 2026)
    initiative(person, 2026, scope="province")
    register(person, 2026, "CSTD_TINH")
    # 2025's CSTĐCS was won in a thematic movement: linked after the award was recorded, it is flagged at once
    thematic = movement(rules["org"], "thematic", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 2025)
    won = dossier(rules, person, "CSTDCS", 2025, status="awarded")
    award(rules, person, "CSTDCS", 2025, dossier_obj=won)
    assert judge(person, "CSTD_TINH", 2026)["eligible"]  # still counted: not yet known to be thematic
    movements.movement_dossiers_link(acting_user=rules["thuongtruc"], movement_id=thematic.pk, dossier_ids=[won.pk])
    assert AwardRecord.objects.get(dossier=won).method == "thematic"
    result = judge(person, "CSTD_TINH", 2026)
    assert not result["eligible"]
    assert any("missing: 2025" in r for r in result["reasons"])
    # Bằng khen: two consecutive CSTĐCS — 2025 (thematic) and 2026 do not make a streak
    assert not any(c["met"] for c in judge(person, "BANGKHEN_TINH", 2026)["checks"][:1])


def test_an_award_recorded_after_the_link_takes_the_movement_kind(rules):
    person = member(rules, "xdd")
    one_off = movement(rules["org"], "one_off", "Phòng, chống thiên tai", 2025)
    won = dossier(rules, person, "CSTDCS", 2025, status="awarded")
    movements.movement_dossiers_link(acting_user=rules["thuongtruc"], movement_id=one_off.pk, dossier_ids=[won.pk])
    record = award(rules, person, "CSTDCS", 2025, dossier_obj=won)
    record.refresh_from_db()
    assert record.method == "one_off"
    give(person, "CSTDCS", 2026)
    assert AwardRecord.objects.filter(person=person, method="regular").count() == 1
    # a regular movement's awards still count
    regular = movement(rules["org"], "regular", "Thi đua dạy tốt, học tốt", 2026)
    other = member(rules, "nnpl")
    d = dossier(rules, other, "CSTDCS", 2026, status="awarded")
    movements.movement_dossiers_link(acting_user=rules["thuongtruc"], movement_id=regular.pk, dossier_ids=[d.pk])
    assert award(rules, other, "CSTDCS", 2026, dossier_obj=d).method == "regular"


def test_registrations_answer_a_movement_inside_its_window(rules):
    head = rules["truongkhoa.llcs"]
    person = member(rules, "llcs")
    today = timezone.localdate()
    m = movement(
        rules["org"], theme="Thi đua thường xuyên", year=today.year, registration_closes=today - timedelta(days=1)
    )
    with pytest.raises(errors.RegistrationClosed):
        services.registration_save(acting_user=head, year=today.year, choices={person.pk: "LDTT"}, movement_id=m.pk)
    assert not Registration.objects.filter(person=person).exists()
    m.registration_closes = today
    m.save()
    services.registration_save(acting_user=head, year=today.year, choices={person.pk: "LDTT"}, movement_id=m.pk)
    assert Registration.objects.get(person=person).movement == m


def test_a_summary_is_drafted_from_the_data_then_completed(rules):
    sec = rules["thuongtruc"]
    m = movement(rules["org"], theme="Thi đua dạy tốt, học tốt", year=2026)
    people = [member(rules, "llcs"), member(rules, "xdd")]
    linked = [dossier(rules, p, "LDTT", 2026, status=s) for p, s in zip(people, ["awarded", "accepted"], strict=True)]
    award(rules, people[0], "LDTT", 2026, dossier_obj=linked[0])
    movements.movement_dossiers_link(acting_user=sec, movement_id=m.pk, dossier_ids=[d.pk for d in linked])
    Registration.objects.create(
        organisation=rules["org"],
        year=2026,
        department=people[0].department,
        person=people[0],
        award_code="LDTT",
        movement=m,
        registered_by=rules["truongkhoa.llcs"],
    )
    summary = movements.movement_summary_draft(acting_user=sec, movement_id=m.pk, stage="year_end", year=2026)
    assert summary.figures["total"] == {"registrations": 1, "dossiers": 2, "awards": 1}
    rows = {r["department"]: r for r in summary.figures["rows"]}
    assert rows[people[0].department.name]["awards"] == 1 and rows[people[1].department.name]["awards"] == 0
    with pytest.raises(errors.InvalidInput):
        movements.movement_summary_complete(
            acting_user=sec, summary_id=summary.pk, results=" ", shortcomings="", next_steps=""
        )
    movements.movement_summary_complete(
        acting_user=sec,
        summary_id=summary.pk,
        results="Phong trào được triển khai sâu rộng.",
        shortcomings="",
        next_steps="",
        document="27-BC/TCT",
    )
    summary.refresh_from_db()
    assert summary.completed_by == sec and summary.document == "27-BC/TCT"
    with pytest.raises(errors.NotAllowed):
        movements.movement_summary_draft(
            acting_user=rules["truongkhoa.llcs"], movement_id=m.pk, stage="half_year", year=2026
        )
    assert MovementSummary.objects.count() == 1


def test_the_cluster_result_is_read_by_one_selector(rules, django_assert_max_num_queries):
    org = rules["org"]
    assert selectors.cluster_result(org.pk, 2025) is None
    cluster = Cluster.objects.create(
        organisation=org,
        year=2025,
        name="Khối các cơ quan Đảng, đoàn thể tỉnh",
        head_unit="Ban Tuyên giáo Tỉnh ủy",
        covenant_document="01/GƯTĐ-K3",
        covenant_date=date(2025, 2, 20),
        rank=1,
        proposal="co_tinh",
        result_document="15/BB-K3",
        result_date=date(2025, 12, 10),
    )
    ClusterMember.objects.create(cluster=cluster, unit=org.name, is_us=True)
    with django_assert_max_num_queries(1):
        result = selectors.cluster_result(org.pk, 2025)
    assert result["leading"] and result["rank"] == 1 and result["proposal"] == "co_tinh"
    cluster.rank, cluster.proposal = 3, "bang_khen"
    cluster.save()
    assert not selectors.cluster_result(org.pk, 2025)["leading"]


def test_movement_pages(rules, client):
    m = movement(rules["org"], "thematic", "Chuyển đổi số", 2026)
    client.force_login(rules["thuongtruc"])
    assert client.get("/registrations/movements/?year=2026").status_code == 200
    page = client.get(f"/registrations/movements/{m.pk}/?year=2026")
    assert page.status_code == 200 and "Chuyển đổi số" in page.content.decode()
    response = client.post(f"/registrations/movements/{m.pk}/", {"action": "draft", "stage": "half_year", "year": 2026})
    assert response.status_code == 302 and m.summaries.count() == 1
    assert client.get("/registrations/clusters/").status_code == 200
    client.force_login(rules["canbo"])
    assert client.get("/registrations/movements/").status_code == 403
