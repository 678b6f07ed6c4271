"""The secretariat's view of the exchange with the province: submissions by state, in a fixed number of queries."""

from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from domain.dossiers.models import DossierStatus

from .models import Delivery

STATES = {
    "queued": _("Queued"),
    "sending": _("Sending"),
    "delivered": _("Delivered, waiting for the province"),
    "acknowledged": _("Answered by the province"),
    "failed": _("Failed: send again by hand"),
}
_ANSWERED = {DossierStatus.AWARDED, DossierStatus.REJECTED}
_RELATED = ("dossier__department", "dossier__nominee_person", "dossier__nominee_department", "dossier__award")


def submissions_by_state():
    """{state: [row, …]} over every package, with its dossier, attempts and last attempt."""
    groups = {state: [] for state in STATES}
    deliveries = (
        Delivery.objects.select_related(*_RELATED).annotate(last_attempt=Max("attempt_log__at")).order_by("-id")
    )
    seen = set()
    for delivery in deliveries:
        groups[_state(delivery, seen)].append(delivery)
    queued = (
        Task.objects.filter(flow_task_type="JOB", status=STATUS.SCHEDULED)
        .select_related("process__dossierprocess__dossier")
        .order_by("created")
    )
    for task in queued:
        dossier = task.process.dossierprocess.dossier
        if dossier.pk not in seen:
            groups["queued"].append({"dossier": dossier, "submission": "", "attempts": 0, "since": task.created})
    return [(state, STATES[state], rows) for state, rows in groups.items()]


def _state(delivery, seen):
    seen.add(delivery.dossier_id)
    if delivery.status == Delivery.Status.FAILED:
        return "failed"
    if delivery.status == Delivery.Status.SENDING:
        return "sending" if delivery.attempts else "queued"
    if delivery.dossier.status in _ANSWERED or delivery.dossier.status != DossierStatus.FORWARDED:
        return "acknowledged"
    return "delivered"
