"""Reference tables kept per process (ground.base.reference, issue 18): a copy is used while the table is unchanged,
a committed change is seen at once, by this process and by another one (a real one, sharing only Redis and the
database), and a change rolled back never reaches the copy."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from domain.deadlines.models import ServiceLevel
from domain.deadlines.schedule import service_level_for
from ground.base import reference

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 6, 1)


def _days_in_other_process():
    """The check step's working days as a separate Python process reads them (its own memory, the shared Redis)."""
    code = (
        "import django, datetime; django.setup();"
        "from domain.deadlines.schedule import service_level_for as f;"
        "print(f('check_completeness', on_date=datetime.date(2026, 6, 1)).working_days)"
    )
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": settings.CACHE_URL,
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def _only_level(days):
    ServiceLevel.objects.filter(step="check_completeness").delete()
    ServiceLevel.objects.create(step="check_completeness", effective_from=dt.date(2020, 1, 1), working_days=days)


def test_a_copy_serves_until_a_committed_change(people):
    _only_level(4)
    assert service_level_for("check_completeness", on_date=DAY).working_days == 4
    with CaptureQueriesContext(connection) as read:
        assert service_level_for("check_completeness", on_date=DAY).working_days == 4
    assert read.captured_queries == []  # the copy: no statement
    assert _days_in_other_process() == 4

    level = ServiceLevel.objects.get(step="check_completeness", working_days=4)
    level.working_days = 6
    level.save()  # committed (no transaction around it): a new generation
    assert service_level_for("check_completeness", on_date=DAY).working_days == 6
    assert _days_in_other_process() == 6  # the other process drops its copy too


def test_a_rolled_back_change_never_reaches_the_copy(people):
    _only_level(4)
    assert service_level_for("check_completeness", on_date=DAY).working_days == 4
    with pytest.raises(RuntimeError), transaction.atomic():
        ServiceLevel.objects.filter(step="check_completeness").update(working_days=9)
        ServiceLevel.objects.get(step="check_completeness").save()  # a signal inside the transaction
        assert service_level_for("check_completeness", on_date=DAY).working_days == 9  # its own change, read
        raise RuntimeError("rolled back")
    assert service_level_for("check_completeness", on_date=DAY).working_days == 4
    assert _days_in_other_process() == 4


def test_without_a_shared_cache_nothing_is_kept(people, settings):
    settings.CACHE_URL = ""  # the embedded default: several processes, no common memory
    _only_level(4)
    reference.forget()
    service_level_for("check_completeness", on_date=DAY)
    with CaptureQueriesContext(connection) as read:
        service_level_for("check_completeness", on_date=DAY)
    assert len(read.captured_queries) == 1


def test_a_list_s_award_names_read_the_catalog_once(settings, django_assert_num_queries):
    """Without a shared cache nothing is kept (the embedded default): a list of award codes still reads the catalog
    once per page, not once per row."""
    from django.apps import apps
    from django.template import Context, Template
    from django.utils import translation

    from ground.organisation.catalog_data import load_catalog

    load_catalog(apps)  # a transactional test's flush removed the migrations' rows
    settings.CACHE_URL = ""
    reference.forget()
    template = Template("{% load awards %}{% for codes in rows %}{% award_names codes %};{% endfor %}")
    with translation.override("vi"), django_assert_num_queries(1):
        text = template.render(Context({"rows": ["LDTT", "LDTT, CSTDCS", "NOPE", "GIAYKHEN"]}))
    assert text.startswith("Lao động tiên tiến;Lao động tiên tiến, Chiến sĩ thi đua cơ sở;NOPE;Giấy khen")
