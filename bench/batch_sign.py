"""What one batch document costs as its list grows: drafting, the signer's signature (render + certify + every
dossier moved on) and the records clerk's issuing (number + fill + organisation's signature + every process moved
on), in seconds and queries, with the PDF's size and pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/awards .venv/bin/python bench/batch_sign.py [--dossiers 10 50]

The dossiers are LĐTT nominations selected by one council session whose posting is over (set up through the
services, not timed); the demo's local CA makes the principal's and the organisation's certificates.
"""

import argparse
import io
import tempfile
import time

from _setup import report, scratch_database
from pypdf import PdfReader


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, nargs="+", default=[10, 50])
    args = parser.parse_args()
    scratch_database("awards_bench_batches")

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.utils import translation
    from viewflow.workflow.models import Task

    from domain.council.defaults import load_council_rules
    from domain.dossiers.services import documents, dossiers
    from domain.official import batches
    from domain.official.base_salary_data import load_base_salaries
    from domain.official.defaults import load_regime_grounds
    from domain.official.services import verify_bytes
    from ground.organisation.catalog_data import load_catalog
    from ground.organisation.models import StaffMember
    from interfaces.demo import seed as demo
    from process.workflows import batches as process_batches
    from process.workflows import services as process

    translation.activate("vi")
    load_catalog(apps)
    load_council_rules(apps)
    load_base_salaries(apps)
    load_regime_grounds(apps)
    _org, depts, users = demo.seed_people()
    pki = tempfile.mkdtemp(prefix="bench-pki-")
    demo.seed_signers(users, pki)
    from django.conf import settings

    settings.SIGNING_TRUST_ROOTS = [f"{pki}/ca.pem"]
    head, sec = users["truongkhoa.llcs"], users["thuongtruc"]
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

    def approved(n):
        people = StaffMember.objects.bulk_create(
            StaffMember(organisation=head.staff.organisation, department=depts["llcs"], full_name=f"Giảng viên {i}")
            for i in range(n)
        )
        made = []
        for person in people:
            d = dossiers.dossier_create(
                acting_user=head, period_year=2026, award_code="LDTT", nominee_kind="person", nominee_id=person.pk
            )
            documents.document_upload(
                acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(pdf, "r.pdf")
            )
            process.dossier_submit(acting_user=head, dossier_id=d.pk)
            task = Task.objects.get(process__dossierprocess__dossier=d, flow_task_type="HUMAN", status="NEW")
            process.task_complete(acting_user=sec, task_id=task.pk, action="accept")
            made.append(d)
        demo.close_posting(demo.run_session(sec, made, title=f"Bench {n}"))
        return made

    def measured(fn):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            start = time.perf_counter()
            result = fn()
            seconds = time.perf_counter() - start
        return result, seconds, count[0]

    report(
        f"{'dossiers':>8} {'draft s':>8} {'sign s':>7} {'sign q':>7} {'issue s':>8} {'issue q':>8} "
        f"{'total s':>8} {'pages':>6} {'PDF kB':>7} {'verify s':>9}"
    )
    for n in args.dossiers:
        made = approved(n)
        (document,), draft_s, _q = measured(
            lambda made=made: batches.batch_draft(acting_user=sec, dossier_ids=[d.pk for d in made])
        )
        batches.batch_send(acting_user=sec, document_id=document.pk)
        _r, sign_s, sign_q = measured(
            lambda document=document: process_batches.batch_sign(
                acting_user=users["hieutruong"], document_id=document.pk, confirm=demo.PASSWORD
            )
        )
        issued, issue_s, issue_q = measured(
            lambda document=document: process_batches.batch_issue(acting_user=users["vanthu"], document_id=document.pk)
        )
        data = issued.file.read()
        result, verify_s, _q = measured(
            lambda data=data, issued=issued: verify_bytes(data, expected_sha256=issued.sha256)
        )
        assert result["ok"] and len(result["signature"].signatures) == 2, result
        pages = len(PdfReader(io.BytesIO(data)).pages)
        report(
            f"{n:>8} {draft_s:>8.2f} {sign_s:>7.2f} {sign_q:>7} {issue_s:>8.2f} {issue_q:>8} "
            f"{draft_s + sign_s + issue_s:>8.2f} {pages:>6} {len(data) / 1024:>7.0f} {verify_s:>9.2f}"
        )


if __name__ == "__main__":
    main()
