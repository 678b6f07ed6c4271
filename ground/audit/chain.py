"""The hash chain: what an event's hash covers, and how the chain is checked."""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = ""

# The fields an event's hash covers, in this order. Adding a field means a new chain version, never a silent change.
HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "role",
    "action",
    "dossier_id",
    "object_type",
    "object_id",
    "object_repr",
    "step",
    "comment",
    "changes",
    "data",
    "ip",
    "request_id",
)


def normalise(value):
    """JSON values as the database will give them back (dates as ISO strings, tuples as lists)."""
    return json.loads(json.dumps(value or {}, cls=DjangoJSONEncoder))


def event_hash(event, prev_hash):
    content = {name: getattr(event, name) for name in HASHED_FIELDS}
    content["at"] = event.at.astimezone(UTC).isoformat()
    content["ip"] = event.ip or None
    payload = json.dumps([prev_hash, content], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def first_break(events):
    """Walk events in chain order; return (count, id of the first event that does not fit, or None)."""
    prev = GENESIS
    count = 0
    for event in events:
        count += 1
        if event.prev_hash != prev or event.hash != event_hash(event, prev):
            return count, event.pk
        prev = event.hash
    return count, None
