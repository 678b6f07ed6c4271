"""Quotas over a session (tỷ lệ khen thưởng): e.g. CSTĐCS at most 15 % of the period's LĐTT recipients.

Where the ratio comes from: the law's ceiling (``Quota.percent`` with its source: Decree 91/2017 art. 9(3) caps
CSTĐCS at 15 % of LĐTT and leaves the ratio below it to the ministry, province or unit), and the school's
regulation (``SchoolRegulation.quotas``, copied into the session when it is called) where the law leaves the ratio
to the unit. Where both set one the lower binds, and the check cites it.

A quota that the session's results exceed is never cut silently: the secretariat sees the ranking by votes and
decides which dossiers stay, with its reasons; nobody with more votes may be left out for someone with fewer.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from domain.dossiers.models import Dossier, DossierStatus
from ground.audit.services import record_event
from ground.base import errors

from .. import policies
from ..models import Ballot, CouncilSession, Quota, QuotaDecision
from .rules import quotas_for, regulation_citation, session_values
from .sessions import locked_session

S = DossierStatus
# A dossier that the council selected in an earlier session counts as a recipient of the period.
SELECTED = [S.POSTED, S.SUSPENDED, S.APPROVED, S.PROPOSED, S.FORWARDED, S.AWARDED]


@dataclass
class QuotaCheck:
    quota: Quota
    recipients: int  # of the base award in the period, this session's results included
    cap: int
    taken: int  # by earlier sessions
    candidates: list = field(default_factory=list)  # this session's passed ballots, ranked by votes
    decision: QuotaDecision | None = None
    percent: Decimal = Decimal("0")  # the ratio that binds
    source: str = ""  # where it comes from: the law's article or the school's regulation

    def __str__(self):
        return f"{self.quota.award_code} ≤ {self.percent.normalize():f}% {self.quota.base_award_code}"

    @property
    def available(self):
        return max(self.cap - self.taken, 0)

    @property
    def exceeded(self):
        return len(self.candidates) > self.available

    @property
    def proposed(self):
        """What the rule gives: the first ``available`` by votes (ties at the cut are the secretariat's call)."""
        return self.candidates[: self.available]


def _rank(ballot):
    return (-(ballot.approvals or 0), -(ballot.percent or 0), ballot.position)


def _earlier(session, code, exclude_ids):
    period_id = session.council.period_id
    rows = Dossier.objects.filter(period_id=period_id, award__code=code, status__in=SELECTED)
    return rows.exclude(pk__in=exclude_ids).count()


def ratio_for(quota, values):
    """(percent, base award code, source) of one capped award: the law's ceiling, the school's ratio, the lower.

    ``values``: the regulation values copied into the session. None when neither sets a ratio.
    """
    own = (values.get("quotas") or {}).get(quota.award_code)
    law = (quota.percent, quota.base_award_code, quota.citation()) if quota.percent is not None else None
    school = None
    if own:
        school = (Decimal(own["percent"]), own["base"], regulation_citation(values, "quota"))
    if law and school:
        return school if school[0] < law[0] else law
    return law or school


def _quotas_of_session(session, regime_ids):
    """The law's quotas of the regimes judged, and a row (without a ceiling) for each ratio only the school sets."""
    found = quotas_for(regime_ids)
    own = session_values(session).get("quotas") or {}
    known = {(q.regime_id, q.award_code) for q in found}
    for regime_id in sorted(set(regime_ids)):
        for code, ratio in sorted(own.items()):
            if (regime_id, code) not in known:
                quota, _created = Quota.objects.get_or_create(
                    regime_id=regime_id, award_code=code, defaults={"base_award_code": ratio["base"]}
                )
                found.append(quota)
    return found


def quota_checks(session):
    """Every quota of the regimes judged in this session, with its candidates (computed on closed ballots)."""
    ballots = [b for b in session.ballots.select_related("dossier__award") if b.status == Ballot.Status.CLOSED]
    ballots = [b for b in ballots if b.dossier_id is not None]
    in_session = [b.dossier_id for b in ballots]
    decisions = {d.quota_id: d for d in session.quota_decisions.prefetch_related("kept")}
    values = session_values(session)
    checks = []
    for quota in _quotas_of_session(session, [b.dossier.award.regime_id for b in ballots]):
        ratio = ratio_for(quota, values)
        if ratio is None:
            continue
        percent, base_code, source = ratio
        same_regime = [b for b in ballots if b.dossier.award.regime_id == quota.regime_id]
        passed = [b for b in same_regime if b.passed]
        base_here = sum(1 for b in passed if b.dossier.award.code == base_code)
        recipients = _earlier(session, base_code, in_session) + base_here
        candidates = sorted((b for b in passed if b.dossier.award.code == quota.award_code), key=_rank)
        if not candidates:
            continue
        checks.append(
            QuotaCheck(
                quota=quota,
                recipients=recipients,
                cap=int(recipients * percent // 100),
                taken=_earlier(session, quota.award_code, in_session),
                candidates=candidates,
                decision=decisions.get(quota.pk),
                percent=percent,
                source=source,
            )
        )
    return checks


def _check_ranking(check, kept):
    if len(kept) > check.available:
        raise errors.InvalidInput(
            errors={"kept": [_("At most %(n)s dossier(s) can stay within the quota.") % {"n": check.available}]}
        )
    lowest_kept = min((b.approvals for b in kept), default=None)
    for ballot in check.candidates:
        if ballot not in kept and lowest_kept is not None and ballot.approvals > lowest_kept:
            raise errors.InvalidInput(
                errors={
                    "kept": [
                        _("By the rule the ranking follows the votes: %(ref)s has more votes than a dossier kept.")
                        % {"ref": ballot.dossier.reference}
                    ]
                }
            )


@transaction.atomic
def quota_decide(*, acting_user, session_id, quota_id, kept_ballot_ids, reason):
    """The secretariat keeps some of the candidates of an exceeded quota; the others are left out, with reasons."""
    session = locked_session(session_id)
    policies.require_run_sessions(acting_user, session.organisation_id)
    if session.status != CouncilSession.Status.IN_PROGRESS:
        raise errors.Conflict(_("Quotas are decided while the session is in progress, after the votes."))
    if session.ballots.filter(status__in=[Ballot.Status.PENDING, Ballot.Status.OPEN]).exists():
        raise errors.Conflict(_("Close every ballot of the session first."))
    check = next((c for c in quota_checks(session) if c.quota.pk == int(quota_id)), None)
    if check is None or not check.exceeded:
        raise errors.InvalidInput(errors={"quota": [_("This quota is not exceeded in this session.")]})
    if check.decision is not None:
        raise errors.Conflict(_("This quota has already been decided."))
    if not (reason or "").strip():
        raise errors.InvalidInput(errors={"reason": [_("Give the reasons of the decision.")]})
    wanted = {int(pk) for pk in kept_ballot_ids}
    kept = [b for b in check.candidates if b.pk in wanted]
    if len(kept) != len(wanted):
        raise errors.InvalidInput(errors={"kept": [_("Choose among the dossiers over the quota.")]})
    _check_ranking(check, kept)
    decision = QuotaDecision.objects.create(
        session=session,
        quota=check.quota,
        cap=check.available,
        percent=check.percent,
        source=check.source,
        reason=reason.strip(),
        decided_by=acting_user,
    )
    decision.kept.set(kept)
    left_out = [b for b in check.candidates if b not in kept]
    Ballot.objects.filter(pk__in=[b.pk for b in left_out]).update(quota_cut=True)
    summary = {
        "quota": str(check),
        "source": check.source,
        "recipients": check.recipients,
        "cap": check.cap,
        "places": check.available,
        "kept": [b.dossier.reference for b in kept],
        "left_out": [b.dossier.reference for b in left_out],
    }
    record_event(actor=acting_user, action="quota_decided", obj=session, comment=reason.strip(), data=summary)
    for ballot in left_out:
        record_event(
            actor=acting_user,
            action="quota_left_out",
            dossier=ballot.dossier,
            obj=ballot,
            step="council_review",
            comment=reason.strip(),
            data=summary,
        )
    return decision
