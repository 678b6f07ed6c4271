"""Reads for the auditor's workspace, each in a fixed number of queries."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.dossiers.models import Document, Dossier
from ground.audit.models import AuditEvent
from process.workflows.models import DossierProcess

EVENT_RELATED = ("dossier", "dossier__department", "actor")


def event_search(*, dossier="", person="", department=None, action="", date_from=None, date_to=None):
    """Events matching the filters, newest first. Dates are whole days in the local time zone."""
    qs = AuditEvent.objects.select_related(*EVENT_RELATED)
    if dossier:
        qs = qs.filter(dossier__reference__icontains=dossier.strip())
    if person:
        person = person.strip()
        # The login as a key (no join), the name as it was written: each through its own index.
        # (the ids as values: a subquery's selectivity is a guess, and the guess made PostgreSQL read every event)
        logins = list(get_user_model().objects.filter(username__iexact=person).values_list("pk", flat=True))
        qs = qs.filter(Q(actor_name__icontains=person) | Q(actor_id__in=logins))
    if department:
        qs = qs.filter(dossier__department=department)
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return qs.order_by("-id")


def _start_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def dossier_trail(dossier_pk):
    """One dossier's whole trail: the dossier, its events, every document version, and each step with its time."""
    dossier = (
        Dossier.objects.select_related("award", "period", "department", "nominee_person", "nominee_department")
        .filter(pk=dossier_pk)
        .first()
    )
    if dossier is None:
        return None
    events = list(AuditEvent.objects.filter(dossier=dossier).select_related("actor").order_by("id"))
    documents = list(Document.objects.filter(dossier=dossier).select_related("uploaded_by").order_by("kind", "version"))
    process_id = DossierProcess.objects.filter(dossier=dossier).values_list("pk", flat=True).first()
    return {
        "dossier": dossier,
        "events": events,
        "documents": documents,
        "process_id": process_id,
        "steps": _steps(process_id) if process_id else [],
    }


def _steps(process_id):
    """The process's tasks in order, with how long each took (or has been waiting)."""
    tasks = Task.objects.filter(process_id=process_id).select_related("owner").order_by("created", "id")
    now = timezone.now()
    steps = []
    for task in tasks:
        node = task.flow_task
        steps.append(
            {
                "name": node.name,
                "title": str(getattr(node, "task_title", "") or node.name),
                "status": task.status,
                "owner": (task.owner.get_full_name() or task.owner.username) if task.owner else "",
                "started": task.created,
                "finished": task.finished,
                "duration": (task.finished or now) - task.created,
                "open": task.finished is None,
            }
        )
    return steps
