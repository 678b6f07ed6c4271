"""The secretariat's lists: who meets an award's conditions this year but was not nominated ("suggested"), and
who misses by exactly one condition ("nearly eligible", with that condition). A fixed number of queries.

"One condition" counts what is missing: a year of a consecutive-years rule, one initiative of a count, one
alternative's single missing piece; someone missing two of three consecutive years is two conditions away."""

from dataclasses import dataclass

from django.utils import timezone

from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.dossiers.services.dossiers import awards_in_force
from domain.records.models import Discipline, Initiative, PendingCase, YearlyRating
from ground.organisation.models import Department, Period, StaffMember

from .facts import load_history
from .services import applicable, eligibility_evaluate, eligibility_evaluate_many, evaluate_facts, rules_in_force

SUGGESTED, NEARLY = "suggested", "nearly"


@dataclass
class Suggestion:
    award: object
    nominee: object
    kind: str  # SUGGESTED or NEARLY
    missing: str  # the one condition not met (NEARLY)


def _nominated(organisation, year):
    live = Dossier.objects.filter(organisation=organisation, period__year=year).exclude(
        status__in=[DossierStatus.WITHDRAWN, DossierStatus.REJECTED]
    )
    return {
        (code, "person" if person else "department", person or dept)
        for code, person, dept in live.values_list("award__code", "nominee_person_id", "nominee_department_id")
    }


def suggestions(organisation, year, *, award_code=None, on=None):
    """Suggested and nearly eligible nominees of one organisation for a year, over the awards in force."""
    awards = awards_in_force(Period(year=year))
    if award_code:
        awards = [a for a in awards if a.code == award_code]
    rules = rules_in_force({a.regime_id for a in awards}, year)
    # Only awards (and kinds of nominee, below) with conditions of their own: with the general ones alone,
    # everybody would be "suggested".
    people = list(StaffMember.objects.filter(organisation=organisation, is_active=True).select_related("department"))
    departments = list(Department.objects.filter(organisation=organisation))
    history = load_history(people, departments)
    nominated = _nominated(organisation, year)
    on = on or timezone.localdate()
    found = []
    for award in awards:
        for kind, nominees in (("person", people), ("department", departments)):
            if not award.accepts(kind):
                continue
            chosen = applicable(rules, award, kind)
            if not any(r.award_code for r in chosen):
                continue  # e.g. Bằng khen Thủ tướng for a collective: no condition of its own is configured
            for nominee in nominees:
                if (award.code, kind, nominee.pk) in nominated:
                    continue
                facts = history.of(nominee)
                result = evaluate_facts(
                    facts,
                    year,
                    chosen,
                    on=on,
                    award_names=history.award_names,
                    regulation=history.regulation(facts, year),
                )
                unmet = [c for c in result["checks"] if not c["met"]]
                if not unmet:
                    found.append(Suggestion(award, nominee, SUGGESTED, ""))
                elif sum(c["gap"] for c in unmet) == 1:
                    found.append(Suggestion(award, nominee, NEARLY, unmet[0]["hint"]))
    return found


def _annotated(awards):
    """Each award with ``revoked``: its revocation (thu hồi) or None."""
    awards = list(awards)
    for award in awards:
        award.revoked = getattr(award, "revocation", None)
    return awards


def nominee_record(nominee):
    """What eligibility is judged on, for the record page: awards, ratings, discipline, cases, initiatives."""
    field = "person" if isinstance(nominee, StaffMember) else "department"
    subject = {field: nominee}
    record = {
        "awards": _annotated(
            AwardRecord.objects.filter(**subject).select_related("award", "revocation").order_by("-year", "award__code")
        ),
        "ratings": YearlyRating.objects.filter(**subject).order_by("-year"),
        "disciplines": Discipline.objects.filter(**subject).order_by("-start"),
        "cases": PendingCase.objects.filter(**subject).order_by("-opened_on"),
    }
    if field == "person":
        record["initiatives"] = nominee.initiatives.order_by("-year", "title")
    else:
        record["initiatives"] = (
            Initiative.objects.filter(authors__department=nominee).distinct().order_by("-year", "title")
        )
    return record


# --- what the pages and the API show of a dossier's eligibility ---
def dossier_eligibility(dossier):
    """``{"eligible": bool, "reasons": [text, ...], "blocking": [text, ...]}`` in the active language: the dossier
    page and the API's ``eligibility`` field. Shown, not enforced here: the council decides; the failed hard rules
    listed in ``blocking`` refuse the principal's signature."""
    return _shown(eligibility_evaluate(dossier))


def dossiers_eligibility(dossiers):
    """``{dossier id: dossier_eligibility}`` for a list (a council session's agenda), in a fixed number of queries."""
    return {pk: _shown(result) for pk, result in eligibility_evaluate_many(dossiers).items()}


def _shown(result):
    return {"eligible": result["eligible"], "reasons": result["reasons"], "blocking": result["failed_hard"]}
