"""The council's rules in force for an award: its voting rule, and the quotas of its regime."""

from ..defaults import rule_defaults
from ..models import Quota, VotingRule


def voting_rule_for(award):
    """The award's rule; an award added after the defaults were loaded gets them on first use."""
    rule, _created = VotingRule.objects.get_or_create(award=award, defaults=rule_defaults(award))
    return rule


def quotas_for(regime_ids):
    return list(Quota.objects.filter(regime_id__in=set(regime_ids)).select_related("regime"))
