"""Council rules (domain.md): data the administrator edits, loaded once.

The thresholds, the posting days and the quorum are the school's own choices, set by its regulation
(``dossiers.SchoolRegulation``, whose defaults these are); a voting rule overrides them for one award.

- 70 % of approving votes for most titles, 90 % by secret ballot for the emulation fighter titles of the
  province and the nation; measured against all members of the council (absent members vote in writing).
- The selected list stays posted 5 working days for the school's own awards, 10 for state awards.
- Decree 91/2017 art. 9(3): at most 15 % of the period's LĐTT recipients may become CSTĐCS, the ratio below
  that ceiling being set by the ministry, province or unit (no ceiling in the law since 2024: the school's
  regulation sets its own ratios, ``SchoolRegulation.quotas``).
"""

from decimal import Decimal

SECRET_90 = {"CSTD_TINH", "CSTD_TQ"}
POSTING_DAYS = {"unit": 5, "province": 10, "national": 10}
QUOTAS = [("law-2013-decree-91", "CSTDCS", "LDTT", Decimal("15"), ("decree-91-2017", "9", "3"))]
DECREE_91 = {
    "number": "91/2017/NĐ-CP",
    "name_vi": "Nghị định 91/2017/NĐ-CP",
    "name_en": "Decree 91/2017/NĐ-CP",
    "effective_from": "2017-10-01",
}


def rule_defaults(award):
    """Nothing of its own: every value comes from the school's regulation (whose defaults are the figures above)."""
    return {}


def load_council_rules(apps):
    """Used by the data migration (and by tests after a flush): one voting rule per award, the known quotas."""
    VotingRule = apps.get_model("council", "VotingRule")
    Quota = apps.get_model("council", "Quota")
    # The catalog as the council's own rows see it at this migration (it moved apps in issue 14).
    AwardType = VotingRule._meta.get_field("award").related_model
    LegalRegime = Quota._meta.get_field("regime").related_model
    for award in AwardType.objects.all():
        VotingRule.objects.get_or_create(award=award, defaults=rule_defaults(award))
    # The first data migration's Quota has no source yet (migration 0007 adds it and cites the law).
    sourced = any(f.name == "source" for f in Quota._meta.get_fields())
    for regime_code, award_code, base_code, percent, (text_code, article, clause) in QUOTAS:
        regime = LegalRegime.objects.filter(code=regime_code).first()
        if regime is None:
            continue
        defaults = {"base_award_code": base_code, "percent": percent}
        if sourced:
            LegalText = Quota._meta.get_field("source").related_model
            text, _created = LegalText.objects.get_or_create(code=text_code, defaults=DECREE_91)
            defaults.update(source=text, source_article=article, source_clause=clause)
        Quota.objects.get_or_create(regime=regime, award_code=award_code, defaults=defaults)
