"""A nominee's record, loaded for many nominees at once in a fixed number of queries.

The predicates read these plain objects only, so evaluating one dossier or a whole school costs the same queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from domain.dossiers.models import AwardRecord
from domain.emulation.models import Registration
from domain.records.models import Discipline, Initiative, PendingCase, YearlyRating
from ground.base import reference
from ground.organisation.models import AwardType, SchoolRegulation, StaffMember


@dataclass
class Facts:
    kind: str  # "person" or "department"
    pk: int
    name: str
    awards: dict = field(default_factory=lambda: defaultdict(set))  # year -> {award code}
    ratings: dict = field(default_factory=dict)  # year -> rating code
    disciplines: list = field(default_factory=list)  # (kind label, start, end or None, severity)
    cases: list = field(default_factory=list)  # (kind label, opened, closed or None)
    initiatives: dict = field(default_factory=dict)  # initiative id -> (year, scope)
    registrations: dict = field(default_factory=lambda: defaultdict(set))  # year -> {award code registered}
    members: list = field(default_factory=list)  # Facts of the department's staff (see member_at)
    recruited_on: object = None
    left_on: object = None
    active: bool = True
    organisation_id: int = None

    def members_at(self, year):
        """The collective's members at the end of ``year`` (not today's): recruited by then, not yet left."""
        end = date(year, 12, 31)
        return [
            m
            for m in self.members
            if (m.recruited_on is None or m.recruited_on <= end) and (m.left_on > end if m.left_on else m.active)
        ]


@dataclass
class History:
    people: dict  # pk -> Facts
    departments: dict  # pk -> Facts
    award_names: dict  # code -> AwardType (for names in the active language)
    regulations: list = field(default_factory=list)  # the organisations' SchoolRegulation versions, latest first

    def regulation(self, facts, year):
        """The school's regulation in force at the end of ``year`` for this nominee (defaults when none)."""
        end = date(year, 12, 31)
        for regulation in self.regulations:
            if regulation.organisation_id == facts.organisation_id and regulation.effective_from <= end:
                return regulation
        return SchoolRegulation(organisation_id=facts.organisation_id, number="", signed_on=end, effective_from=end)

    def of(self, nominee):
        return (self.people if isinstance(nominee, StaffMember) else self.departments)[nominee.pk]


def load_history(people=(), departments=()):
    """Facts of the given people and departments, and of every active member of those departments."""
    people_facts = {
        p.pk: Facts(
            "person",
            p.pk,
            str(p),
            recruited_on=p.recruited_on,
            left_on=p.left_on,
            active=p.is_active,
            organisation_id=p.organisation_id,
        )
        for p in people
    }
    dept_facts = {d.pk: Facts("department", d.pk, str(d), organisation_id=d.organisation_id) for d in departments}
    # Everyone who may have been a member at some period's end: the active staff, and those who left.
    members = StaffMember.objects.filter(department_id__in=dept_facts).filter(
        Q(is_active=True) | Q(left_on__isnull=False)
    )
    for member in members.order_by("full_name").values(
        "pk", "department_id", "full_name", "recruited_on", "left_on", "is_active"
    ):
        facts = people_facts.setdefault(
            member["pk"],
            Facts(
                "person",
                member["pk"],
                member["full_name"],
                recruited_on=member["recruited_on"],
                left_on=member["left_on"],
                active=member["is_active"],
                organisation_id=None,
            ),
        )
        dept_facts[member["department_id"]].members.append(facts)

    def owner(row):
        return people_facts.get(row["person_id"]) or dept_facts.get(row["department_id"])

    subject = Q(person_id__in=people_facts) | Q(department_id__in=dept_facts)
    # Thematic, one-off and long-service awards never count toward higher awards (Decree 152/2025, general
    # principles): the rules see regular awards only; a revoked award (thu hồi) stays in the history, annotated,
    # and no longer counts.
    regular = AwardRecord.objects.filter(subject, method=AwardRecord.Method.REGULAR, revocation__isnull=True)
    for row in regular.values("person_id", "department_id", "year", "award__code"):
        owner(row).awards[row["year"]].add(row["award__code"])
    for row in YearlyRating.objects.filter(subject).values("person_id", "department_id", "year", "rating"):
        owner(row).ratings[row["year"]] = row["rating"]
    kinds = dict(Discipline.Kind.choices)
    for row in Discipline.objects.filter(subject).values("person_id", "department_id", "kind", "start", "end"):
        severity = Discipline.SEVERITY.get(row["kind"], 1)
        owner(row).disciplines.append((kinds.get(row["kind"], row["kind"]), row["start"], row["end"], severity))
    kinds = dict(PendingCase.Kind.choices)
    for row in PendingCase.objects.filter(subject).values(
        "person_id", "department_id", "kind", "opened_on", "closed_on"
    ):
        owner(row).cases.append((kinds.get(row["kind"], row["kind"]), row["opened_on"], row["closed_on"]))
    # A registration always names its department; the department's own has no person.
    registered = Registration.objects.filter(
        Q(person_id__in=people_facts) | Q(person__isnull=True, department_id__in=dept_facts)
    )
    for row in registered.values("person_id", "department_id", "year", "award_code"):
        owner(row).registrations[row["year"]].add(row["award_code"])
    authorship = Initiative.authors.through.objects.filter(
        staffmember_id__in=people_facts, initiative__status=Initiative.Status.RECOGNISED
    ).values("staffmember_id", "initiative_id", "initiative__year", "initiative__scope", "initiative__kind")
    for row in authorship:
        people_facts[row["staffmember_id"]].initiatives[row["initiative_id"]] = (
            row["initiative__year"],
            row["initiative__scope"],
            row["initiative__kind"],
        )
    for dept in dept_facts.values():  # a collective's initiatives are its members'
        for member in dept.members:
            dept.initiatives.update(member.initiatives)
    names = {a.code: a for a in sorted(reference.rows(AwardType), key=lambda a: a.regime.effective_from)}
    organisations = {f.organisation_id for f in [*people_facts.values(), *dept_facts.values()]} - {None}
    regulations = sorted(
        (r for r in reference.rows(SchoolRegulation) if r.organisation_id in organisations),
        key=lambda r: r.effective_from,
        reverse=True,
    )
    return History(people_facts, dept_facts, names, regulations)
