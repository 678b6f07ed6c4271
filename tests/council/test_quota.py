"""A quota exceeded over a session is not cut silently: the secretariat decides by the ranking, with reasons."""

from decimal import Decimal

import pytest

from domain.council.models import Quota
from domain.council.services import ballots, quotas
from domain.dossiers.models import DossierStatus
from ground.audit.models import AuditEvent
from ground.base import errors
from process.workflows import council as process
from tests.council.conftest import open_session

pytestmark = pytest.mark.django_db


def test_a_quota_exceeded_is_shown_and_resolved_by_the_ranking(people, accepted, staff):
    sec = people["thuongtruc"]
    llcs = staff("llcs")
    ldtt = [accepted("LDTT", person=p) for p in llcs]  # 4 LĐTT recipients
    cstdcs = [accepted("CSTDCS", person=p) for p in llcs[:3]]
    # The administrator's rule for this test: CSTĐCS at most 30 % of the LĐTT recipients (4 → 1 place).
    quota = Quota.objects.create(
        regime=ldtt[0].award.regime, award_code="CSTDCS", base_award_code="LDTT", percent=Decimal("30")
    )
    session = open_session(people, ldtt + cstdcs)
    present = [r.member.user for r in session.attendance.filter(present=True).order_by("member__pk")]
    approvals = {cstdcs[0].pk: 6, cstdcs[1].pk: 8, cstdcs[2].pk: 7}  # all pass (≥ 70 % of 8), ranked 1, 2, 0
    for ballot in session.ballots.all():
        yes = approvals.get(ballot.dossier_id, 8)
        for i, user in enumerate(present):
            ballots.vote_cast(acting_user=user, ballot_id=ballot.pk, choice="approve" if i < yes else "reject")
        ballots.ballot_close(acting_user=sec, ballot_id=ballot.pk)

    (check,) = quotas.quota_checks(session)
    assert (check.recipients, check.cap, check.available, check.exceeded) == (4, 1, 1, True)
    assert [b.dossier_id for b in check.candidates] == [cstdcs[1].pk, cstdcs[2].pk, cstdcs[0].pk]
    with pytest.raises(errors.QuotaUndecided):  # not cut silently: the session cannot conclude
        process.session_conclude(acting_user=sec, session_id=session.pk)

    by_dossier = {b.dossier_id: b.pk for b in check.candidates}
    with pytest.raises(errors.InvalidInput):  # the reasons are required
        quotas.quota_decide(
            acting_user=sec,
            session_id=session.pk,
            quota_id=quota.pk,
            kept_ballot_ids=[by_dossier[cstdcs[1].pk]],
            reason=" ",
        )
    with pytest.raises(errors.InvalidInput):  # against the ranking: 6 votes kept, 8 left out
        quotas.quota_decide(
            acting_user=sec,
            session_id=session.pk,
            quota_id=quota.pk,
            kept_ballot_ids=[by_dossier[cstdcs[0].pk]],
            reason="Ưu tiên",
        )
    with pytest.raises(errors.InvalidInput):  # more than the places left
        quotas.quota_decide(
            acting_user=sec,
            session_id=session.pk,
            quota_id=quota.pk,
            kept_ballot_ids=[by_dossier[cstdcs[1].pk], by_dossier[cstdcs[2].pk]],
            reason="Cả hai",
        )
    with pytest.raises(errors.NotAllowed):
        quotas.quota_decide(
            acting_user=people["hoidong1"],
            session_id=session.pk,
            quota_id=quota.pk,
            kept_ballot_ids=[by_dossier[cstdcs[1].pk]],
            reason="x",
        )
    reason = "Xếp theo số phiếu đồng ý: 8/8 phiếu; tỷ lệ 30% của 4 LĐTT là 1 suất."
    quotas.quota_decide(
        acting_user=sec,
        session_id=session.pk,
        quota_id=quota.pk,
        kept_ballot_ids=[by_dossier[cstdcs[1].pk]],
        reason=reason,
    )
    process.session_conclude(acting_user=sec, session_id=session.pk)
    for d in ldtt + cstdcs:
        d.refresh_from_db()
    assert [d.status for d in ldtt] == [DossierStatus.POSTED] * 4
    assert [d.status for d in cstdcs] == [DossierStatus.REJECTED, DossierStatus.POSTED, DossierStatus.REJECTED]
    assert "quota" in cstdcs[0].status_reason.lower() or "tỷ lệ" in cstdcs[0].status_reason
    decided = AuditEvent.objects.get(action="quota_decided")
    assert decided.comment == reason and decided.data["kept"] == [cstdcs[1].reference]
    assert sorted(decided.data["left_out"]) == sorted([cstdcs[0].reference, cstdcs[2].reference])
    assert set(AuditEvent.objects.filter(action="quota_left_out").values_list("dossier_id", flat=True)) == {
        cstdcs[0].pk,
        cstdcs[2].pk,
    }


def test_no_quota_no_decision(people, accepted):
    """Under today's regime CSTĐCS has no cap (Decree 91's 15 % ended in 2023): nothing to decide."""
    session = open_session(people, [accepted("LDTT"), accepted("CSTDCS")])
    for ballot in session.ballots.all():
        for row in session.attendance.filter(present=True):
            ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice="approve")
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    assert quotas.quota_checks(session) == []
    assert len(process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)) == 2


def _vote_all(people, session, approve=True):
    for ballot in session.ballots.all():
        for row in session.attendance.filter(present=True):
            choice = "approve" if approve else "reject"
            ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice=choice)
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)


def _school_ratio(people, percent, article="12"):
    from datetime import date

    from ground.organisation.models import SchoolRegulation

    return SchoolRegulation.objects.create(
        organisation=people["depts"]["llcs"].organisation,
        number="03/QĐ-TCT",
        signed_on=date(2026, 1, 1),
        effective_from=date(2026, 1, 1),
        quotas=[{"award": "CSTDCS", "base": "LDTT", "percent": str(percent)}],
        articles={"quota": article},
    )


@pytest.mark.parametrize(("cstdcs_count", "exceeded"), [(2, False), (3, True)])
def test_the_schools_ratio_caps_where_the_law_leaves_it_to_the_unit(people, accepted, staff, cstdcs_count, exceeded):
    """Since 2024 the law sets no ceiling: the school's regulation does (here 50 % of 4 LĐTT: 2 places), cited.

    2 CSTĐCS candidates fit; a third is one over the cap and waits for the secretariat's decision."""
    _school_ratio(people, 50)
    llcs = staff("llcs")
    ldtt = [accepted("LDTT", person=p) for p in llcs[:4]]
    cstdcs = [accepted("CSTDCS", person=p) for p in llcs[:cstdcs_count]]
    session = open_session(people, ldtt + cstdcs)
    assert session.regulation_values["quotas"] == {"CSTDCS": {"base": "LDTT", "percent": "50"}}
    _vote_all(people, session)
    (check,) = quotas.quota_checks(session)
    assert (check.recipients, check.percent, check.cap, check.exceeded) == (4, Decimal("50"), 2, exceeded)
    assert check.quota.percent is None  # the law's row has no ceiling of its own
    assert "03/QĐ-TCT" in check.source and "12" in check.source
    if exceeded:
        with pytest.raises(errors.QuotaUndecided):
            process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)
        kept = [b.pk for b in check.proposed]
        decision = quotas.quota_decide(
            acting_user=people["thuongtruc"],
            session_id=session.pk,
            quota_id=check.quota.pk,
            kept_ballot_ids=kept,
            reason="Theo tỷ lệ của Quy chế",
        )
        assert decision.percent == Decimal("50") and "03/QĐ-TCT" in decision.source
    assert len(process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)) == 4 + cstdcs_count


def test_the_laws_ceiling_binds_over_a_higher_school_ratio_and_a_lower_one_binds_instead(db):
    """Decree 91/2017 art. 9(3): "không quá 15%"; the unit may set a lower ratio, never a higher one."""
    from ground.organisation.models import LegalRegime

    quota = Quota.objects.select_related("source").get(regime__code="law-2013-decree-91", award_code="CSTDCS")
    assert quota.percent == Decimal("15") and (quota.source_article, quota.source_clause) == ("9", "3")
    higher = {
        "number": "03/QĐ-TCT",
        "articles": {"quota": "12"},
        "quotas": {"CSTDCS": {"base": "LDTT", "percent": "20"}},
    }
    percent, base, source = quotas.ratio_for(quota, higher)
    assert (percent, base) == (Decimal("15"), "LDTT") and "91/2017" in source and "9" in source
    lower = {**higher, "quotas": {"CSTDCS": {"base": "LDTT", "percent": "10"}}}
    percent, base, source = quotas.ratio_for(quota, lower)
    assert percent == Decimal("10") and "03/QĐ-TCT" in source
    # Without a ratio of the school's own, the law's ceiling applies; a regime without either has no quota.
    assert quotas.ratio_for(quota, {"quotas": {}})[0] == Decimal("15")
    bare = Quota(regime=LegalRegime.objects.first(), award_code="X", base_award_code="Y", percent=None)
    assert quotas.ratio_for(bare, {"quotas": {}}) is None
