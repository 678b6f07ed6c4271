"""A web or worker process sets its start-up heap aside from the garbage collector and collects the young generation
less often (config/heap.py): checked in fresh interpreters, as gunicorn and Celery start them."""

import json
import subprocess
import sys

from config.heap import THRESHOLDS
from tests.conftest import ROOT

# what the started process reports: its collector's state, as JSON on its standard output
REPORT = """
import gc, json, sys
json.dump({"frozen": gc.get_freeze_count(), "thresholds": gc.get_threshold()}, sys.stdout)
"""

WEB = """
import config.wsgi
"""

WORKER = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from celery.signals import worker_process_init
import config.celery
worker_process_init.send(sender=None)
"""


def _heap_after(script):
    result = subprocess.run(
        [sys.executable, "-c", script + REPORT], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    return state["frozen"], tuple(state["thresholds"])


def test_a_gunicorn_worker_freezes_what_it_loaded_and_collects_less_often():
    frozen, thresholds = _heap_after(WEB)
    assert frozen > 100_000  # Django, the apps, the URLconf and every view
    assert thresholds == THRESHOLDS


def test_a_celery_worker_process_does_the_same_once_it_starts():
    frozen, thresholds = _heap_after(WORKER)
    assert frozen > 50_000
    assert thresholds == THRESHOLDS
