"""Reads of the emulation app for pages and for other apps' rules, each in a fixed number of queries."""

from .models import Cluster, Movement


def cluster_result(organisation_id, year):
    """The school's result in its emulation cluster (Khối thi đua) for a year, or None: what the Cờ thi đua tỉnh
    rule reads. ``{"cluster", "rank", "members", "proposal", "leading", "document", "date"}``; ``leading`` is
    True when the school ranked first or the cluster proposed it for the Cờ thi đua. One query."""
    cluster = Cluster.objects.filter(organisation_id=organisation_id, year=year).first()
    if cluster is None:
        return None
    return {
        "cluster": cluster.name,
        "rank": cluster.rank,
        "proposal": cluster.proposal,
        "leading": cluster.rank == 1 or cluster.proposal == Cluster.Proposal.FLAG,
        "document": cluster.result_document,
        "date": cluster.result_date,
    }


def movements_of_year(organisation_id, year):
    """The movements running in a year, with their plan and summaries (three queries)."""
    return (
        Movement.objects.filter(organisation_id=organisation_id, start__year__lte=year)
        .exclude(end__year__lt=year)
        .select_related("plan")
        .prefetch_related("summaries")
        .order_by("start", "pk")
    )


def clusters_of(organisation_id):
    return Cluster.objects.filter(organisation_id=organisation_id).prefetch_related("members").order_by("-year")
