"""The catalog's criteria (domain.md) as rules: defaults loaded by a data migration, edited by the administrator.

``load_rules`` is idempotent and never overwrites a rule that exists (the administrator's edits stay).
"""

R91, R98, R152 = "law-2013-decree-91", "law-2022-decree-98", "decree-152-2025"
ALL = (R91, R98, R152)
LAW_2022 = (R98, R152)
GOOD = ["HTXSNV", "HTTNV"]
# Cờ thi đua tỉnh is a title too, but its one criterion (leading its cluster) is not in our data: with
# registration alone as its rule, every registered department would be "suggested".
TITLES = ("LDTT", "CSTDCS", "TTLDTT", "TTLDXS", "CSTD_TINH", "CSTD_TQ")

# award code ("" = every award), applies to, kind, params, hard, regimes
RULES = [
    # Decree 152 art. 4 and earlier practice: a pending case or a discipline in effect blocks any award.
    ("", "any", "no_pending_case", {}, True, ALL),
    ("", "any", "no_discipline", {"at": "evaluation"}, True, ALL),
    ("LDTT", "any", "rating_in_year", {"codes": GOOD}, False, ALL),
    ("LDTT", "any", "no_discipline", {"at": "year"}, True, ALL),
    ("CSTDCS", "any", "award_in_year", {"award": "LDTT"}, False, ALL),
    # Decree 91: an initiative is required; Law 2022 art. 23: HTXSNV or an initiative.
    ("CSTDCS", "any", "initiative", {"scope_at_least": "school"}, False, (R91,)),
    (
        "CSTDCS",
        "any",
        "any_of",
        {"of": [{"kind": "rating_in_year", "codes": ["HTXSNV"]}, {"kind": "initiative", "scope_at_least": "school"}]},
        False,
        LAW_2022,
    ),
    ("TTLDTT", "any", "rating_in_year", {"codes": GOOD}, False, ALL),
    ("TTLDXS", "any", "members_all_rated", {"codes": ["HTXSNV", "HTTNV", "HTNV"]}, False, ALL),
    ("TTLDXS", "any", "members_share_with_award", {"award": "LDTT", "pct": 70}, False, ALL),
    ("TTLDXS", "any", "members_count_with_award", {"award": "CSTDCS", "n": 1}, False, ALL),
    ("TTLDXS", "any", "members_no_discipline", {}, False, (R91,)),
    (
        "BANGKHEN_TINH",
        "person",
        "any_of",
        {
            "of": [
                {"kind": "consecutive_awards", "award": "CSTDCS", "n": 2},
                {
                    "kind": "all_of",
                    "of": [
                        {"kind": "consecutive_ratings", "codes": ["HTXSNV"], "n": 2},
                        {"kind": "initiative", "count": 2, "years": 2},
                    ],
                },
            ]
        },
        False,
        ALL,
    ),
    ("CSTD_TINH", "any", "consecutive_awards", {"award": "CSTDCS", "n": 3}, False, ALL),
    ("CSTD_TINH", "any", "initiative", {"scope_at_least": "province", "years": 3}, False, ALL),
    ("BANGKHEN_TTG", "person", "consecutive_ratings", {"codes": ["HTXSNV"], "n": 5}, False, ALL),
    ("BANGKHEN_TTG", "person", "initiative", {"count": 2, "years": 5}, False, ALL),
    ("CSTD_TQ", "any", "award_count", {"award": "CSTD_TINH", "n": 2, "years": 6}, False, ALL),
    ("CSTD_TQ", "any", "initiative", {"scope_at_least": "national", "years": 6}, False, ALL),
    # Law on emulation: titles (danh hiệu thi đua) are considered only for those who registered for the year.
    *[(code, "any", "registered", {}, False, ALL) for code in TITLES],
]


def load_rules(apps):
    Rule = apps.get_model("eligibility", "Rule")
    LegalRegime = Rule._meta.get_field("regime").related_model  # as the rules see it at this migration
    regimes = {r.code: r for r in LegalRegime.objects.all()}
    for position, (award, subject, kind, params, hard, codes) in enumerate(RULES):
        for code in codes:
            if code in regimes:
                Rule.objects.get_or_create(
                    regime=regimes[code],
                    award_code=award,
                    subject=subject,
                    kind=kind,
                    position=position,
                    defaults={"params": params, "hard": hard},
                )
