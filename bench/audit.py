"""What the audit trail costs a whole process: queries and seconds with and without it, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/audit.py [--dossiers 30]

Each round drives N school dossiers through the real views (nominate, attach, submit, check, council, sign).
"Without" swaps the one writer, ``record_event``, for a no-op in this process only — the trail's whole cost.
"""

import argparse
import statistics
import time

from _setup import scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=30)
    args = parser.parse_args()
    scratch_database("awards_bench_audit")

    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from audit.models import AuditEvent
    from dossiers.catalog_data import load_catalog
    from dossiers.models import StaffMember
    from tests.helpers import act, nominate, submit
    from workflows import demo

    load_catalog(apps)
    _org, _depts, users = demo.seed_people()
    users["depts"] = _depts
    client = Client()
    dept = _depts["llcs"]
    nominees = iter(
        StaffMember.objects.bulk_create(
            StaffMember(organisation=dept.organisation, department=dept, full_name=f"Giảng viên {i}", position="GV")
            for i in range(2 * args.dossiers + 1)
        )
    )

    def one_process():
        head, sec = users["truongkhoa.llcs"], users["thuongtruc"]
        dossier = nominate(client, head, award="CSTDCS", person=next(nominees))
        submit(client, head, dossier)
        act(client, sec, dossier, "accept")
        act(client, sec, dossier, "approve", "7/7")
        act(client, users["hieutruong"], dossier, "sign")

    def rounds(label):
        seconds, queries = [], []
        for _ in range(args.dossiers):
            connection.queries_log.clear()  # the log keeps 9,000 queries; start each count from empty
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                one_process()
                seconds.append(time.perf_counter() - started)
            queries.append(len(ctx.captured_queries))
        return label, statistics.median(seconds), statistics.median(queries)

    one_process()  # warm caches (templates, flow, translations)
    events_before = AuditEvent.objects.count()
    with_trail = rounds("with the trail")
    events_per_process = (AuditEvent.objects.count() - events_before) / args.dossiers
    _switch_off_trail()
    without = rounds("without the trail")

    print(f"full school process, median of {args.dossiers} runs on PostgreSQL:")
    for label, secs, queries in (with_trail, without):
        print(f"  {label:<18} {secs * 1000:8.1f} ms  {queries:5.0f} queries")
    extra_ms, extra_queries = (with_trail[1] - without[1]) * 1000, with_trail[2] - without[2]
    share = (with_trail[1] / without[1] - 1) * 100
    print(f"  trail's cost       {extra_ms:8.1f} ms  {extra_queries:5.0f} queries  ({share:.0f}% time)")
    print(f"  events per process {events_per_process:8.0f} (logins included)")


def _switch_off_trail():
    import sys

    def no_event(**kwargs):
        return None

    for name, module in list(sys.modules.items()):
        if getattr(module, "record_event", None) is not None and name.split(".")[0] in (
            "audit",
            "dossiers",
            "workflows",
            "province",
        ):
            module.record_event = no_event


if __name__ == "__main__":
    main()
