"""The vocabulary of conditions a rule may use: each a small function of a nominee's facts and the rule's params.

A predicate returns ``(met, values)``; the text people read is the kind's template (met or not met) filled with
``values``, in the active language, unless the rule carries its own wording.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from domain.records.models import Discipline, Initiative

SCOPE_RANK = {str(k): v for k, v in Initiative.RANK.items()}
INITIATIVE_KINDS = [str(k) for k in Initiative.Kind.values]
SEVERITY = {str(k): v for k, v in Discipline.SEVERITY.items()}
# Keys a predicate may add to its values: distance from met, what is missing, a wording of its own.
GAP, HINT, TEXT = "_gap", "_hint", "_text"


@dataclass(frozen=True)
class Context:
    year: int  # the emulation year being judged
    on: date  # the day of the evaluation (discipline and pending cases in effect on that day)
    award_names: dict
    regulation: object = None  # the school's regulation in force at the period's end (dossiers.SchoolRegulation)


def _dmy(day):
    return date_format(day, "d/m/Y") if day else "…"


def _award(ctx, code):
    award = ctx.award_names.get(code)
    return award.name if award else code


def _years(years):
    return ", ".join(str(y) for y in years) or "—"


def _window(ctx, p, default_n=1):
    last = ctx.year + p.get("offset", 0)
    n = p.get("years", p.get("n", default_n))
    return list(range(last - n + 1, last + 1))


# --- individual or collective record ----------------------------------------------------------------------------


def award_in_year(facts, ctx, p):
    year = ctx.year + p.get("offset", 0)
    return p["award"] in facts.awards.get(year, ()), {"award": _award(ctx, p["award"]), "year": year}


def consecutive_awards(facts, ctx, p):
    window = _window(ctx, p)
    missing = [y for y in window if p["award"] not in facts.awards.get(y, ())]
    values = {"award": _award(ctx, p["award"]), "n": p["n"], "first": window[0], "last": window[-1]}
    return not missing, {**values, "missing": _years(missing), GAP: len(missing)}


def award_count(facts, ctx, p):
    window = _window(ctx, p)
    count = sum(1 for y in window if p["award"] in facts.awards.get(y, ()))
    values = {"award": _award(ctx, p["award"]), "n": p["n"], "count": count, "first": window[0], "last": window[-1]}
    return count >= p["n"], {**values, GAP: p["n"] - count}


def rating_in_year(facts, ctx, p):
    year = ctx.year + p.get("offset", 0)
    rating = facts.ratings.get(year)
    return rating in p["codes"], {"year": year, "rating": rating or _("not rated"), "codes": " / ".join(p["codes"])}


def consecutive_ratings(facts, ctx, p):
    window = _window(ctx, p)
    missing = [y for y in window if facts.ratings.get(y) not in p["codes"]]
    values = {"codes": " / ".join(p["codes"]), "n": p["n"], "first": window[0], "last": window[-1]}
    return not missing, {**values, "missing": _years(missing), GAP: len(missing)}


def initiative(facts, ctx, p):
    """Recognised initiatives, and research projects accepted and applied (they count alike unless ``kinds``)."""
    window = _window(ctx, p)
    floor = SCOPE_RANK[p.get("scope_at_least", "school")]
    kinds = set(p.get("kinds") or INITIATIVE_KINDS)
    count = sum(
        1
        for year, scope, kind in facts.initiatives.values()
        if year in window and SCOPE_RANK[scope] >= floor and kind in kinds
    )
    n = p.get("count", 1)
    scope = dict(Initiative.Scope.choices)[p.get("scope_at_least", "school")]
    values = {"count": count, "n": n, "scope": scope, "first": window[0], "last": window[-1]}
    return count >= n, {**values, GAP: n - count}


def registered(facts, ctx, p):
    """Đăng ký thi đua: a title is considered only for those who registered in the year (any title, or those
    listed in ``awards``)."""
    year = ctx.year + p.get("offset", 0)
    codes = facts.registrations.get(year, set())
    wanted = p.get("awards") or []
    return bool(codes & set(wanted)) if wanted else bool(codes), {"year": year}


def _in_effect(start, end, day):
    return start <= day and (end is None or end >= day)


def _overlaps_year(start, end, year):
    return start <= date(year, 12, 31) and (end is None or end >= date(year, 1, 1))


def _severe(disciplines, p):
    floor = SEVERITY.get(p.get("min_severity", "reprimand"), 1)
    return [d for d in disciplines if d[3] >= floor]


def no_discipline(facts, ctx, p):
    """``at``: ``evaluation`` (in effect on the day of the evaluation), ``year`` (at any time of the judged year),
    ``year_end`` (in effect on its last day); ``min_severity``: the lightest form that counts (default any)."""
    at = p.get("at", "evaluation")
    disciplines = _severe(facts.disciplines, p)
    if at == "year":
        hits = [d for d in disciplines if _overlaps_year(d[1], d[2], ctx.year)]
    elif at == "year_end":
        hits = [d for d in disciplines if _in_effect(d[1], d[2], date(ctx.year, 12, 31))]
    else:
        hits = [d for d in disciplines if _in_effect(d[1], d[2], ctx.on)]
    values = {"year": ctx.year, "date": _dmy(ctx.on)}
    if not hits and at == "year":
        values[TEXT] = _("No discipline in %(year)s.") % values
    elif not hits and at == "year_end":
        values[TEXT] = _("No discipline in effect on 31/12/%(year)s.") % values
    if hits:
        kind, start, end, _severity = hits[0]
        values.update(kind=kind, start=_dmy(start), end=_dmy(end))
    return not hits, values


def discipline_ended_in_year(facts, ctx, p):
    """A discipline that ended during the judged year: the school's regulation says whether it excludes the title."""
    first, last = date(ctx.year, 1, 1), date(ctx.year, 12, 31)
    ended = [d for d in _severe(facts.disciplines, p) if d[2] is not None and first <= d[2] < last and d[1] <= last]
    excluded = getattr(ctx.regulation, "discipline_ended_in_year", "excluded") == "excluded"
    values = {"year": ctx.year}
    if not ended:
        values[TEXT] = _("No discipline ended during %(year)s.") % values
        return True, values
    kind, start, end, _severity = ended[0]
    values.update(kind=kind, start=_dmy(start), end=_dmy(end))
    if excluded:
        return False, values
    values[TEXT] = (
        _("%(kind)s from %(start)s to %(end)s ended during %(year)s: the title is considered from its end.") % values
    )
    return True, values


def service_months(facts, ctx, p):
    """Thời gian công tác: whole months from the recruitment date to the end of the judged year."""
    values = {"year": ctx.year, "n": p["months"]}
    recruited = facts.recruited_on
    if recruited is None or recruited.year < ctx.year:
        values[TEXT] = _("Served the whole of %(year)s.") % values
        return True, values
    end = date(ctx.year + 1, 1, 1)
    months = max((end.year - recruited.year) * 12 + end.month - recruited.month - (end.day < recruited.day), 0)
    values.update(months=months, date=_dmy(recruited), **{GAP: p["months"] - months})
    return months >= p["months"], values


def award_before(facts, ctx, p):
    """An award received before (``gap``: at least that many years before the judged year), e.g. the provincial
    Bằng khen that the Prime Minister's Bằng khen required under Decree 91."""
    until = ctx.year - p.get("gap", 0)
    years = sorted(y for y, codes in facts.awards.items() if y <= until and p["award"] in codes)
    values = {"award": _award(ctx, p["award"]), "until": until, "years": _years(years)}
    return bool(years), values


def no_pending_case(facts, ctx, p):
    # A case closed on a day no longer blocks on that day.
    open_cases = [c for c in facts.cases if c[1] <= ctx.on and (c[2] is None or c[2] > ctx.on)]
    values = {"date": _dmy(ctx.on)}
    if open_cases:
        values.update(cases=", ".join(f"{k} ({_dmy(o)})" for k, o, _c in open_cases))
    return not open_cases, values


# --- a collective over its members ------------------------------------------------------------------------------


def _names(members, limit=5):
    names = [m.name for m in members[:limit]]
    return ", ".join(names) + (" …" if len(members) > limit else "")


def members_all_rated(facts, ctx, p):
    year = ctx.year + p.get("offset", 0)
    members = facts.members_at(year)
    failing = [m for m in members if m.ratings.get(year) not in p["codes"]]
    values = {"year": year, "codes": " / ".join(p["codes"]), "total": len(members), "count": len(failing)}
    return bool(members) and not failing, {**values, "names": _names(failing)}


def members_share_with_award(facts, ctx, p):
    """At least ``pct`` % of the members (TTLĐXS: 70 %), or more than ``more_than`` % (TTLĐTT: trên 50 %)."""
    year = ctx.year + p.get("offset", 0)
    members = facts.members_at(year)
    total = len(members)
    count = sum(1 for m in members if p["award"] in m.awards.get(year, ()))
    share = round(100 * count / total) if total else 0
    values = {"award": _award(ctx, p["award"]), "year": year, "count": count, "total": total, "share": share}
    if "more_than" in p:
        met = total > 0 and count * 100 > p["more_than"] * total
        return met, {**values, "pct": p["more_than"], TEXT: _share_text(met, values, p["more_than"])}
    return total > 0 and count * 100 >= p["pct"] * total, {**values, "pct": p["pct"]}


def _share_text(met, values, pct):
    values = {**values, "pct": pct}
    if met:
        text = _(
            "%(count)s of %(total)s members (%(share)s%%) received %(award)s in %(year)s; more than %(pct)s%% needed."
        )
    else:
        text = _(
            "Only %(count)s of %(total)s members (%(share)s%%) received %(award)s in %(year)s; "
            "more than %(pct)s%% needed."
        )
    return text % values


def members_count_with_award(facts, ctx, p):
    year = ctx.year + p.get("offset", 0)
    count = sum(1 for m in facts.members_at(year) if p["award"] in m.awards.get(year, ()))
    return count >= p["n"], {"award": _award(ctx, p["award"]), "year": year, "count": count, "n": p["n"]}


def members_no_discipline(facts, ctx, p):
    """No member (at the period's end) disciplined during the year at ``min_severity`` or above (cảnh cáo for the
    collective titles: a member's reprimand does not exclude the collective)."""
    hits = [
        m
        for m in facts.members_at(ctx.year)
        if any(_overlaps_year(d[1], d[2], ctx.year) for d in _severe(m.disciplines, p))
    ]
    return not hits, {"year": ctx.year, "names": _names(hits)}


# --- combinations -----------------------------------------------------------------------------------------------


def any_of(facts, ctx, p):
    outcomes = [check(item["kind"], item, facts, ctx) for item in p["of"]]
    met = [o for o in outcomes if o.met]
    if met:
        return True, {"text": met[0].text}
    closest = min(outcomes, key=lambda o: o.gap)
    return False, {"text": " · ".join(o.text for o in outcomes), GAP: closest.gap, HINT: closest.hint}


def all_of(facts, ctx, p):
    outcomes = [check(item["kind"], item, facts, ctx) for item in p["of"]]
    failing = [o for o in outcomes if not o.met]
    text = " · ".join(o.text for o in (failing or outcomes))
    hint = failing[0].hint if len(failing) == 1 else text
    return not failing, {"text": text, GAP: sum(o.gap for o in failing), HINT: hint}


@dataclass(frozen=True)
class Kind:
    func: object
    label: str
    params: dict  # name -> (type, required)
    met: str
    unmet: str


AWARD, INT, CODES = ("award", str, True), ("n", int, True), ("codes", list, True)
OFFSET = ("offset", int, False)
SEVERITY_PARAM = ("min_severity", str, False)


def _schema(*fields):
    return {name: (typ, required) for name, typ, required in fields}


KINDS = {
    "award_in_year": Kind(
        award_in_year,
        gettext_lazy("Award received in a year"),
        _schema(AWARD, OFFSET),
        gettext_lazy("%(award)s received in %(year)s."),
        gettext_lazy("%(award)s not received in %(year)s."),
    ),
    "consecutive_awards": Kind(
        consecutive_awards,
        gettext_lazy("Award received in consecutive years"),
        _schema(AWARD, INT, OFFSET),
        gettext_lazy("%(award)s in %(n)s consecutive years (%(first)s–%(last)s)."),
        gettext_lazy("%(award)s needed in %(n)s consecutive years (%(first)s–%(last)s); missing: %(missing)s."),
    ),
    "award_count": Kind(
        award_count,
        gettext_lazy("Award received a number of times within some years"),
        _schema(AWARD, INT, ("years", int, True), OFFSET),
        gettext_lazy("%(award)s received %(count)s times in %(first)s–%(last)s (at least %(n)s needed)."),
        gettext_lazy("%(award)s received %(count)s times in %(first)s–%(last)s; at least %(n)s needed."),
    ),
    "rating_in_year": Kind(
        rating_in_year,
        gettext_lazy("Yearly rating"),
        _schema(CODES, OFFSET),
        gettext_lazy("Rated %(rating)s in %(year)s."),
        gettext_lazy("Rating in %(year)s: %(rating)s; %(codes)s needed."),
    ),
    "consecutive_ratings": Kind(
        consecutive_ratings,
        gettext_lazy("Yearly rating in consecutive years"),
        _schema(CODES, INT, OFFSET),
        gettext_lazy("Rated %(codes)s in %(n)s consecutive years (%(first)s–%(last)s)."),
        gettext_lazy("%(codes)s needed in %(n)s consecutive years (%(first)s–%(last)s); missing: %(missing)s."),
    ),
    "initiative": Kind(
        initiative,
        gettext_lazy("Recognised initiatives"),
        _schema(
            ("scope_at_least", str, False), ("count", int, False), ("years", int, False), ("kinds", list, False), OFFSET
        ),
        gettext_lazy("%(count)s initiative(s) recognised at %(scope)s level or higher in %(first)s–%(last)s."),
        gettext_lazy(
            "Initiatives recognised at %(scope)s level or higher in %(first)s–%(last)s: %(count)s; %(n)s needed."
        ),
    ),
    "registered": Kind(
        registered,
        gettext_lazy("Registered for the emulation of the year"),
        _schema(("awards", list, False), OFFSET),
        gettext_lazy("Registered for the emulation of %(year)s."),
        gettext_lazy("Not registered for the emulation of %(year)s."),
    ),
    "no_discipline": Kind(
        no_discipline,
        gettext_lazy("No discipline"),
        _schema(("at", str, False), SEVERITY_PARAM),
        gettext_lazy("No discipline in effect."),
        gettext_lazy("Under discipline (%(kind)s) from %(start)s to %(end)s."),
    ),
    "no_pending_case": Kind(
        no_pending_case,
        gettext_lazy("No pending complaint, denunciation, inspection or disciplinary review"),
        {},
        gettext_lazy("No pending complaint, denunciation, inspection or disciplinary review on %(date)s."),
        gettext_lazy("Pending on %(date)s: %(cases)s."),
    ),
    "members_all_rated": Kind(
        members_all_rated,
        gettext_lazy("Every member's yearly rating"),
        _schema(CODES, OFFSET),
        gettext_lazy("All %(total)s members rated %(codes)s in %(year)s."),
        gettext_lazy("%(count)s of %(total)s members not rated %(codes)s in %(year)s: %(names)s."),
    ),
    "members_share_with_award": Kind(
        members_share_with_award,
        gettext_lazy("Share of members with an award"),
        _schema(AWARD, ("pct", int, False), ("more_than", int, False), OFFSET),
        gettext_lazy("%(count)s of %(total)s members (%(share)s%%) received %(award)s in %(year)s; %(pct)s%% needed."),
        gettext_lazy(
            "Only %(count)s of %(total)s members (%(share)s%%) received %(award)s in %(year)s; %(pct)s%% needed."
        ),
    ),
    "members_count_with_award": Kind(
        members_count_with_award,
        gettext_lazy("Number of members with an award"),
        _schema(AWARD, INT, OFFSET),
        gettext_lazy("%(count)s members received %(award)s in %(year)s (at least %(n)s needed)."),
        gettext_lazy("%(count)s members received %(award)s in %(year)s; at least %(n)s needed."),
    ),
    "members_no_discipline": Kind(
        members_no_discipline,
        gettext_lazy("No member disciplined in the year"),
        _schema(SEVERITY_PARAM),
        gettext_lazy("No member disciplined in %(year)s."),
        gettext_lazy("Members disciplined in %(year)s: %(names)s."),
    ),
    "discipline_ended_in_year": Kind(
        discipline_ended_in_year,
        gettext_lazy("A discipline that ended during the year (the school's regulation decides)"),
        _schema(SEVERITY_PARAM),
        gettext_lazy("No discipline ended during %(year)s."),
        gettext_lazy("%(kind)s from %(start)s to %(end)s ended during %(year)s: the title of that year is excluded."),
    ),
    "service_months": Kind(
        service_months,
        gettext_lazy("Months of service in the year"),
        _schema(("months", int, True)),
        gettext_lazy("Recruited on %(date)s: %(months)s months of service in %(year)s (at least %(n)s needed)."),
        gettext_lazy("Recruited on %(date)s: %(months)s months of service in %(year)s; at least %(n)s needed."),
    ),
    "award_before": Kind(
        award_before,
        gettext_lazy("Award received before"),
        _schema(AWARD, ("gap", int, False)),
        gettext_lazy("%(award)s received in %(years)s."),
        gettext_lazy("%(award)s not received up to %(until)s."),
    ),
    "any_of": Kind(any_of, gettext_lazy("One of several conditions"), {"of": (list, True)}, "%(text)s", "%(text)s"),
    "all_of": Kind(all_of, gettext_lazy("All of several conditions"), {"of": (list, True)}, "%(text)s", "%(text)s"),
}

_DISCIPLINE_AT = {"evaluation", "year", "year_end"}


@dataclass(frozen=True)
class Outcome:
    met: bool
    text: str
    gap: int  # how far from met: 0 when met; e.g. the number of missing years
    hint: str  # what is missing, as precisely as known (the closest alternative of an any_of)


def check(kind, params, facts, ctx, wording=None):
    """The outcome of one condition; ``wording`` is the rule's own template (``{placeholders}``), if any."""
    spec = KINDS[kind]
    met, values = spec.func(facts, ctx, params)
    text = values.get(TEXT) or str(spec.met if met else spec.unmet) % values
    if wording:
        text = wording.format_map(_Lenient(values, default=text))
    gap = 0 if met else max(values.get(GAP, 1), 1)
    return Outcome(met, text, gap, values.get(HINT, text))


class _Lenient(dict):
    """Unknown placeholders in an administrator's wording stay visible instead of failing the evaluation."""

    def __init__(self, values, default):
        super().__init__(values, default=default)

    def __missing__(self, key):
        return "{" + key + "}"


def params_errors(kind, params):
    """What is wrong with a rule's parameters, in words for the administrator (empty when valid)."""
    if kind not in KINDS:
        return [_("Unknown condition %(kind)s. Known: %(kinds)s.") % {"kind": kind, "kinds": ", ".join(KINDS)}]
    if not isinstance(params, dict):
        return [_("The parameters must be a JSON object.")]
    problems = []
    for name, (typ, required) in KINDS[kind].params.items():
        if name not in params:
            if required:
                problems.append(_("Missing parameter: %(name)s.") % {"name": name})
        elif not isinstance(params[name], typ) or isinstance(params[name], bool):
            problems.append(_("Parameter %(name)s has the wrong type.") % {"name": name})
    if "scope_at_least" in params and params["scope_at_least"] not in SCOPE_RANK:
        problems.append(_("scope_at_least must be one of: %(scopes)s.") % {"scopes": ", ".join(SCOPE_RANK)})
    if kind == "no_discipline" and params.get("at", "evaluation") not in _DISCIPLINE_AT:
        problems.append(_("at must be one of: %(values)s.") % {"values": ", ".join(sorted(_DISCIPLINE_AT))})
    if "min_severity" in params and params["min_severity"] not in SEVERITY:
        problems.append(_("min_severity must be one of: %(values)s.") % {"values": ", ".join(SEVERITY)})
    if kind == "members_share_with_award" and "pct" not in params and "more_than" not in params:
        problems.append(_("Missing parameter: %(name)s.") % {"name": "pct / more_than"})
    if "kinds" in params and not set(params["kinds"] or ()) <= set(INITIATIVE_KINDS):
        problems.append(_("kinds must be among: %(values)s.") % {"values": ", ".join(INITIATIVE_KINDS)})
    for item in params.get("of", []) if kind in ("any_of", "all_of") else []:
        if not isinstance(item, dict) or "kind" not in item:
            problems.append(_("Each item of “of” needs its own kind."))
        else:
            problems += params_errors(item["kind"], {k: v for k, v in item.items() if k != "kind"})
    return problems
