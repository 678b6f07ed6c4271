"""The council's rules in force for an award: the school's regulation, its voting rule, and the quotas."""

from dataclasses import dataclass
from decimal import Decimal

from ground.base import reference
from ground.organisation.models import SchoolRegulation, regulation_in_force

from ..defaults import rule_defaults
from ..models import Quota, VotingRule

DEFAULT_VALUES = SchoolRegulation(number="").values()


def voting_rule_for(award):
    """The award's rule; an award added after the defaults were loaded gets them on first use."""
    rule = next((r for r in reference.rows(VotingRule) if r.award_id == award.pk), None)
    if rule is None:
        rule, _created = VotingRule.objects.get_or_create(award=award, defaults=rule_defaults(award))
    return rule


def regulation_for_session(organisation_id, day):
    """(regulation or None, the values a session copies): the version in force on the meeting day."""
    regulation = regulation_in_force(organisation_id, day)
    return (regulation if regulation.pk else None), regulation.values()


def regulation_citation(values, topic):
    """The school's regulation as the session copied it, cited for ``topic`` ("art. 12, Quy chế … 15/QĐ-TCT")."""
    return SchoolRegulation(number=values.get("number") or "", articles=values.get("articles") or {}).citation(topic)


def session_values(session):
    """What the session copied when it was called (sessions from before the regulation: its defaults)."""
    return {**DEFAULT_VALUES, **(session.regulation_values or {})}


@dataclass(frozen=True)
class EffectiveRule:
    threshold_percent: Decimal
    threshold_base: str
    secret_ballot: bool
    posting_days: int


def effective_rule(award, values):
    """The award's own voting rule where it sets a value, the session's regulation values elsewhere."""
    rule = voting_rule_for(award)
    secret = rule.secret_ballot if rule.secret_ballot is not None else award.code in values["secret_ballot_awards"]
    if rule.threshold_percent is not None:
        threshold = rule.threshold_percent
    else:
        threshold = Decimal(values["secret_threshold_percent" if secret else "threshold_percent"])
    level = "unit" if award.decided_by == "unit" else "state"
    return EffectiveRule(
        threshold_percent=threshold,
        threshold_base=rule.threshold_base or values["threshold_base"],
        secret_ballot=secret,
        posting_days=rule.posting_days or values["posting_days"][level],
    )


def quotas_for(regime_ids):
    return list(Quota.objects.filter(regime_id__in=set(regime_ids)).select_related("regime"))
