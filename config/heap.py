"""The long-lived heap of a web or worker process, set aside from the garbage collector once loaded.

A process that has loaded Django, the apps, the URLconf and the templates holds about 200,000 objects that live
as long as it does. CPython's oldest-generation collection walks all of them each time it runs: measured on the
API's list of 200 tasks, every seventh request paid 100-200 ms for it (bench/pages.py's p95). ``gc.freeze()``
moves what is loaded at start-up to a permanent generation that collections skip; objects made by requests are
collected as before. (The technique is CPython's documented use of ``gc.freeze``, made known by Instagram's
"Dismissing Python Garbage Collection".)

The youngest generation is collected every 20,000 new objects instead of CPython's 700: a request that builds 200
rows made some twelve collections, each of which moved the rows still being built to an older generation, so the
oldest, which then walks everything not frozen, ran every few requests. The objects dropped in between are freed
as before, by their reference counts; only cycles wait for the next collection.
"""

import gc

THRESHOLDS = (20_000, 20, 20)  # youngest, middle, oldest: see the module's docstring


def settle(*, load_urls=True):
    """Load what every request will need (the URLconf imports every view), collect once, freeze the rest. A Celery
    worker process skips the URLconf: its start-up must stay within the pool's few seconds."""
    if load_urls:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 — read for its side effect: every view module loaded
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
