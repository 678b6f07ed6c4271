"""What the secretariat's lists cost as a unit grows: queries and seconds of ``suggestions`` for N staff.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/eligibility.py [--staff 40 400 2000]

Each member of staff gets five years of ratings and awards, a registration and, for some, an initiative; the
lists are computed for 2026 over every award in force. The number of queries must not grow with N.
"""

import argparse
import random
import time
from datetime import date

from _setup import report, scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--staff", type=int, nargs="+", default=[40, 400, 2000])
    args = parser.parse_args()
    scratch_database("awards_bench_eligibility")

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from domain.dossiers.models import AwardRecord
    from domain.dossiers.services.dossiers import award_for_period
    from domain.eligibility.selectors import suggestions
    from domain.emulation.models import Registration
    from domain.records.models import Initiative, YearlyRating
    from ground.organisation.models import Department, Organisation, Period, StaffMember

    translation.activate("vi")
    rng = random.Random(9)
    user = get_user_model().objects.create(username="bench")
    awards = {(c, y): award_for_period(c, Period(year=y)) for c in ("LDTT", "CSTDCS") for y in range(2022, 2027)}
    report(f"{'staff':>6} {'queries':>8} {'seconds':>8} {'suggested':>10} {'nearly':>7}")
    for n in args.staff:
        org = Organisation.objects.create(code=f"B{n}", name=f"Bench {n}", place="Lai Châu")
        depts = Department.objects.bulk_create(
            Department(organisation=org, code=f"d{i}", name=f"Khoa {i}") for i in range(max(n // 40, 1))
        )
        staff = StaffMember.objects.bulk_create(
            StaffMember(organisation=org, department=depts[i % len(depts)], full_name=f"Cán bộ {i}") for i in range(n)
        )
        ratings, records, registrations = [], [], []
        for person in staff:
            registrations.append(
                Registration(
                    organisation=org,
                    year=2026,
                    department=person.department,
                    person=person,
                    award_code="CSTDCS",
                    registered_by=user,
                )
            )
            for year in range(2022, 2027):
                rating = rng.choice(["HTXSNV", "HTTNV", "HTTNV", "HTNV"])
                ratings.append(YearlyRating(organisation=org, person=person, year=year, rating=rating))
                for code in ("LDTT", "CSTDCS") if rating == "HTXSNV" else ("LDTT",) if rating == "HTTNV" else ():
                    records.append(
                        AwardRecord(
                            organisation=org,
                            person=person,
                            award=awards[code, year],
                            year=year,
                            decision_number=f"{year}/QĐ",
                            decision_date=date(year, 12, 20),
                        )
                    )
        YearlyRating.objects.bulk_create(ratings)
        AwardRecord.objects.bulk_create(records)
        Registration.objects.bulk_create(registrations)
        for person in staff[::7]:
            item = Initiative.objects.create(
                organisation=org,
                title="Sáng kiến",
                year=2025,
                status="recognised",
                scope=rng.choice(["school", "province"]),
            )
            item.authors.add(person)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            rows = suggestions(org, 2026)
        seconds = time.perf_counter() - start
        suggested = sum(1 for r in rows if r.kind == "suggested")
        report(f"{n:>6} {len(ctx.captured_queries):>8} {seconds:>8.2f} {suggested:>10} {len(rows) - suggested:>7}")


if __name__ == "__main__":
    main()
