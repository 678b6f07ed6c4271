"""The figures every report reads, for one unit and year, up to a cut-off day (30/06 for the half-year).

Each figure is one aggregate query over the domain's own rows, so the reports and the tests count the same way.
"""

from collections import Counter
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task

from domain.council.models import CouncilSession, Objection
from domain.dossiers.models import AwardRecord, Dossier, DossierStatus
from domain.emulation.models import EmulationPlan, Movement, MovementSummary, Registration
from domain.emulation.selectors import cluster_result
from domain.fund.models import FundIncome, Payout
from domain.fund.selectors import fund_balance, paid_out_q
from domain.records.models import PendingCase
from ground.organisation.models import AwardType

STEP_LABELS = {
    "check_completeness": _("Completeness check"),
    "correct": _("Correction by the department"),
    "council_review": _("Council review (session and vote)"),
    "posting": _("Public posting for objections"),
    "resolve_objection": _("Decision on an objection"),
    "sign_decision": _("Principal's signature of the decision"),
    "sign_submission": _("Principal's signature of the submission letter"),
    "forward": _("Forward to the province"),
    "record_province": _("Province's decision"),
}


def cutoff(year, half=False):
    return date(year, 6, 30) if half else date(year, 12, 31)


def _plans(org, year, until):
    return list(
        EmulationPlan.objects.filter(organisation_id=org, year=year)
        .filter(Q(document_date__isnull=True) | Q(document_date__lte=until))
        .order_by("document_date", "pk")
    )


def _movements(org, year, until):
    return list(
        Movement.objects.filter(organisation_id=org, start__year__lte=year, start__lte=until)
        .exclude(end__year__lt=year)
        .order_by("start", "pk")
    )


def _awards(org, year, until):
    rows = (
        AwardRecord.objects.filter(organisation_id=org, year=year, decision_date__lte=until)
        .values("award__code", "award__name_vi", "award__decided_by")
        .annotate(
            individuals=Count("pk", filter=Q(person__isnull=False)),
            collectives=Count("pk", filter=Q(department__isnull=False)),
            amount=Sum("amount"),
        )
        .order_by("award__decided_by", "award__code")
    )
    decided = dict(AwardType.DecidedBy.choices)
    return [
        {
            "code": r["award__code"],
            "name": r["award__name_vi"],
            "level": str(decided[r["award__decided_by"]]),
            "individuals": r["individuals"],
            "collectives": r["collectives"],
            "total": r["individuals"] + r["collectives"],
            "amount": r["amount"] or 0,
        }
        for r in rows
    ]


def _dossiers(org, year, until):
    counts = Counter(
        dict(
            Dossier.objects.filter(organisation_id=org, period__year=year, created_at__date__lte=until)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    return [{"status": str(label), "count": counts[value]} for value, label in DossierStatus.choices if counts[value]]


def _step_times(org, year, until):
    """Average days from a step's arrival to its completion, per step of the dossiers' process."""
    tasks = Task.objects.filter(
        process__dossierprocess__dossier__organisation_id=org,
        process__dossierprocess__dossier__period__year=year,
        finished__isnull=False,
        finished__date__lte=until,
    ).values_list("flow_task", "created", "finished")
    spans = {}
    for flow_task, created, finished in tasks:
        name = getattr(flow_task, "name", None) or str(flow_task).rsplit(".", 1)[-1]
        if name in STEP_LABELS:
            spans.setdefault(name, []).append((finished - created).total_seconds() / 86400)
    return [
        {"step": str(STEP_LABELS[name]), "count": len(v), "days": round(sum(v) / len(v), 1)}
        for name, v in ((n, spans[n]) for n in STEP_LABELS if n in spans)
    ]


def _fund(org, year, until):
    income = FundIncome.objects.filter(organisation_id=org, year=year, received_on__lte=until)
    lines = Payout.objects.filter(organisation_id=org, year=year, decision_date__lte=until)
    paid = lines.filter(paid_out_q(until)).aggregate(n=Count("pk"), total=Sum("amount"))
    return {
        "income": income.aggregate(total=Sum("amount"))["total"] or 0,
        "lines": lines.exclude(status=Payout.Status.REVERSED).count(),
        "due": lines.filter(status=Payout.Status.DUE).aggregate(total=Sum("amount"))["total"] or 0,
        "paid": paid["total"] or 0,
        "paid_lines": paid["n"],
        "balance": fund_balance(org, until)["balance"],
    }


def year_figures(organisation_id, year, *, half=False):
    """Everything the half-year, year-end and self-inspection reports print."""
    org, until = organisation_id, cutoff(year, half)
    registrations = Registration.objects.filter(organisation_id=org, year=year, registered_at__date__lte=until)
    reg = registrations.aggregate(
        people=Count("pk", filter=Q(person__isnull=False)), collectives=Count("pk", filter=Q(person__isnull=True))
    )
    movements = _movements(org, year, until)
    awards = _awards(org, year, until)
    sessions = CouncilSession.objects.filter(  # the Emulation and Commendation Council's (not the Initiatives')
        organisation_id=org, council__period__year=year, meeting_date__lte=until, kind=CouncilSession.Kind.AWARDS
    ).aggregate(held=Count("pk"), concluded=Count("pk", filter=Q(status=CouncilSession.Status.CONCLUDED)))
    objections = Objection.objects.filter(dossier__organisation_id=org, dossier__period__year=year).aggregate(
        total=Count("pk"), upheld=Count("pk", filter=Q(status=Objection.Status.UPHELD))
    )
    complaints = PendingCase.objects.filter(
        Q(person__organisation_id=org) | Q(department__organisation_id=org),
        kind__in=[PendingCase.Kind.COMPLAINT, PendingCase.Kind.DENUNCIATION],
        opened_on__year=year,
        opened_on__lte=until,
    ).count()
    summaries = MovementSummary.objects.filter(movement__organisation_id=org, year=year).exclude(document="")
    return {
        "year": year,
        "until": until,
        "half": half,
        "plans": [
            {"document": p.document, "date": p.document_date, "title": p.title} for p in _plans(org, year, until)
        ],
        "movements": [
            {"theme": m.theme, "kind": m.get_kind_display(), "document": m.document, "start": m.start}
            for m in movements
        ],
        "movements_count": len(movements),
        "movements_thematic": sum(1 for m in movements if m.kind != Movement.Kind.REGULAR),
        "summaries": [f"{s.document} ({s.get_stage_display()})" for s in summaries],
        "registrations_people": reg["people"],
        "registrations_collectives": reg["collectives"],
        "dossiers": _dossiers(org, year, until),
        "dossiers_total": Dossier.objects.filter(
            organisation_id=org, period__year=year, created_at__date__lte=until
        ).count(),
        "sessions_held": sessions["held"],
        "sessions_concluded": sessions["concluded"],
        "awards": awards,
        "awards_individuals": sum(a["individuals"] for a in awards),
        "awards_collectives": sum(a["collectives"] for a in awards),
        "awards_amount": sum(a["amount"] for a in awards),
        "objections": objections["total"],
        "objections_upheld": objections["upheld"],
        "complaints": complaints,
        "step_times": _step_times(org, year, until),
        "fund": _fund(org, year, until),
        "cluster": cluster_result(org, year),
    }
