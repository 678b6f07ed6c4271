"""Bench: the deadline sweep on PostgreSQL with many open tasks, few of them due.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards python bench/reminders.py [--open 100000] [--due 5000]

Creates a scratch database (bench_<name>, dropped at the end), bulk-inserts the open tasks with their
deadlines (not through the flow), runs the sweep, prints its seconds and SQL query count, then runs
it again: the second sweep must send nothing.
"""

import argparse
import cProfile
import logging
import os
import pstats
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

log = logging.getLogger("bench")
CHUNK = 10_000


def _populate(n_open, n_due):
    from viewflow.workflow.models import Process, Task

    from domain.deadlines.models import TaskDeadline
    from domain.dossiers.models import Dossier
    from ground.organisation.models import AwardType, Period
    from ground.workdays import services as cal
    from interfaces.demo import seed as demo
    from process.workflows.flows import DossierFlow

    org, depts, users = demo.seed_people()
    head = users["truongkhoa.llcs"]
    dept = depts["llcs"]
    nominee = dept.staff.filter(user__isnull=True).first()
    period = Period.objects.get(organisation=org, year=demo.CURRENT_YEAR)
    award = AwardType.objects.filter(code="LDTT").first()
    now = timezone.now()
    today = cal.local_date(now)
    due_at_due = cal.end_of_working_day(cal.add_working_days(today, -1))  # due yesterday: the "due" slot has come
    flow_task = DossierFlow.check_completeness
    for start in range(0, n_open, CHUNK):
        size = min(CHUNK, n_open - start)
        dossiers = Dossier.objects.bulk_create(
            Dossier(
                organisation=org,
                reference=f"B-{start + i:07d}",
                period=period,
                award=award,
                department=dept,
                nominee_person=nominee,
                created_by=head,
                status="submitted",
            )
            for i in range(size)
        )
        processes = Process.objects.bulk_create(Process(flow_class=DossierFlow, status="NEW") for _ in range(size))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO workflows_dossierprocess (process_ptr_id, dossier_id) VALUES (%s, %s)",
                [(p.pk, d.pk) for p, d in zip(processes, dossiers, strict=True)],
            )
        tasks = Task.objects.bulk_create(
            Task(
                flow_task=flow_task,
                flow_task_type="HUMAN",
                status="NEW",
                process=p,
                owner_permission="dossiers.check_completeness",
            )
            for p in processes
        )
        rows = []
        for i, (task, dossier) in enumerate(zip(tasks, dossiers, strict=True)):
            due = start + i < n_due
            due_at = due_at_due if due else now + timedelta(days=10 + (start + i) % 30)
            rows.append(
                TaskDeadline(
                    task=task,
                    dossier=dossier,
                    step="check_completeness",
                    started_at=now - timedelta(days=20),
                    due_at=due_at,
                    next_reminder_at=(now - timedelta(minutes=1)) if due else due_at - timedelta(days=3),
                )
            )
        TaskDeadline.objects.bulk_create(rows)
    connection.cursor().execute("ANALYZE")


def _sweep(label, profile=False):
    from domain.deadlines.services import reminders_sweep

    profiler = cProfile.Profile() if profile else None
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        sent = reminders_sweep()
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - started
    if profiler:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    sys.stdout.write(f"{label}: {sent} reminders sent in {seconds:.2f} s with {len(queries)} SQL queries\n")
    return sent, seconds, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=100_000, help="open tasks")
    parser.add_argument("--due", type=int, default=5_000, help="of which due now")
    parser.add_argument("--profile", action="store_true", help="print where the first sweep spends its time")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the bench creates and drops bench_<name>).")

    from config.celery import app

    app.conf.broker_url = (
        "memory://localhost/"  # the mails' dispatch goes nowhere: we time the sweep, not the mail server
    )
    logging.disable(logging.INFO)
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        _populate(args.open, args.due)
        sys.stdout.write(
            f"setup: {args.open} open tasks, {args.due} due, in {time.perf_counter() - started:.1f} s "
            f"(database {connection.settings_dict['NAME']})\n"
        )
        first, _s, _q = _sweep("first sweep ", profile=args.profile)
        second, _s, _q = _sweep("second sweep")
        if first != args.due or second != 0:
            sys.exit(f"unexpected: first sweep sent {first} (expected {args.due}), second {second} (expected 0)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
