"""Lists and home pages at scale: p50/p95 and queries of every list and home page of every role, and the API lists.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/pages.py [--dossiers 100000]

Builds the school (demo people), then ``--dossiers`` dossiers spread over the departments, four periods and every
step, set-based: a few real dossiers are driven through the services to each step, and their rows (dossier, process,
open task, audit events, chained) are copied in bulk. Then each page is asked ``--repeat`` times by its role through
Django's test client (the whole request: middleware, views, templates), timed and its queries counted.
"""

import argparse
import math
import os
import statistics
import time

from _setup import report, scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="reuse the database built by a previous run")
    args = parser.parse_args()
    if args.keep:
        _use_existing("awards_bench_pages")
    else:
        scratch_database("awards_bench_pages")
        started = time.perf_counter()
        build(args.dossiers)
        report(f"built {args.dossiers:,} dossiers in {time.perf_counter() - started:.0f} s")
    measure(args.repeat)


def _use_existing(name):
    import os
    import sys
    from urllib.parse import urlparse

    from _setup import ROOT

    url = urlparse(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = url._replace(path=f"/{url.path.lstrip('/')}__{name}").geturl()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- building -----------------------------------------------------------------------------------------


def build(n):
    import tempfile

    from django.apps import apps
    from django.conf import settings
    from django.utils import translation

    from domain.council.defaults import load_council_rules
    from domain.official.base_salary_data import load_base_salaries
    from ground.organisation.catalog_data import load_catalog
    from interfaces.demo import seed as demo

    translation.activate("vi")
    load_catalog(apps)
    load_council_rules(apps)
    load_base_salaries(apps)
    _org, depts, users = demo.seed_people()
    settings.SIGNING_TRUST_ROOTS = []
    demo.seed_signers(users, tempfile.mkdtemp(prefix="bench-pki-"))
    templates = _templates(depts, users)
    _copy(templates, n, depts)


def _templates(depts, users):
    """One real dossier waiting at each step (through the services): the rows to copy."""
    from django.core.files.base import ContentFile
    from viewflow.workflow.models import Task

    from domain.dossiers.services import documents, dossiers
    from ground.organisation.models import StaffMember
    from interfaces.demo.seed import close_posting, run_session
    from process.workflows import services as process
    from process.workflows.flows import DossierFlow

    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    head, sec = users["truongkhoa.llcs"], users["thuongtruc"]
    people = StaffMember.objects.bulk_create(
        StaffMember(organisation=head.staff.organisation, department=depts["llcs"], full_name=f"Mẫu {i}")
        for i in range(6)
    )

    def draft(person, award="LDTT"):
        d = dossiers.dossier_create(
            acting_user=head, period_year=2026, award_code=award, nominee_kind="person", nominee_id=person.pk
        )
        documents.document_upload(
            acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(pdf, "r.pdf")
        )
        return d

    def task_of(d, node):
        return Task.objects.filter(process__dossierprocess__dossier=d, flow_task=node).latest("pk").pk

    out = {"draft": draft(people[0])}
    d = draft(people[1])
    process.dossier_submit(acting_user=head, dossier_id=d.pk)
    out["check"] = d
    d = draft(people[2])
    process.dossier_submit(acting_user=head, dossier_id=d.pk)
    process.task_complete(
        acting_user=sec, task_id=task_of(d, DossierFlow.check_completeness), action="return", comment="Thiếu"
    )
    out["correct"] = d
    council = []
    for person in people[3:5]:
        d = draft(person, "BANGKHEN_TINH")
        process.dossier_submit(acting_user=head, dossier_id=d.pk)
        process.task_complete(acting_user=sec, task_id=task_of(d, DossierFlow.check_completeness), action="accept")
        council.append(d)
    out["council"] = council[0]
    close_posting(run_session(sec, council[1:]))
    out["sign"] = council[1]
    for dossier in [*out.values()]:
        dossier.refresh_from_db()  # the services moved them through other instances: copy their status as it is
    return out


def _copy(templates, n, depts):
    """``n`` dossiers copied from the templates in bulk, cycling over steps, departments and periods."""
    import datetime as dt
    import itertools

    from django.db import connection
    from django.utils import timezone
    from viewflow.workflow.models import Process, Task

    from domain.deadlines.models import TaskDeadline
    from domain.dossiers.models import Dossier
    from ground.audit import chain
    from ground.audit.models import AuditEvent
    from ground.organisation.models import Period, StaffMember
    from process.workflows.flows import DossierFlow

    org = templates["draft"].organisation
    periods = [templates["draft"].period]
    for year in (2023, 2024, 2025):
        period, _created = Period.objects.get_or_create(organisation=org, year=year, defaults={"is_open": False})
        periods.append(period)
    departments = list(depts.values())
    heads = _heads(org, departments)
    staff = []
    for dept in departments:
        staff.append(
            StaffMember.objects.bulk_create(
                StaffMember(organisation=org, department=dept, full_name=f"Cán bộ {dept.pk}-{i:04d}")
                for i in range(300)
            )
        )
    # Shares of the steps, about those of a busy school year: 35 % of dossiers have an open task.
    steps = ["draft"] * 10 + ["check"] * 15 + ["correct"] * 5 + ["council"] * 55 + ["sign"] * 15
    shapes = {}
    for step, template in templates.items():
        shapes[step] = {
            "dossier": template,
            "tasks": list(
                Task.objects.filter(process__dossierprocess__dossier=template).select_related("deadline").order_by("pk")
            ),
            "events": list(AuditEvent.objects.filter(dossier=template).order_by("pk")),
        }
    chunk = 5000
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or chain.GENESIS
    counter = itertools.count()
    nominated_by = templates["draft"].created_by_id  # the template's head: the owner of its correction task
    now = timezone.now()
    for start in range(0, n, chunk):
        rows = []
        for i in range(start, min(n, start + chunk)):
            step = steps[i % len(steps)]
            t = shapes[step]["dossier"]
            k = i % len(departments)
            period = periods[(i // len(departments)) % len(periods)]
            person = staff[k][(i // (len(departments) * len(periods))) % 300]
            rows.append(
                (
                    step,
                    Dossier(
                        organisation=org,
                        reference=f"HS-{period.year}-B{i:06d}",
                        period=period,
                        award=t.award,
                        department=departments[k],
                        nominee_person=person,
                        achievements=t.achievements,
                        status=t.status,
                        created_by=heads[departments[k].pk],
                        submitted_at=t.submitted_at,
                    ),
                )
            )
        made = Dossier.objects.bulk_create([d for _s, d in rows])
        processes = Process.objects.bulk_create(
            Process(flow_class=DossierFlow, status="NEW", created=now - dt.timedelta(minutes=next(counter) % 50000))
            for step, _d in rows
            if shapes[step]["tasks"]
        )
        with_process = [d for (step, d) in rows if shapes[step]["tasks"]]
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO workflows_dossierprocess (process_ptr_id, dossier_id) VALUES (%s, %s)",
                [(p.pk, d.pk) for p, d in zip(processes, with_process, strict=True)],
            )
        process_of = {d.pk: p for p, d in zip(processes, with_process, strict=True)}
        tasks, sources, events = [], [], []
        for (step, _d), dossier in zip(rows, made, strict=True):
            for task in shapes[step]["tasks"]:
                copy = Task(
                    process=process_of[dossier.pk],
                    flow_task=task.flow_task,
                    flow_task_type=task.flow_task_type,
                    status=task.status,
                    created=process_of[dossier.pk].created + (task.created - shapes[step]["tasks"][0].created),
                    assigned=task.assigned,
                    started=task.started,
                    finished=task.finished,
                    token=task.token,
                    # a correction goes back to the head who nominated: the copy's department's own head
                    owner_id=heads[dossier.department_id].pk if task.owner_id == nominated_by else task.owner_id,
                    owner_permission=task.owner_permission,
                    owner_permission_content_type_id=task.owner_permission_content_type_id,
                )
                tasks.append(copy)
                sources.append((task, dossier))
            for event in shapes[step]["events"][:3]:
                e = AuditEvent(
                    at=event.at,
                    actor_id=event.actor_id,
                    actor_name=event.actor_name,
                    role=event.role,
                    action=event.action,
                    dossier=dossier,
                    step=event.step,
                    changes=event.changes,
                    data=event.data,
                )
                e.prev_hash = prev
                e.hash = prev = chain.event_hash(e, prev)
                events.append(e)
        Task.objects.bulk_create(tasks)
        TaskDeadline.objects.bulk_create(_deadlines(tasks, sources))
        AuditEvent.objects.bulk_create(events)
    with connection.cursor() as cursor:
        # What autovacuum does to tables that took this many inserts (PostgreSQL 13+ vacuums after inserts too): the
        # statistics, and the visibility map without which the planner prices an index-only scan as a heap read
        # (the empty queue's count then walked every open task instead of the queue's own index: 36 ms for 6).
        cursor.execute("VACUUM ANALYZE")


def _heads(org, departments):
    """Each department's head (a user of its own for a department the demo leaves without one): a dossier is
    nominated by its department's head, and a correction goes back to them; no head owns another department's."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from ground.organisation.models import StaffMember
    from ground.organisation.roles import DEPARTMENT_HEAD

    found = {
        s.department_id: s.user
        for s in StaffMember.objects.filter(department__in=departments, user__groups__name=DEPARTMENT_HEAD)
        .select_related("user")
        .order_by("pk")
    }
    group = Group.objects.get(name=DEPARTMENT_HEAD)
    for dept in departments:
        if dept.pk not in found:
            user = get_user_model().objects.create_user(f"bench.head{dept.pk}", password=None)
            user.groups.add(group)
            StaffMember.objects.create(organisation=org, department=dept, user=user, full_name=f"Trưởng khoa {dept.pk}")
            found[dept.pk] = user
    return found


def _deadlines(tasks, sources):
    """The copies' deadlines, as long as their template's (every human task has one, open or closed)."""
    from domain.deadlines.models import TaskDeadline

    made = []
    for copy, (task, dossier) in zip(tasks, sources, strict=True):
        source = getattr(task, "deadline", None) if task.flow_task_type == "HUMAN" else None
        if source is None:
            continue
        made.append(
            TaskDeadline(
                task=copy,
                dossier=dossier,
                step=source.step,
                started_at=copy.created,
                due_at=copy.created + (source.due_at - source.started_at),
                closed_at=copy.finished,
            )
        )
    return made


# --- measuring ---------------------------------------------------------------------------------------


def measure(repeat):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from config import heap
    from domain.dossiers.models import Dossier

    heap.settle()  # as config/wsgi.py does in each gunicorn worker
    users = {u.username: u for u in get_user_model().objects.all()}
    some = Dossier.objects.filter(reference__contains="-B").order_by("pk")
    one = some.filter(department=users["truongkhoa.llcs"].staff.department).last()
    pages = [
        ("truongkhoa.llcs", "/process/inbox/"),
        ("truongkhoa.llcs", "/dossiers/"),
        ("truongkhoa.llcs", f"/dossiers/{one.pk}/"),
        ("truongkhoa.llcs", f"/dossiers/{one.pk}/eligibility/", {"Turbo-Frame": "eligibility-frame"}),
        ("thuongtruc", "/process/queue/"),
        ("thuongtruc", "/process/inbox/"),
        ("thuongtruc", "/process/archive/"),
        ("thuongtruc", "/process/tasks/"),
        ("thuongtruc", "/dossiers/"),
        ("thuongtruc", f"/process/queue/?dossier={one.reference}"),
        ("thuongtruc", "/council/"),
        ("thuongtruc", "/province/"),
        ("hoidong1", "/process/inbox/"),
        ("hoidong1", "/council/"),
        ("hieutruong", "/process/inbox/"),
        ("hieutruong", "/dossiers/"),
        ("kiemtra", "/audit/"),
        ("kiemtra", "/audit/?person=thuongtruc"),
        ("kiemtra", f"/audit/?dossier={one.reference}"),
        ("kiemtra", "/dossiers/"),
        ("canbo", "/council/posting/"),
        ("canbo", "/notifications/"),
        ("thuongtruc", "/api/v1/dossiers/?page_size=200"),
        ("thuongtruc", "/api/v1/tasks/?page_size=200"),
        ("truongkhoa.llcs", "/api/v1/dossiers/?page_size=200"),
        ("kiemtra", "/api/v1/dossiers/?page_size=200"),
    ]
    report(f"{'role':<16} {'page':<46} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'kB':>7}")
    worst = []
    for username, path, *headers in pages:
        headers = headers[0] if headers else {}
        client = Client(headers=headers)
        client.force_login(users[username])
        client.get(path)  # warm the process's caches, the template loader, the session
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        # nearest rank: the 19th of 20 (the 20th would be the maximum)
        p50, p95 = statistics.median(times), times[math.ceil(len(times) * 0.95) - 1]
        if os.environ.get("BENCH_TIMES"):
            report("    " + " ".join(f"{t:.0f}" for t in times))
        size = len(response.content) / 1024
        if headers:
            path += " (frame)"
        report(
            f"{username:<16} {path[:46]:<46} {response.status_code:>6} {p50:>8.0f} {p95:>8.0f} "
            f"{len(ctx.captured_queries):>8} {size:>7.0f}"
        )
        worst.append((p95, path, username))
    worst.sort(reverse=True)
    report(f"slowest p95: {worst[0][0]:.0f} ms ({worst[0][2]} {worst[0][1]})")


if __name__ == "__main__":
    main()
