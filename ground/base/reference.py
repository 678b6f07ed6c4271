"""Reference tables (catalog, rules, service levels, salary scale) read once per process, dropped when they change.

Each step of a dossier used to read the same few rows again (the award's voting rule, the service level of the
step, the base salary): a statement and its compilation each time. ``rows(Model)`` keeps a small table's rows in
this process's memory, keyed by the table's *generation* in the shared cache (Redis):

- a save or delete of a registered model (admin, services) gives the table a new generation when its transaction
  commits; every process then reads the table again on its next use;
- inside the transaction that changed the table, and until it ends, this process reads the database (it sees its
  own change; a rolled back change never reaches the memory);
- writes that send no signal (``bulk_create``, ``update``, migrations) and a change made while Redis was down reach
  the other processes within ``MAX_AGE`` seconds: every copy is read again after that time whatever happens;
- without a shared cache (``CACHE_URL``; the embedded default: several processes with no common memory) nothing is
  kept.
"""

import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

MAX_AGE = 60.0  # seconds a copy is trusted without looking at its generation's source of truth again

_copies = {}  # label -> (generation, read at, rows)
_state = threading.local()  # .dirty: the labels this thread's open transaction changed
_related = {}  # label -> select_related of its rows


def register(model, *, related=()):
    """Make ``model`` a reference table: ``rows(model)`` may keep it; its saves and deletes start a new generation."""
    label = model._meta.label_lower
    _related[label] = tuple(related)
    post_save.connect(_changed, sender=model, dispatch_uid=f"reference-{label}-save", weak=False)
    post_delete.connect(_changed, sender=model, dispatch_uid=f"reference-{label}-delete", weak=False)


def rows(model):
    """Every row of the registered table ``model``, as a list (read from the database when no copy is valid)."""
    label = model._meta.label_lower
    dirty = _dirty()
    if label in dirty:
        if connection.in_atomic_block:
            return _read(model, label)
        dirty.discard(label)  # the transaction that changed it has ended (a rolled back one sends no word)
    if not settings.CACHE_URL:
        return _read(model, label)
    generation = _generation(label)
    copy = _copies.get(label)
    if copy is not None and copy[0] == generation and time.monotonic() - copy[1] < MAX_AGE:
        return copy[2]
    found = _read(model, label)
    _copies[label] = (generation, time.monotonic(), found)
    return found


def forget():
    """Drop every copy, in this process and in the others (new generations): for writes that send no signal, and
    for tests between cases (their transactions never commit, their flushes send nothing)."""
    _copies.clear()
    _dirty().clear()
    if settings.CACHE_URL:
        for label in _related:
            cache.set(_key(label), uuid.uuid4().hex, timeout=None)


def _dirty():
    if not hasattr(_state, "dirty"):
        _state.dirty = set()
    return _state.dirty


def _read(model, label):
    return list(model._default_manager.select_related(*_related[label]))


def _key(label):
    return f"reference-generation:{label}"


def _generation(label):
    generation = cache.get(_key(label))
    if generation is None:
        cache.add(_key(label), uuid.uuid4().hex, timeout=None)
        generation = cache.get(_key(label))
    return generation


def _changed(sender, **kwargs):
    label = sender._meta.label_lower
    _copies.pop(label, None)
    dirty = _dirty()
    dirty.add(label)

    def committed():
        dirty.discard(label)
        cache.set(_key(label), uuid.uuid4().hex, timeout=None)

    transaction.on_commit(committed, robust=True)
