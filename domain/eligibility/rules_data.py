"""The catalog's criteria (domain.md) as rules: defaults loaded by a data migration, edited by the administrator.

``load_rules`` is idempotent and never overwrites a rule that exists (the administrator's edits stay); it fills in
a rule's source when the rule has none, and moves a default that was corrected (``CORRECTIONS``) only when the
administrator had not changed it. Every rule, its value per regime and its source: docs/legal-rules.md.
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


# Rules added by issue 20 (appended: a rule's position is part of its identity in ``load_rules``).
RULES += [
    # Decree 91 art. 10 / Law 2022: a disciplined person is not LĐTT; the school's regulation says whether a
    # discipline that ended during the year excludes the year's title (rule 3 covers one still in effect).
    ("LDTT", "any", "discipline_ended_in_year", {}, True, ALL),
    # Not LĐTT when recruited less than 10 months before the year's end (Decree 91 art. 10), 6 months
    # (Circular 01/2024/TT-BNV) under the 2022 law.
    ("LDTT", "person", "service_months", {"months": 10}, False, (R91,)),
    ("LDTT", "person", "service_months", {"months": 6}, False, LAW_2022),
    # TTLĐTT: more than 50 % of members LĐTT, no member disciplined at cảnh cáo or above (Law 2013 art. 28.1.c).
    ("TTLDTT", "any", "members_share_with_award", {"award": "LDTT", "more_than": 50}, False, ALL),
    ("TTLDTT", "any", "members_no_discipline", {"min_severity": "warning"}, False, ALL),
    # Bằng khen Thủ tướng under Decree 91: a provincial Bằng khen before the five years.
    ("BANGKHEN_TTG", "person", "award_before", {"award": "BANGKHEN_TINH", "gap": 5}, False, (R91,)),
    # Collective Bằng khen of the province: two consecutive years of excellent completion of duties.
    ("BANGKHEN_TINH", "department", "consecutive_ratings", {"codes": ["HTXSNV"], "n": 2}, False, ALL),
]

# Defaults corrected by issue 20: (position, regimes, params as first loaded, corrected params).
CORRECTIONS = [
    # LĐTT: the discipline in effect at the year's end (the one that ended during it: rule 25, the regulation).
    (3, ALL, {"at": "year"}, {"at": "year_end"}),
    # TTLĐXS: only a member's warning (cảnh cáo) or above excludes the collective.
    (11, (R91,), {}, {"min_severity": "warning"}),
    # Bằng khen Thủ tướng under Decree 91: 5 initiatives in the 5 years (2 was wrong).
    (16, (R91,), {"count": 2, "years": 5}, {"count": 5, "years": 5}),
]

# The legal texts the rules cite: code, number, Vietnamese name, English name, effective from.
LEGAL_TEXTS = [
    (
        "law-2003",
        "15/2003/QH11; 39/2013/QH13",
        "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013)",
        "Law on Emulation and Commendation 2003 (amended 2013)",
        "2004-01-01",
    ),
    (
        "law-2022",
        "06/2022/QH15",
        "Luật Thi đua, khen thưởng 2022",
        "Law on Emulation and Commendation 2022",
        "2024-01-01",
    ),
    ("decree-91-2017", "91/2017/NĐ-CP", "Nghị định 91/2017/NĐ-CP", "Decree 91/2017/NĐ-CP", "2017-10-01"),
    ("decree-98-2023", "98/2023/NĐ-CP", "Nghị định 98/2023/NĐ-CP", "Decree 98/2023/NĐ-CP", "2024-01-01"),
    ("decree-152-2025", "152/2025/NĐ-CP", "Nghị định 152/2025/NĐ-CP", "Decree 152/2025/NĐ-CP", "2025-07-01"),
    ("circular-01-2024", "01/2024/TT-BNV", "Thông tư 01/2024/TT-BNV", "Circular 01/2024/TT-BNV", "2024-01-01"),
    ("law-complaints-2011", "02/2011/QH13", "Luật Khiếu nại 2011", "Law on Complaints 2011", "2012-07-01"),
    ("decree-112-2020", "112/2020/NĐ-CP", "Nghị định 112/2020/NĐ-CP", "Decree 112/2020/NĐ-CP", "2020-09-18"),
]

SCHOOL = "school"
# position -> {regime: (legal text code or SCHOOL, article, clause, point)}; one tuple: every regime.
# What was verified and what was not: docs/legal-rules.md.
SOURCES = {
    0: {R91: ("law-2003", "", "", ""), R98: ("decree-98-2023", "", "", ""), R152: ("decree-152-2025", "4", "", "")},
    1: {R91: ("law-2003", "", "", ""), R98: ("decree-98-2023", "", "", ""), R152: ("decree-152-2025", "4", "", "")},
    2: {R91: ("law-2003", "24", "1", "a"), R98: ("law-2022", "24", "1", "a"), R152: ("law-2022", "24", "1", "a")},
    3: {
        R91: ("decree-91-2017", "10", "", ""),
        R98: ("circular-01-2024", "", "", ""),
        R152: ("circular-01-2024", "", "", ""),
    },
    4: {R91: ("law-2003", "23", "", ""), R98: ("law-2022", "23", "", ""), R152: ("law-2022", "23", "", "")},
    5: ("law-2003", "23", "", ""),
    6: ("law-2022", "23", "", ""),
    7: {R91: ("law-2003", "28", "1", "a"), R98: ("law-2022", "28", "", ""), R152: ("law-2022", "28", "", "")},
    8: {R91: ("law-2003", "27", "", ""), R98: ("law-2022", "27", "", ""), R152: ("law-2022", "27", "", "")},
    9: {R91: ("law-2003", "27", "", ""), R98: ("law-2022", "27", "", ""), R152: ("law-2022", "27", "", "")},
    10: {R91: ("law-2003", "27", "", ""), R98: ("law-2022", "27", "", ""), R152: ("law-2022", "27", "", "")},
    11: ("law-2003", "27", "", ""),
    12: {
        R91: ("decree-91-2017", "39", "", ""),
        R98: ("decree-98-2023", "", "", ""),
        R152: ("decree-152-2025", "", "", ""),
    },
    13: {R91: ("law-2003", "22", "", ""), R98: ("law-2022", "22", "", ""), R152: ("law-2022", "22", "", "")},
    14: {R91: ("law-2003", "22", "", ""), R98: ("law-2022", "22", "", ""), R152: ("law-2022", "22", "", "")},
    15: {R91: ("decree-91-2017", "38", "", ""), R98: ("law-2022", "74", "", ""), R152: ("law-2022", "74", "", "")},
    16: {R91: ("decree-91-2017", "38", "", ""), R98: ("law-2022", "74", "", ""), R152: ("law-2022", "74", "", "")},
    17: {R91: ("law-2003", "21", "", ""), R98: ("law-2022", "21", "", ""), R152: ("law-2022", "21", "", "")},
    18: {R91: ("law-2003", "21", "", ""), R98: ("law-2022", "21", "", ""), R152: ("law-2022", "21", "", "")},
    **{
        p: {R91: ("law-2003", "", "", ""), R98: ("law-2022", "", "", ""), R152: ("law-2022", "", "", "")}
        for p in range(19, 25)
    },
    25: (SCHOOL, "", "", ""),
    26: ("decree-91-2017", "10", "", ""),
    27: ("circular-01-2024", "", "", ""),
    28: {R91: ("law-2003", "28", "1", "c"), R98: ("law-2022", "28", "", ""), R152: ("law-2022", "28", "", "")},
    29: {R91: ("law-2003", "28", "1", "c"), R98: ("law-2022", "28", "", ""), R152: ("law-2022", "28", "", "")},
    30: ("decree-91-2017", "38", "", ""),
    31: {
        R91: ("decree-91-2017", "39", "", ""),
        R98: ("decree-98-2023", "", "", ""),
        R152: ("decree-152-2025", "", "", ""),
    },
}


def source_of(position, regime_code):
    found = SOURCES.get(position)
    if isinstance(found, dict):
        found = found.get(regime_code)
    return found


def load_legal_texts(LegalText):
    texts = {}
    for code, number, name_vi, name_en, start in LEGAL_TEXTS:
        texts[code], _created = LegalText.objects.get_or_create(
            code=code, defaults={"number": number, "name_vi": name_vi, "name_en": name_en, "effective_from": start}
        )
    return texts


def load_rules(apps, *, sources=True):
    """``sources=False``: for the first data migration, whose models do not have the sources yet."""
    Rule = apps.get_model("eligibility", "Rule")
    LegalRegime = Rule._meta.get_field("regime").related_model  # as the rules see it at this migration
    texts = load_legal_texts(Rule._meta.get_field("source").related_model) if sources else {}
    regimes = {r.code: r for r in LegalRegime.objects.all()}
    for position, (award, subject, kind, params, hard, codes) in enumerate(RULES):
        for code in codes:
            if code in regimes:
                rule, _created = Rule.objects.get_or_create(
                    regime=regimes[code],
                    award_code=award,
                    subject=subject,
                    kind=kind,
                    position=position,
                    defaults={"params": params, "hard": hard},
                )
                if sources:
                    _set_source(rule, source_of(position, code), texts)
    for position, codes, before, after in CORRECTIONS:
        Rule.objects.filter(position=position, regime__code__in=codes, params=before).update(params=after)


def _set_source(rule, source, texts):
    """Fill in a rule's source once (never over the administrator's)."""
    if source is None or rule.source_id or rule.source_school or rule.source_article:
        return
    text, article, clause, point = source
    rule.source_school = text == SCHOOL
    rule.source_id = None if text == SCHOOL else texts[text].pk
    rule.source_article, rule.source_clause, rule.source_point = article, clause, point
    rule.save(update_fields=["source", "source_school", "source_article", "source_clause", "source_point"])
