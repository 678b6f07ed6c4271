"""The one place that writes the audit trail, and the one that checks it."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from ground.base.language import records_language

from . import chain, context
from .models import AuditEvent

SYSTEM = "system"

# Any constant: every writer of the trail takes this transaction-scoped lock, so events join the chain one at a
# time in commit order. It is taken at the very end of the transaction, just before its COMMIT.
_CHAIN_LOCK = 0x41554454  # "AUDT"


def record_event(
    *,
    actor,
    action,
    dossier=None,
    obj=None,
    step="",
    comment="",
    changes=None,
    data=None,
    roles=None,
    actor_name=None,
):
    """Record one event inside the caller's transaction: no change without its event, no event without its change.

    ``actor`` is a user, or None for the system (a Celery job, the province); ``actor_name`` overrides the name
    (e.g. the username typed in a failed login). ``obj`` is the changed object when it is not the dossier itself;
    ``changes`` maps each changed field to ``[before, after]``. IP address and request id come from the context
    set by the request or task (``audit.context``).
    """
    if actor is not None and roles is None:
        roles = _role_codes(actor)
    if actor_name is None:
        actor_name = (actor.get_full_name() or actor.get_username()) if actor else SYSTEM
    origin = context.current()
    event = AuditEvent(
        actor=actor,
        actor_name=actor_name[:255],
        role=",".join(roles or []) if actor else SYSTEM,
        action=action,
        dossier=dossier,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=_repr(obj),
        step=step,
        comment=comment or "",
        changes=chain.normalise(changes),
        data=chain.normalise(data),
        ip=origin.ip,
        request_id=origin.request_id,
    )
    # No savepoint of its own: if the event cannot be written, the caller's change must fail with it.
    with transaction.atomic(savepoint=False):
        if _can_wait_for_commit():
            # Joins the chain just before COMMIT (audit.backends.postgresql): the chain's lock is held only then.
            connection.audit_pending.append((frozenset(connection.savepoint_ids), event))
        else:
            append_to_chain([event])
    return event


def _repr(obj):
    """The object as the trail names it, in Vietnamese whatever the actor reads (a kind or an award's name is
    translated): the trail is read by everyone as it was written."""
    if obj is None:
        return ""
    with records_language():
        return str(obj)[:255]


def append_to_chain(events):
    """Link ``events`` to the chain's head and insert them, under the chain's lock.

    Every writer takes the same transaction-scoped lock, so events join the chain one transaction at a time, in
    commit order; the lock is released by the COMMIT that follows. On PostgreSQL the lock, the head, the links and
    the insert are one statement (migration 0008); the events get their id, time and hashes back from it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM audit_chain_append(%s, %s::jsonb)", [_CHAIN_LOCK, _as_rows(events)])
            written = cursor.fetchall()
        for event, (pk, at, prev, digest) in zip(events, written, strict=True):
            event.pk, event.at, event.prev_hash, event.hash = pk, at, prev, digest
            event._state.adding = False
        return
    # SQLite (the embedded default) has one writer at a time: link here, in the same way.
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or chain.GENESIS
    for event in events:
        event.prev_hash = prev
        event.at = timezone.now()  # taken under the database's write lock, so times follow the chain's order
        event.hash = prev = chain.link_hash(prev, event.at, chain.content_digest(event))
    AuditEvent.objects.bulk_create(events)


def _as_rows(events):
    """The events as the JSON array ``audit_chain_append`` reads (one object per row, named by column)."""
    contents = [chain.content(event) for event in events]
    rows = [{**fields, "digest": chain.digest(fields)} for fields in contents]
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


def _can_wait_for_commit():
    """Whether this transaction ends in a COMMIT (or, under a test case, a savepoint release) that appends it.

    Called inside ``record_event``'s own atomic block, so there is always a block that is not a test case's.
    """
    if getattr(connection, "audit_pending", None) is None:
        return False  # not our PostgreSQL backend: append now
    blocks = connection.atomic_blocks
    owner = next((i for i, block in enumerate(blocks) if not getattr(block, "_from_testcase", False)), None)
    if owner is None:
        return False
    # The outermost block commits; a block nested in a test case's releases its savepoint, unless it made none.
    return owner == 0 or connection.savepoint_ids[owner - 1] is not None


def _role_codes(user):
    # Cached on the user object, which lives for one request or task.
    if not hasattr(user, "_audit_roles"):
        user._audit_roles = sorted(user.groups.values_list("name", flat=True))
    return user._audit_roles


def current_actor():
    """The signed-in user of the request being served, or None (a Celery task, a command, the system)."""
    return context.current().user


def record_refusal(*, kind, source, data, reason=""):
    """A refusal nobody signed in for (an anonymous request, a badly signed callback): counted per kind, source,
    reason and minute in a ``RefusalTally``; only the first of each minute becomes an event of the trail."""
    from django.db import IntegrityError
    from django.db.models import F

    from .models import RefusalTally

    minute = timezone.now().replace(second=0, microsecond=0)
    key = {"kind": kind, "source": (source or "")[:64], "reason": reason[:40], "minute": minute}
    with transaction.atomic():
        if RefusalTally.objects.filter(**key).update(count=F("count") + 1, last_data=data):
            return None
        try:
            with transaction.atomic():
                RefusalTally.objects.create(**key, count=1, last_data=data)
        except IntegrityError:  # another process counted the first one of this minute
            RefusalTally.objects.filter(**key).update(count=F("count") + 1, last_data=data)
            return None
        return record_event(actor=None, actor_name="anonymous", action=kind, data={**data, "counted_per_minute": True})


def record_denial(request, status):
    """A refused access — a 403, or a 404 hiding an object from this user — with what was asked. Anonymous ones are
    counted per address and minute (``record_refusal``)."""
    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    if user is None:
        data = {"method": request.method, "path": request.get_full_path()[:500], "status": status}
        return record_refusal(kind="access_denied", source=context.current().ip or "", data=data)
    record_event(
        actor=user,
        actor_name=None if user else "anonymous",
        action="access_denied",
        data={"method": request.method, "path": request.get_full_path()[:500], "status": status},
    )


def record_export(*, actor, fmt, dossier=None, filters=None):
    """An auditor took the trail away (a file): who, what format, which dossier or filters."""
    data = {"format": fmt} if filters is None else {"format": fmt, "filters": filters}
    return record_event(actor=actor, action="audit_exported", dossier=dossier, data=data)


def changed_fields(before, after):
    """``{field: [before, after]}`` for the fields whose value differs."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def audit_verify():
    """Recompute the whole chain: ``{"ok", "events", "first_broken"}`` (the id of the first event that does not fit)."""
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
    count, broken = chain.first_break(events)
    if broken is not None:
        count = AuditEvent.objects.count()
    return {"ok": broken is None, "events": count, "first_broken": broken}
