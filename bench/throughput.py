"""Dossiers per second end to end, with P processes on one database at once.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/throughput.py [--dossiers 200] [--procs 1] [--session 20] [--answers letter|dossier] \\
        [--warmup 5]

Every dossier (Bằng khen tỉnh, a person) goes the whole way through the project's own services, everything on:
created with its report, submitted, checked, put on a council session of ``--session`` dossiers (8 members vote on
each, ballots closed, session concluded with its minutes PDF), posting window closed by the sweep, the submission
letter of the session's dossiers drafted, signed once by the principal (real PDF, real PAdES signature) and issued
by the records clerk (register number, the organisation's signature), forwarded to the province by the job's own code
(a real HTTP server on 127.0.0.1, the reference province stub; the job that delivers the letter's package finishes
its other dossiers' jobs), and the province's decision recorded: one decision for the whole letter, as the province
issues it (``--answers dossier``: one answer per dossier, as when the secretariat enters them). Audit trail,
outbox (the job's message on commit, to a queue of its own that no worker reads) and notifications are on.

Each process takes every P-th dossier and runs its own sessions. Before the clock starts, each first takes ``--warmup``
dossiers of its own the whole way (not timed, not counted): the figures are those of a process that has served its
first requests (URL map built, fonts and signing keys loaded, queries compiled), as a running server's are.
Transitions are the six business steps of a dossier (submit, check, council decision, signature, forward, province
decision). The last line is:

    throughput: procs=P dossiers=N dossiers/s=X transitions/s=Y statements/dossier=Q deadlocks=D errors=E
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

from _setup import report, scratch_database

DB_NAME = "awards_bench_throughput"
PHASES = ("create", "submit", "check", "council", "posting", "sign", "forward", "province")
_SHAPE = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
WARMUP = "Khởi động"  # the warm-up round's nominees
QUEUE = "bench-throughput"  # the outbox's messages go here; no worker reads it, the bench deletes it at the end


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--session", type=int, default=20, help="dossiers per council session")
    parser.add_argument(
        "--answers",
        choices=("letter", "dossier"),
        default="letter",
        help="the province answers each letter, or each dossier",
    )
    parser.add_argument(
        "--warmup", type=int, default=5, help="dossiers each process takes the whole way first, untimed (0: none)"
    )
    parser.add_argument("--profile", default="", help="write each process's cProfile statistics to PROFILE.<k>")
    parser.add_argument("--slowest", type=int, default=0, help="list the N statement shapes that took the most time")
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["CELERY_QUEUE"] = QUEUE
    if args.worker is not None:
        return worker(args)
    return parent(args)


# --- the parent: one database, seeded once; P workers started together ---------------------------


def parent(args):
    url = scratch_database(DB_NAME)
    pki_dir = tempfile.mkdtemp(prefix="bench-pki-")
    _seed(args.dossiers, pki_dir, warmup=args.warmup * args.procs)
    env = {**os.environ, "DATABASE_URL": url, "BENCH_PKI_DIR": pki_dir}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--worker",
                str(k),
                "--procs",
                str(args.procs),
                "--dossiers",
                str(args.dossiers),
                "--session",
                str(args.session),
                "--answers",
                args.answers,
                "--warmup",
                str(args.warmup),
                "--profile",
                args.profile,
                "--slowest",
                str(args.slowest),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        for k in range(args.procs)
    ]
    for proc in procs:  # every worker has set Django up and warmed its caches
        assert proc.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, _err = proc.communicate()
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - started
    _summary(args, results, wall)


def _seed(n, pki_dir, *, warmup):
    from django.apps import apps
    from django.conf import settings

    from domain.council.defaults import load_council_rules
    from domain.official.base_salary_data import load_base_salaries
    from ground.organisation.catalog_data import load_catalog
    from ground.organisation.models import StaffMember
    from interfaces.demo import seed as demo

    load_catalog(apps)
    load_council_rules(apps)
    load_base_salaries(apps)
    _org, depts, users = demo.seed_people()
    settings.SIGNING_TRUST_ROOTS = []
    demo.seed_signers(users, pki_dir)
    dept = depts["llcs"]
    StaffMember.objects.bulk_create(
        StaffMember(organisation=dept.organisation, department=dept, full_name=f"Giảng viên {i:05d}", position="GV")
        for i in range(n)
    )
    StaffMember.objects.bulk_create(
        StaffMember(organisation=dept.organisation, department=dept, full_name=f"{WARMUP} {i:05d}", position="GV")
        for i in range(warmup)
    )


def _summary(args, results, wall):
    from domain.dossiers.models import Dossier, DossierStatus
    from ground.audit.models import AuditEvent
    from ground.audit.services import audit_verify

    n = args.dossiers
    awarded = Dossier.objects.filter(status=DossierStatus.AWARDED)
    recorded_twice = AuditEvent.objects.filter(action="province_approved").count() - awarded.count()
    finished = awarded.filter(nominee_person__full_name__startswith="Giảng viên ").count()
    seconds, db_seconds, statements = defaultdict(float), defaultdict(float), defaultdict(int)
    for result in results:
        for phase in PHASES:
            seconds[phase] += result["seconds"].get(phase, 0)
            db_seconds[phase] += result["db_seconds"].get(phase, 0)
            statements[phase] += result["statements"].get(phase, 0)
    deadlocks = sum(r["deadlocks"] for r in results)
    errors = sum(r["errors"] for r in results)
    total_statements = sum(statements.values())
    report(
        f"machine: {os.cpu_count()} cores; {args.procs} process(es), sessions of {args.session} dossiers, "
        f"the province answering each {args.answers}"
    )
    waited = f" {'in database':>12}" if args.slowest else ""
    report(f"{'phase':<10} {'seconds':>9} {'share':>6} {'statements/dossier':>19}{waited}")
    busy = sum(seconds.values()) or 1
    for phase in PHASES:
        waited = f" {db_seconds[phase]:>11.2f}s" if args.slowest else ""
        report(
            f"{phase:<10} {seconds[phase]:>9.2f} {seconds[phase] / busy:>6.0%} {statements[phase] / n:>19.1f}{waited}"
        )
    _slowest(args, results, wall)
    verified = audit_verify()
    report(
        f"finished {finished}/{n} (awarded by the province; recorded twice: {recorded_twice}); "
        f"audit chain: {verified['events']} events, ok={verified['ok']}"
    )
    _drop_queue()
    if finished != n:
        errors = max(errors, n - finished)
    report(
        f"throughput: procs={args.procs} dossiers={n} dossiers/s={finished / wall:.2f} "
        f"transitions/s={6 * finished / wall:.1f} statements/dossier={total_statements / n:.0f} "
        f"deadlocks={deadlocks} errors={errors}"
    )


def _slowest(args, results, wall):
    """The statements' shapes (numbers and strings as ?) that took the most time, all processes together."""
    if not args.slowest:
        return
    shapes = defaultdict(lambda: [0, 0.0])
    for result in results:
        for sql, count, seconds in result["shapes"]:
            shapes[sql][0] += count
            shapes[sql][1] += seconds
    total = sum(seconds for _count, seconds in shapes.values())
    report(f"time in the database (answer awaited): {total:.2f} s of {wall * args.procs:.2f} s")
    for sql, (count, seconds) in sorted(shapes.items(), key=lambda kv: -kv[1][1])[: args.slowest]:
        report(f"{seconds:>8.2f} s {count:>7} × {seconds / count * 1000:>6.2f} ms  {sql[:150]}")


def _drop_queue():
    from django.conf import settings

    if settings.REDIS_URL:
        import redis

        redis.Redis.from_url(settings.REDIS_URL).delete(QUEUE)


# --- a worker: every P-th dossier, from nomination to the province's decision ---------------------


def worker(args):
    import django

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.conf import settings
    from django.utils import translation

    from domain.province.stub import ProvinceStub

    translation.activate("vi")
    settings.SIGNING_TRUST_ROOTS = []
    stub = ProvinceStub(secret=settings.PROVINCE_SECRET).start()
    settings.PROVINCE_ENDPOINT = stub.url
    run = Run(args)
    run.warm_up()
    from config import heap

    heap.settle()  # as each gunicorn worker (config/wsgi.py) and Celery worker process (config/celery.py) does
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    if args.profile:
        import cProfile

        cProfile.runctx("run.all()", globals(), {"run": run}, f"{args.profile}.{args.worker}")
    else:
        run.all()
    stub.server.shutdown()
    sys.stdout.write(json.dumps(run.result()) + "\n")


class Run:
    def __init__(self, args):
        from django.contrib.auth import get_user_model
        from django.db import connection

        from ground.organisation.models import StaffMember

        users = {u.username: u for u in get_user_model().objects.all()}
        self.head, self.sec, self.principal = users["truongkhoa.llcs"], users["thuongtruc"], users["hieutruong"]
        self.province, self.clerk = users["tinh"], users["vanthu"]
        self.members = [users[f"hoidong{i}"] for i in range(1, 8)] + [self.sec]
        people = list(StaffMember.objects.filter(full_name__startswith="Giảng viên ").order_by("full_name"))
        self.people = people[args.worker :: args.procs]
        warm = list(StaffMember.objects.filter(full_name__startswith=WARMUP).order_by("full_name"))
        self.warm_people = warm[args.worker * args.warmup : (args.worker + 1) * args.warmup]
        self.session_size = args.session
        self.answers = args.answers
        self.seconds = defaultdict(float)
        self.statements = defaultdict(int)
        self.deadlocks = self.errors = 0
        self._count = [0]
        self.shapes = defaultdict(lambda: [0, 0.0]) if args.slowest else None
        self.waited = [0.0]
        self.db_seconds = defaultdict(float)
        connection.execute_wrappers.append(self._counter)  # every statement of this process, for good

    def _counter(self, execute, sql, params, many, context):
        self._count[0] += 1
        if self.shapes is None:
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:  # the time until the database answered, Django's own compilation excluded
            spent = time.perf_counter() - started
            shape = self.shapes[_SHAPE.sub("?", sql)[:400]]
            shape[0] += 1
            shape[1] += spent
            self.waited[0] += spent

    def warm_up(self):
        """The warm-up round, then every figure back to zero (its deadlocks and errors are kept: they count)."""
        if self.warm_people:
            self.batch(self.warm_people)
        self.seconds.clear()
        self.statements.clear()
        self.db_seconds.clear()
        if self.shapes is not None:
            self.shapes.clear()
        self.waited[0] = 0.0

    def result(self):
        return {
            "seconds": dict(self.seconds),
            "db_seconds": dict(self.db_seconds),
            "statements": dict(self.statements),
            "deadlocks": self.deadlocks,
            "errors": self.errors,
            "shapes": sorted(([sql, *v] for sql, v in (self.shapes or {}).items()), key=lambda r: -r[2]),
        }

    def phase(self, name, fn, items):
        """Run ``fn`` on every item, timing and counting; an item that fails drops out (deadlock or error)."""
        kept = []
        before, waited, started = self._count[0], self.waited[0], time.perf_counter()
        for item in items:
            try:
                out = fn(item)
                kept.append(item if out is None else out)
            except Exception as exc:  # noqa: BLE001 — counted, reported on standard error
                if "deadlock detected" in str(exc):
                    self.deadlocks += 1
                else:
                    self.errors += 1
                sys.stderr.write(f"{name}: {type(exc).__name__}: {str(exc)[:300]}\n")
        self.seconds[name] += time.perf_counter() - started
        self.statements[name] += self._count[0] - before
        self.db_seconds[name] += self.waited[0] - waited
        return kept

    def all(self):
        for start in range(0, len(self.people), self.session_size):
            self.batch(self.people[start : start + self.session_size])

    def batch(self, people):
        from django.core.files.base import ContentFile
        from viewflow.workflow.models import Task

        from domain.dossiers.services import documents, dossiers
        from process.workflows import services as process

        pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        head, sec = self.head, self.sec

        def create(person):
            d = dossiers.dossier_create(
                acting_user=head,
                period_year=2026,
                award_code="BANGKHEN_TINH",
                nominee_kind="person",
                nominee_id=person.pk,
                achievements="Hoàn thành xuất sắc nhiệm vụ.",
            )
            documents.document_upload(
                acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(pdf, "r.pdf")
            )
            return d

        def tasks_at(node, dossiers):
            """The dossiers' tasks waiting at ``node``, in one query (as the secretariat's queue lists them)."""
            found = dict(
                Task.objects.filter(
                    process__dossierprocess__dossier__in=[d.pk for d in dossiers],
                    flow_task=node,
                    status__in=["NEW", "ASSIGNED", "SCHEDULED"],
                ).values_list("process__dossierprocess__dossier_id", "pk")
            )
            return [(d, found.get(d.pk)) for d in dossiers]

        from process.workflows.flows import DossierFlow

        made = self.phase("create", create, people)
        made = self.phase("submit", lambda d: process.dossier_submit(acting_user=head, dossier_id=d.pk) and d, made)
        made = self.phase(
            "check",
            lambda item: process.task_complete(acting_user=sec, task_id=item[1], action="accept") and item[0],
            tasks_at(DossierFlow.check_completeness, made),
        )
        if not made:
            return
        selected = self.phase("council", self.council, [made])
        if not selected:
            return
        self.phase("posting", self.posting, [selected[0]])
        # One submission letter for the session's dossiers, signed once and issued once (issue 15's batch path).
        signed = made if self.phase("sign", self.sign_letter, [made]) else []
        forwarded = self.phase(
            "forward",
            lambda item: process.job_forward_to_province(item[1]) or item[0],
            tasks_at(DossierFlow.forward, signed),
        )
        if self.answers == "letter":
            self.phase("province", self.province_decides_letter, sorted({s for _d, s in self.submissions(forwarded)}))
        else:
            self.phase("province", self.province_decides, self.submissions(forwarded))

    def council(self, agenda):
        from django.utils import timezone

        from domain.council.services import ballots, sessions
        from process.workflows import council

        session = sessions.session_create(
            acting_user=self.sec,
            period=agenda[0].period,
            title="Phiên đo năng lực",
            meeting_date=timezone.localdate(),
            dossier_ids=[d.pk for d in agenda],
        )
        seats = list(session.council.members.values_list("pk", flat=True))
        sessions.attendance_record(acting_user=self.sec, session_id=session.pk, present_member_ids=seats)
        sessions.session_open(acting_user=self.sec, session_id=session.pk)
        ballot_ids = list(session.ballots.values_list("pk", flat=True))
        for user in self.members:  # each member's voting sheet (phiếu bầu): every ballot of the session at once
            ballots.votes_cast(acting_user=user, session_id=session.pk, choices=dict.fromkeys(ballot_ids, "approve"))
        ballots.ballots_close(acting_user=self.sec, session_id=session.pk)  # every ballot counted at once
        council.session_conclude(acting_user=self.sec, session_id=session.pk)
        return session

    def sign_letter(self, dossiers):
        from domain.official.batches import batch_draft, batch_send
        from process.workflows import batches

        for document in batch_draft(acting_user=self.sec, dossier_ids=[d.pk for d in dossiers]):
            batch_send(acting_user=self.sec, document_id=document.pk)
            batches.batch_sign(acting_user=self.principal, document_id=document.pk, confirm="demo")
            batches.batch_issue(acting_user=self.clerk, document_id=document.pk)
        return dossiers

    def posting(self, session):
        from datetime import timedelta

        from process.workflows import council

        last = session.postings.order_by("-closes_at").values_list("closes_at", flat=True).first()
        council.postings_close_due(now=last + timedelta(seconds=1))
        # Another process's sweep may be moving this session's dossiers on (its sweep closes every window due), and
        # ours skipped them as busy: as beat's next sweep would, look again until every window is closed.
        for _attempt in range(600):
            if not session.postings.filter(closed_at__isnull=True).exists():
                return
            time.sleep(0.05)
            council.postings_close_due(now=last + timedelta(seconds=1))
        raise RuntimeError(f"the postings of session {session.pk} are still open")

    def submissions(self, dossiers):
        """Each dossier with the symbol of the submission letter that carried it (the province read it in the
        package), in one query."""
        from domain.dossiers.models import IssuedDocument

        symbols = dict(
            IssuedDocument.objects.filter(dossiers__in=dossiers, doc_type="TTr")
            .order_by("id")
            .values_list("dossiers", "symbol")
        )
        return [(d, symbols.get(d.pk)) for d in dossiers]

    def province_decides(self, item):
        from django.utils import timezone

        from process.workflows import services as process

        d, submission = item
        process.province_decision_receive(
            actor=self.province,
            dossier_reference=d.reference,
            submission=submission,
            result="approved",
            decision_number=f"{d.pk}/QĐ-UBND",
            decision_date=timezone.localdate(),
        )

    def province_decides_letter(self, submission):
        """The province's one decision for the whole letter (every dossier it proposed), in one call."""
        from django.utils import timezone

        from process.workflows import services as process

        process.province_letter_decision_receive(
            actor=self.province,
            submission=submission,
            result="approved",
            decision_number=f"{submission.split('/')[0]}/QĐ-UBND",
            decision_date=timezone.localdate(),
        )


if __name__ == "__main__":
    main()
