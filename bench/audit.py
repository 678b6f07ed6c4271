"""What the audit trail costs a whole process: queries and seconds with and without it, in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/audit.py [--dossiers 30]

Each round drives N school dossiers through the real views (nominate, attach, submit, check, council, sign).
"Without" swaps the one writer, ``record_event``, for a no-op in this process only — the trail's whole cost.
"""

import argparse
import statistics
import tempfile
import time

from _setup import report, scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=30)
    args = parser.parse_args()
    scratch_database("awards_bench_audit")

    from django.apps import apps
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ground.audit.models import AuditEvent
    from ground.organisation.catalog_data import load_catalog
    from ground.organisation.models import StaffMember
    from interfaces.demo import seed as demo
    from tests.helpers import act, council_select, nominate, submit

    load_catalog(apps)
    _org, _depts, users = demo.seed_people()
    users["depts"] = _depts
    demo.seed_signers(users, tempfile.mkdtemp(prefix="bench-pki-"))  # the principal signs for real (PAdES)
    from django.conf import settings

    settings.SIGNING_TRUST_ROOTS = []
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
        council_select(users, dossier)
        signed = act(client, users["hieutruong"], dossier, "sign")
        assert signed.status_code == 302, signed.content.decode()[-800:]

    def timed():
        connection.queries_log.clear()  # the log keeps 9,000 queries; start each count from empty
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            one_process()
            seconds = time.perf_counter() - started
        return seconds, len(ctx.captured_queries)

    one_process()  # warm caches (templates, flow, translations)
    # Alternate with and without, so a busy machine weighs on both alike.
    runs = {True: [], False: []}
    events = 0
    for _ in range(args.dossiers):
        for on in (True, False):
            _trail(on)
            before = AuditEvent.objects.count()
            runs[on].append(timed())
            events += AuditEvent.objects.count() - before
    _trail(True)
    with_trail, without = (
        (label, statistics.median(s for s, _q in runs[on]), statistics.median(q for _s, q in runs[on]))
        for label, on in (("with the trail", True), ("without the trail", False))
    )
    events_per_process = events / args.dossiers

    report(f"full school process, median of {args.dossiers} runs on PostgreSQL:")
    for label, secs, queries in (with_trail, without):
        report(f"  {label:<18} {secs * 1000:8.1f} ms  {queries:5.0f} queries")
    extra_ms, extra_queries = (with_trail[1] - without[1]) * 1000, with_trail[2] - without[2]
    share = (with_trail[1] / without[1] - 1) * 100
    report(f"  trail's cost       {extra_ms:8.1f} ms  {extra_queries:5.0f} queries  ({share:.0f}% time)")
    report(f"  events per process {events_per_process:8.0f} (logins included)")
    _verify_rate()


def _verify_rate(extra=20_000):
    """How fast audit_verify walks the chain, on ``extra`` more events written through record_event."""
    from django.db import transaction

    from ground.audit.models import AuditEvent
    from ground.audit.services import audit_verify, record_event

    started = time.perf_counter()
    with transaction.atomic():
        for i in range(extra):
            record_event(actor=None, action="login_failed", actor_name=f"bench-{i}", data={"i": i})
    write_s = time.perf_counter() - started
    started = time.perf_counter()
    result = audit_verify()
    verify_s = time.perf_counter() - started
    assert result["ok"], result
    report(f"record_event alone: {extra / write_s:,.0f} events/s (one transaction, {extra:,} events)")
    report(
        f"audit_verify: {result['events']:,} events in {verify_s:.2f} s ({result['events'] / verify_s:,.0f} events/s)"
    )
    assert AuditEvent.objects.count() == result["events"]


_writers = {}


def _trail(on):
    """Switch the one writer, record_event, on or off in every module of ours that imported it."""
    import sys

    if not _writers:
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] in ("audit", "dossiers", "workflows", "province") and hasattr(module, "record_event"):
                _writers[module] = module.record_event
    for module, real in _writers.items():
        module.record_event = real if on else _no_event


def _no_event(**kwargs):
    return None


if __name__ == "__main__":
    main()
