"""Reads of the emulation app for pages and for other apps' rules, each in a fixed number of queries."""

from domain.dossiers import policies as dossier_policies
from ground.base import errors
from ground.organisation.selectors import staff_of

from .models import Cluster, Movement, Registration


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


def movements_for_registration(organisation_id, year):
    """The movements running in a year with their target units (two queries), for a registration's choice."""
    return (
        Movement.objects.filter(organisation_id=organisation_id, start__year__lte=year)
        .exclude(end__year__lt=year)
        .prefetch_related("target_departments")
        .order_by("start", "pk")
    )


def _staff(acting_user):
    staff = staff_of(acting_user)
    if staff is None:
        raise errors.NotAllowed()
    return staff


def movements_visible(acting_user, year):
    """The unit's movements of a year for one of its staff, and that person's department id (for ``open_to``)."""
    staff = _staff(acting_user)
    return movements_for_registration(staff.organisation_id, year), staff.department_id


def department_registrations(acting_user, year):
    """The registrations of the department its head registers for (the registration form's rows)."""
    staff = _staff(acting_user)
    dossier_policies.require_nominate(acting_user, staff.department)
    return (
        Registration.objects.filter(year=year, department_id=staff.department_id)
        .select_related("department", "person", "movement")
        .order_by("person__full_name", "pk")
    )
