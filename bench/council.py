"""What a council session costs as its agenda grows: seconds and queries of each step, for N dossiers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/council.py [--dossiers 10 50 200]

Eight members vote on every dossier (open votes on LĐTT, a secret ballot on every tenth, CSTĐ tỉnh); the session
concludes (results, one minutes PDF attached to every dossier, every process moved on), then the posting sweep
sends them all to the principal. The session page and the posted list must read in a constant number of queries.
"""

import argparse
import time

from _setup import report, scratch_database


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, nargs="+", default=[10, 50, 200])
    args = parser.parse_args()
    scratch_database("awards_bench_council")

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.utils import timezone, translation
    from viewflow.workflow.models import Task

    from domain.council.defaults import load_council_rules
    from domain.council.selectors import postings_for, session_view
    from domain.council.services import ballots, sessions
    from domain.dossiers.models import Dossier
    from domain.dossiers.services import documents, dossiers
    from ground.organisation.catalog_data import load_catalog
    from ground.organisation.models import StaffMember
    from interfaces.demo import seed as demo
    from process.workflows import council
    from process.workflows import services as process

    translation.activate("vi")
    load_catalog(apps)
    load_council_rules(apps)
    _org, depts, users = demo.seed_people()
    head, sec = users["truongkhoa.llcs"], users["thuongtruc"]
    members = [users[f"hoidong{i}"] for i in range(1, 8)] + [sec]
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

    def accepted(n):
        people = StaffMember.objects.bulk_create(
            StaffMember(organisation=head.staff.organisation, department=depts["llcs"], full_name=f"Giảng viên {i}")
            for i in range(n)
        )
        made = []
        for i, person in enumerate(people):
            code = "CSTD_TINH" if i % 10 == 9 else "LDTT"
            d = dossiers.dossier_create(
                acting_user=head, period_year=2026, award_code=code, nominee_kind="person", nominee_id=person.pk
            )
            documents.document_upload(
                acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(pdf, "r.pdf")
            )
            process.dossier_submit(acting_user=head, dossier_id=d.pk)
            task = Task.objects.get(process__dossierprocess__dossier=d, flow_task_type="HUMAN", status="NEW")
            process.task_complete(acting_user=sec, task_id=task.pk, action="accept")
            made.append(d)
        return made

    def measured(fn):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):  # counts every query (the debug log keeps only 9,000)
            start = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - start
        return result, seconds, count[0]

    report(
        f"{'dossiers':>8} {'create s':>9} {'votes':>6} {'votes/s':>8} {'q/vote':>7} {'close s':>8} "
        f"{'conclude s':>11} {'q':>6} {'minutes kB':>11} {'page q':>7} {'posted q':>9} {'sweep s':>8}"
    )
    for n in args.dossiers:
        agenda = accepted(n)
        session, create_s, _q = measured(
            lambda agenda=agenda, n=n: sessions.session_create(
                acting_user=sec,
                period=agenda[0].period,
                title=f"Bench {n}",
                meeting_date=timezone.localdate(),
                dossier_ids=[d.pk for d in agenda],
            )
        )
        seats = list(session.council.members.values_list("pk", flat=True))
        sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=seats)
        sessions.session_open(acting_user=sec, session_id=session.pk)
        ballot_ids = list(session.ballots.values_list("pk", flat=True))

        def vote_all(ballot_ids=ballot_ids):
            for ballot_id in ballot_ids:
                for i, user in enumerate(members):
                    ballots.vote_cast(acting_user=user, ballot_id=ballot_id, choice="approve" if i else "reject")

        _r, vote_s, vote_q = measured(vote_all)
        votes = len(ballot_ids) * len(members)
        _r, close_s, _q = measured(
            lambda ballot_ids=ballot_ids: [ballots.ballot_close(acting_user=sec, ballot_id=b) for b in ballot_ids]
        )
        _r, conclude_s, conclude_q = measured(
            lambda session=session: council.session_conclude(acting_user=sec, session_id=session.pk)
        )
        minutes = agenda[0].documents.get(kind="council_minutes", is_current=True).size / 1024
        _r, _s, page_q = measured(lambda session=session: session_view(members[0], session.pk).ballots)
        _r, _s, posted_q = measured(lambda: list(postings_for(members[0])))
        last = session.postings.order_by("-closes_at").values_list("closes_at", flat=True).first()
        moved, sweep_s, _q = measured(lambda last=last: council.postings_close_due(now=last))
        assert moved == Dossier.objects.filter(ballots__session=session, ballots__passed=True).count()
        report(
            f"{n:>8} {create_s:>9.2f} {votes:>6} {votes / vote_s:>8.0f} {vote_q / votes:>7.1f} {close_s:>8.2f} "
            f"{conclude_s:>11.2f} {conclude_q:>6} {minutes:>11.0f} {page_q:>7} {posted_q:>9} {sweep_s:>8.2f}"
        )


if __name__ == "__main__":
    main()
