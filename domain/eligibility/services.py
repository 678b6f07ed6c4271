"""The eligibility engine: the rules in force for an award and a year, checked against a nominee's record.

``eligibility_evaluate`` answers ``{"eligible", "reasons", "failed_hard", "checks"}`` in the active language.
At nomination and council the answer is shown (the council decides); before the principal signs, a failed hard
rule (pending discipline, complaint, inspection) refuses the signature (``dossiers.services.dossiers``).
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from domain.dossiers.services.dossiers import award_for_period
from ground.base import reference
from ground.base.language import english_active
from ground.organisation.models import AwardType, Period, StaffMember

from . import predicates
from .facts import load_history
from .models import Rule


def rules_in_force(regime_ids, year):
    """Active rules of these regimes in force on the year's last day (the day the catalog is judged on)."""
    judged = date(year, 12, 31)
    return [
        r
        for r in reference.rows(Rule)
        if r.regime_id in regime_ids
        and r.is_active
        and (r.effective_from is None or r.effective_from <= judged)
        and (r.effective_to is None or r.effective_to >= judged)
    ]


def applicable(rules, award, nominee_kind):
    """The rules of one award for one kind of nominee: its own conditions first, then the general ones."""
    subjects = {Rule.Subject.ANY, Rule.Subject.PERSON if nominee_kind == "person" else Rule.Subject.DEPARTMENT}
    chosen = [
        r
        for r in rules
        if r.regime_id == award.regime_id and r.award_code in (award.code, "") and r.subject in subjects
    ]
    return sorted(chosen, key=lambda r: (r.award_code == "", r.position, r.pk))


def rules_for(award, year, nominee_kind):
    return applicable(rules_in_force([award.regime_id], year), award, nominee_kind)


def evaluate_facts(facts, year, rules, *, on, award_names, regulation=None):
    """The rules (already chosen for one award and kind of nominee) against one nominee's facts.

    ``regulation`` is the school's regulation in force at the period's end: the choices it makes (a discipline
    that ended during the year) and the citation of the rules it is the source of.
    """
    ctx = predicates.Context(year=year, on=on, award_names=award_names, regulation=regulation)
    english = english_active()
    checks = []
    for rule in rules:
        wording = (rule.reason_en if english else rule.reason_vi) or None
        outcome = predicates.check(rule.kind, rule.params, facts, ctx, wording)
        checks.append(
            {
                "rule": rule.pk,
                "kind": rule.kind,
                "met": outcome.met,
                "hard": rule.hard,
                "text": outcome.text,
                "gap": outcome.gap,
                "hint": outcome.hint,
                "source": rule.citation(regulation),
            }
        )
    return _result(checks)


def _result(checks):
    return {
        "eligible": all(c["met"] for c in checks),
        "reasons": [_reason(c) for c in checks],
        "failed_hard": [c["text"] for c in checks if c["hard"] and not c["met"]],
        "checks": checks,
    }


def _reason(check):
    """ "Chưa đạt: … (Điều 28 khoản 1 điểm c Luật Thi đua, khen thưởng 2003 (sửa đổi 2013))"."""
    text = (_("Met: %s") if check["met"] else _("Not met: %s")) % check["text"]
    return f"{text} ({check['source']})" if check["source"] else text


def eligibility_evaluate(dossier=None, *, nominee=None, award=None, year=None, on=None):
    """Judge a dossier, or a nominee for an award (an AwardType or a code) in a year, on a day (default today)."""
    if dossier is not None:
        nominee, award, year = dossier.nominee, dossier.award, dossier.period.year
    elif not isinstance(award, AwardType):
        award = award_for_period(award, Period(year=year))
    on = on or timezone.localdate()
    kind = "person" if isinstance(nominee, StaffMember) else "department"
    if isinstance(nominee, StaffMember):
        history = load_history(people=[nominee])
    else:
        history = load_history(departments=[nominee])
    rules = rules_for(award, year, kind)
    facts = history.of(nominee)
    return evaluate_facts(
        facts, year, rules, on=on, award_names=history.award_names, regulation=history.regulation(facts, year)
    )


def eligibility_evaluate_many(dossiers, *, on=None):
    """``{dossier id: result}`` for many dossiers (a session's agenda) in the queries of one."""
    dossiers = list(dossiers)
    on = on or timezone.localdate()
    history = load_history(
        people=[d.nominee_person for d in dossiers if d.nominee_person_id],
        departments=[d.nominee_department for d in dossiers if d.nominee_department_id],
    )
    rules = {}
    for year in {d.period.year for d in dossiers}:
        rules[year] = rules_in_force({d.award.regime_id for d in dossiers if d.period.year == year}, year)
    results = {}
    for d in dossiers:
        chosen = applicable(rules[d.period.year], d.award, d.nominee_kind)
        facts = history.of(d.nominee)
        results[d.pk] = evaluate_facts(
            facts,
            d.period.year,
            chosen,
            on=on,
            award_names=history.award_names,
            regulation=history.regulation(facts, d.period.year),
        )
    return results
