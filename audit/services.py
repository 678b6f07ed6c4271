"""The one place that writes the audit trail."""

from .models import AuditEvent

SYSTEM = "system"


def record_event(*, actor, action, dossier=None, step="", comment="", data=None, roles=None):
    """Record one event inside the caller's transaction: no change without its event.

    ``actor`` is a user, or None for the system (a Celery job, the province).
    ``roles`` are the actor's role codes when the caller already knows them.
    """
    if actor is not None and roles is None:
        roles = sorted(actor.groups.values_list("name", flat=True))
    return AuditEvent.objects.create(
        actor=actor,
        actor_name=(actor.get_full_name() or actor.get_username()) if actor else SYSTEM,
        role=",".join(roles or []) if actor else SYSTEM,
        action=action,
        dossier=dossier,
        step=step,
        comment=comment or "",
        data=data or {},
    )
