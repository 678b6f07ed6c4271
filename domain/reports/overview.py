"""The overview's figures (issue 16): where the dossiers are, by department, the awards of this period against the
last, the time each step takes (median and 90th percentile), the late tasks and the quotas' use.

Every figure is an aggregate over the dossiers the user may see (``dossiers.policies.visibility_q``) of one year, in a
fixed number of queries whatever the number of dossiers. The percentiles are PostgreSQL's ``percentile_cont``; on
SQLite (``make run``) the same interpolation is made in Python over the durations.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from domain.council.selectors import quota_use
from domain.council.services.quotas import SELECTED
from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.dossiers.models.dossier import FINAL
from domain.dossiers.policies import visibility_q
from domain.dossiers.steps import STEPS
from ground.base.language import english_active

LATE_ROWS = 15


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(p) WITHIN GROUP (ORDER BY expr)``."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def __init__(self, expression, fraction, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


def percentile(values, fraction):
    """``percentile_cont`` in Python: linear interpolation between the closest ranks of the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class StepTime:
    step: str
    title: str
    count: int
    median: timedelta | None
    p90: timedelta | None

    @property
    def median_days(self):
        return _days(self.median)

    @property
    def p90_days(self):
        return _days(self.p90)


def _days(span):
    return None if span is None else round(span.total_seconds() / 86400, 1)


def _closed_deadlines(dossiers):
    duration = ExpressionWrapper(F("closed_at") - F("started_at"), output_field=DurationField())
    rows = TaskDeadline.objects.filter(dossier__in=dossiers.values("pk"), closed_at__isnull=False)
    return rows, duration


def step_times_sql(dossiers):
    """[StepTime] of the human steps done, by PostgreSQL's percentile_cont (one query)."""
    rows, duration = _closed_deadlines(dossiers)
    found = {
        r["step"]: r
        for r in rows.values("step")
        .annotate(
            n=Count("pk"),
            median=PercentileCont(duration, 0.5, output_field=DurationField()),
            p90=PercentileCont(duration, 0.9, output_field=DurationField()),
        )
        .order_by()
    }
    return [
        StepTime(name, str(step.title), found[name]["n"], found[name]["median"], found[name]["p90"])
        for name, step in STEPS.items()
        if name in found
    ]


def step_times_python(dossiers):
    """The same figures as ``step_times_sql``, interpolated in Python (one query over the durations)."""
    rows, _duration = _closed_deadlines(dossiers)
    spans = {}
    for step, started, closed in rows.values_list("step", "started_at", "closed_at").iterator(chunk_size=5000):
        spans.setdefault(step, []).append(closed - started)
    return [
        StepTime(name, str(step.title), len(spans[name]), percentile(spans[name], 0.5), percentile(spans[name], 0.9))
        for name, step in STEPS.items()
        if name in spans
    ]


def step_times(dossiers):
    if connection.vendor == "postgresql":
        return step_times_sql(dossiers)
    return step_times_python(dossiers)


@dataclass
class Overview:
    year: int
    by_status: list = field(default_factory=list)  # [(status, label, count)] in the pipeline's order
    open_steps: list = field(default_factory=list)  # [(step, title, open tasks, of which late)]
    by_department: list = field(default_factory=list)  # [(department, total, in progress, awarded)]
    awards: list = field(default_factory=list)  # [(award name, this year, last year)]
    step_times: list = field(default_factory=list)  # [StepTime]
    late: list = field(default_factory=list)  # [TaskDeadline] the latest first, with .days_late
    late_total: int = 0
    quotas: list = field(default_factory=list)  # [council.selectors.QuotaUse]

    @property
    def total(self):
        return sum(count for _s, _l, count in self.by_status)


def overview(user, organisation_id, year, *, now=None):
    """The overview of one year for the user (the dossiers they may see): eight queries, at any size."""
    now = now or timezone.now()
    year = int(year)
    dossiers = Dossier.objects.filter(visibility_q(user), organisation_id=organisation_id, period__year=year)
    # One pass over the year's dossiers gives the steps, the departments and the selections the quotas count.
    counts, departments, selected = Counter(), {}, Counter()
    grouped = dossiers.values_list("status", "department__name", "award__code").annotate(n=Count("pk")).order_by()
    for status, department, award, n in grouped:
        counts[status] += n
        row = departments.setdefault(department, [department, 0, 0, 0])
        row[1] += n
        row[2] += n if status not in FINAL else 0
        row[3] += n if status == DossierStatus.AWARDED else 0
        if status in SELECTED:
            selected[award] += n
    view = Overview(year=year)
    view.by_status = [(value, str(label), counts[value]) for value, label in DossierStatus.choices if counts.get(value)]
    view.by_department = [tuple(departments[name]) for name in sorted(departments)]

    open_rows = TaskDeadline.objects.filter(dossier__in=dossiers.values("pk"), closed_at__isnull=True)
    per_step = {
        r["step"]: r
        for r in open_rows.values("step").annotate(n=Count("pk"), late=Count("pk", filter=Q(due_at__lt=now))).order_by()
    }
    view.open_steps = [
        (name, str(step.title), per_step[name]["n"], per_step[name]["late"])
        for name, step in STEPS.items()
        if name in per_step
    ]

    records = (
        AwardRecord.objects.filter(organisation_id=organisation_id, year__in=[year, year - 1])
        .values("award__code", "award__name_vi", "award__name_en", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    english = english_active()
    by_award = {}
    for r in records:
        name = r["award__name_en"] if english else r["award__name_vi"]
        entry = by_award.setdefault(r["award__code"], [name, 0, 0])
        entry[1 if r["year"] == year else 2] += r["n"]
    view.awards = sorted((tuple(v) for v in by_award.values()), key=lambda r: (-r[1], -r[2], r[0]))

    view.step_times = step_times(dossiers)

    view.late_total = sum(late for _step, _title, _n, late in view.open_steps)
    view.late = list(
        open_rows.filter(due_at__lt=now)
        .select_related(
            "dossier__department", "dossier__award", "dossier__nominee_person", "dossier__nominee_department"
        )
        .order_by("due_at")[:LATE_ROWS]
    )
    for row in view.late:
        row.days_late = (now - row.due_at).days
        row.title = str(STEPS[row.step].title) if row.step in STEPS else row.step

    view.quotas = quota_use(organisation_id, year, selected=selected)
    return view
