"""Page figures at 10,000 dossiers (issue 16): each role's home page and the lists, p95 milliseconds and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/pages_10k.py [--dossiers 10000]
        [--submitted 300] [--requests 20]

The demo data (every step of the process, a session voting now) plus ``--dossiers`` dossiers spread over every
status and department (bulk rows: the lists and counts read them) and ``--submitted`` real submissions through
the services (each a process with a task in the secretariat's queue). Each page is requested through Django's
test client (the whole stack: middleware, views, templates), once to warm up, then ``--requests`` times; the
figures are the 95th percentile of the wall time and the number of queries of one request. Target (issue 16):
home pages and lists p95 <= 150 ms and <= 15 queries. The 100k-dossier bench of the API is issue 18's.
"""

import argparse
import os
import statistics
import time

from _setup import report, scratch_database

PAGES = [
    ("truongkhoa.llcs", "/home/"),
    ("thuongtruc", "/home/"),
    ("hoidong1", "/home/"),
    ("hieutruong", "/home/"),
    ("kiemtra", "/home/"),
    ("canbo", "/home/"),
    ("tinh", "/home/"),
    ("thuongtruc", "/process/inbox/"),
    ("thuongtruc", "/process/queue/"),
    ("hieutruong", "/process/inbox/"),
    ("hoidong1", "/process/inbox/"),
    ("truongkhoa.llcs", "/dossiers/"),
    ("thuongtruc", "/dossiers/"),
    ("thuongtruc", "/council/"),
    ("canbo", "/council/posting/"),
    # the lists people work with (issue 16): search, filters, sort, a far page
    ("kiemtra", "/dossiers/"),
    ("thuongtruc", "/dossiers/?q=HS-BENCH-0012"),
    ("thuongtruc", "/dossiers/?q=C%C3%A1n+b%E1%BB%99+0042"),
    ("thuongtruc", "/dossiers/?late=on&sort=due_at"),
    ("thuongtruc", "/dossiers/?department=__llcs__&award=LDTT&period=2026&sort=nominee&page=20"),
    ("truongkhoa.llcs", "/dossiers/?step=check_completeness&sort=-reference"),
    ("thuongtruc", "/process/queue/?sort=nominee"),
    ("thuongtruc", "/process/queue/?step=check_completeness&late=on"),
    ("thuongtruc", "/council/results/"),
    ("hieutruong", "/council/results/?result=selected&sort=nominee"),
    # the overview's figures and charts (issue 16)
    ("thuongtruc", "/reports/overview/"),
    ("hieutruong", "/reports/overview/"),
    ("kiemtra", "/reports/overview/?year=2026"),
]


def bulk_dossiers(n, depts, users):
    from domain.dossiers.models import Dossier, DossierStatus
    from ground.organisation.models import AwardType, Period, StaffMember

    head = users["truongkhoa.llcs"]
    org = head.staff.organisation
    period = Period.objects.get(organisation=org, year=2026)
    awards = list(AwardType.objects.filter(code__in=["LDTT", "CSTDCS", "BANGKHEN_TINH"]))
    departments = list(depts.values())
    people = StaffMember.objects.bulk_create(
        StaffMember(organisation=org, department=departments[i % len(departments)], full_name=f"Cán bộ {i:05d}")
        for i in range(n)
    )
    statuses = [s for s, _label in DossierStatus.choices]
    Dossier.objects.bulk_create(
        (
            Dossier(
                organisation=org,
                reference=f"HS-BENCH-{i:06d}",
                period=period,
                award=awards[i % len(awards)],
                department=person.department,
                nominee_person=person,
                status=statuses[i % len(statuses)],
                created_by=head,
            )
            for i, person in enumerate(people)
        ),
        batch_size=2000,
    )


def submitted(n, depts, users):
    from django.core.files.base import ContentFile

    from domain.dossiers.services import documents, dossiers
    from ground.organisation.models import StaffMember
    from process.workflows import services as process

    head = users["truongkhoa.llcs"]
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    people = StaffMember.objects.bulk_create(
        StaffMember(organisation=head.staff.organisation, department=depts["llcs"], full_name=f"Giảng viên {i}")
        for i in range(n)
    )
    for person in people:
        d = dossiers.dossier_create(
            acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
        )
        documents.document_upload(
            acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(pdf, "r.pdf")
        )
        process.dossier_submit(acting_user=head, dossier_id=d.pk)


def measure(client, url, requests):
    from django.db import connection

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    response = client.get(url)  # warm-up (templates, translations, permission caches of the session)
    times = []
    with connection.execute_wrapper(counter):
        for _ in range(requests):
            count[0] = 0
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return response.status_code, p95, statistics.median(times), count[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--submitted", type=int, default=300)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    scratch_database("awards_bench_pages16")

    from django.apps import apps
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from domain.council.defaults import load_council_rules
    from ground.organisation.catalog_data import load_catalog
    from interfaces.demo import seed as demo

    load_catalog(apps)
    load_council_rules(apps)
    _org, depts, users = demo.seed_people()
    demo.seed_signers(users, settings.SIGNING_PKI_DIR)  # the demo's batches are signed by the principal
    demo.seed_delegation(users)
    demo.seed_dossiers(depts, users)
    start = time.perf_counter()
    bulk_dossiers(args.dossiers, depts, users)
    submitted(args.submitted, depts, users)
    seconds = time.perf_counter() - start
    report(f"data: demo + {args.dossiers} dossiers + {args.submitted} submissions in {seconds:.0f} s")
    # What autovacuum does within a minute of a bulk load: without statistics the planner takes the new tables for
    # empty ones (the first run of this bench measured 2-6 s pages from such plans).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    report(f"load average before measuring: {' '.join(f'{v:.1f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)")
    report(
        f"{'login':<18} {'page':<44} {'status':>6} {'p95 ms':>8} {'median':>8} {'queries':>8}"
        "  target p95<=150 ms, <=15 queries"
    )
    clients = {}
    for username, url in PAGES:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client(HTTP_ACCEPT_LANGUAGE="vi")
            client.force_login(users[username])
        url = url.replace("__llcs__", str(depts["llcs"].pk))
        status, p95, median, queries = measure(client, url, args.requests)
        flag = "" if p95 <= 150 and queries <= 15 and status == 200 else "  <- over"
        report(f"{username:<18} {url[:44]:<44} {status:>6} {p95:>8.1f} {median:>8.1f} {queries:>8}{flag}")


if __name__ == "__main__":
    main()
