"""Every dotted path the settings name in our code imports on its own, whatever was imported before it.

Django's checks run in no fixed order (a set of functions), so django-axes' check may import the lockout answer before
anything imported DRF's views; a cycle between two modules then fails one check run and not the next. Each path is
imported first in a child forked right after ``django.setup()``, the state in which any check or lazy import starts.
"""

import json
import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.conf import settings
from importlib import import_module

OURS = ("config.", "ground.", "domain.", "process.", "interfaces.")
SKIP = {"INSTALLED_APPS", "CELERY_BEAT_SCHEDULE", "CELERY_TASK_ROUTES"}


def resolve(path):
    # the longest importable module, then attributes (drf-spectacular names nested classes: Ballot.Status)
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = import_module(".".join(parts[:cut]))
        except ModuleNotFoundError as exc:
            if not path.startswith(f"{exc.name}.") and exc.name != path:
                raise
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(path)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


paths = sorted({
    text for name in dir(settings) if name.isupper() and name not in SKIP
    for text in strings(getattr(settings, name)) if text.startswith(OURS) and " " not in text
})
failed = {}
for path in paths:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            resolve(path)
        except Exception as exc:
            os.write(write, f"{type(exc).__name__}: {exc}".encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        error = reader.read().decode()
    os.waitpid(pid, 0)
    if error:
        failed[path] = error
json.dump({"paths": paths, "failed": failed}, sys.stdout)
"""


def test_each_path_in_the_settings_imports_first():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert len(outcome["paths"]) >= 10, outcome["paths"]  # the collection itself still finds the settings' paths
    assert outcome["failed"] == {}
