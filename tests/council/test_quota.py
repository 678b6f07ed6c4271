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
