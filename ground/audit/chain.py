"""The hash chain: what an event's hash covers, and how the chain is checked.

Version 1 hashed ``[prev_hash, content]`` as one JSON document. Version 2 (from migration 0008) splits it so that
PostgreSQL can link an event in the same statement that inserts it: the application computes the *digest* of the
content (every hashed field but the time), and the database, under the chain's lock, takes the time and links
``prev_hash | time | digest``. Both are checked by ``first_break``; each row says which version made it.
"""

import hashlib
import json
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder

GENESIS = ""
VERSION = 2  # the version of every event written from now on

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
DIGESTED_FIELDS = HASHED_FIELDS[1:]  # version 2: the time is linked by the database, not digested


def normalise(value):
    """JSON values as the database will give them back (dates as ISO strings, tuples as lists)."""
    return json.loads(json.dumps(value or {}, cls=DjangoJSONEncoder))


def _canonical(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _content(event, fields):
    content = {name: getattr(event, name) for name in fields}
    content["ip"] = event.ip or None
    return content


def content(event):
    """Version 2: everything an event says except its time, by field (what the database is sent to insert)."""
    return _content(event, DIGESTED_FIELDS)


def digest(fields):
    """Version 2: the digest of an event's ``content``."""
    return hashlib.sha256(_canonical(fields).encode()).hexdigest()


def content_digest(event):
    return digest(content(event))


def utc_text(at):
    """The time as the chain links it: UTC, microseconds, no offset (what the database's ``to_char`` writes)."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def link_hash(prev_hash, at, digest):
    """Version 2: the link of one event to the one before (migration 0008 computes the same in SQL)."""
    return hashlib.sha256(f"{prev_hash}|{utc_text(at)}|{digest}".encode()).hexdigest()


def _v1_hash(event, prev_hash):
    content = _content(event, HASHED_FIELDS)
    content["at"] = event.at.astimezone(UTC).isoformat()
    return hashlib.sha256(_canonical([prev_hash, content]).encode()).hexdigest()


def event_hash(event, prev_hash):
    if getattr(event, "chain_version", 1) == 1:  # rows written before version 2 (and migration 0002's)
        return _v1_hash(event, prev_hash)
    return link_hash(prev_hash, event.at, content_digest(event))


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
