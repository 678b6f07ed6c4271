"""A submission letter moves its dossiers together (issue 18): the job that delivers its package finishes the letter's
other jobs in the same transaction (a busy one finishes on its own), and the province's answer to the whole letter
is recorded for all of its dossiers at once, or for none."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.status import STATUS

from domain.dossiers.models import AwardRecord, DossierStatus
from domain.province.models import Delivery
from domain.province.services import package_manifest
from ground.base import errors
from process.workflows import services as process
from process.workflows.models import DossierProcess
from tests.helpers import approved_dossiers, held_elsewhere, sign_batch

SPECS = [("BANGKHEN_TINH", "llcs"), ("BANGKHEN_TINH", "xdd"), ("BANGKHEN_TINH", "llcs")]


def _letter(people, province_stub, settings):
    settings.PROVINCE_ENDPOINT = province_stub.url
    dossiers, _session = approved_dossiers(people, SPECS)
    (letter,) = sign_batch(people, *dossiers)
    jobs = [d.process.task_set.get(flow_task_type="JOB") for d in dossiers]
    return dossiers, letter, jobs


def _statuses(rows):
    for row in rows:
        row.refresh_from_db()
    return [row.status for row in rows]


@pytest.mark.django_db(transaction=True)
def test_the_job_that_delivers_the_package_finishes_the_letters_other_jobs_but_a_busy_one(
    people,
    province_stub,
    settings,
):
    dossiers, letter, jobs = _letter(people, province_stub, settings)
    seen = len(province_stub.requests)  # the stub serves the whole session

    def another_step():  # holds the third dossier's flow lock meanwhile
        DossierProcess.objects.select_for_update().get(dossier=dossiers[2])

    with held_elsewhere(another_step), CaptureQueriesContext(connection) as sent:
        process.job_forward_to_province(jobs[0].pk)  # sends the package; skips the busy one, never waits on it
    # pinned: the package built and sent (the letter's dossiers read for it in three queries, each attempt traced),
    # then the two free dossiers moved on together (their tasks, deadlines and links written once for both)
    assert len(sent.captured_queries) <= 37, [q["sql"][:90] for q in sent.captured_queries]
    assert _statuses(jobs)[:2] == [STATUS.DONE, STATUS.DONE] and jobs[2].status != STATUS.DONE
    assert _statuses(dossiers) == [DossierStatus.FORWARDED, DossierStatus.FORWARDED, DossierStatus.PROPOSED]

    for job in jobs:  # every job's own message: the busy one's finishes it, the others find theirs done
        process.job_forward_to_province(job.pk)
    assert _statuses(jobs) == [STATUS.DONE] * 3
    assert _statuses(dossiers) == [DossierStatus.FORWARDED] * 3
    assert [status for _key, status in province_stub.requests[seen:]] == [202]  # one package, sent once
    assert Delivery.objects.get(issued=letter).attempts == 1
    for dossier in dossiers:  # each forwarded once, its next step waiting for the province
        assert dossier.events.filter(action="forwarded_to_province").count() == 1
        assert process.open_task(dossier, "record_province") is not None


@pytest.mark.django_db
def test_a_letters_package_reads_its_dossiers_in_three_queries(people, province_stub, settings):
    dossiers, letter, _jobs = _letter(people, province_stub, settings)
    with CaptureQueriesContext(connection) as read:
        package = package_manifest(letter)
    # the letter's organisation, its dossiers with their nominees, all their current documents: not per dossier
    assert len(read.captured_queries) <= 3, [q["sql"][:90] for q in read.captured_queries]
    assert [d["dossier"] for d in package["dossiers"]] == [d.reference for d in sorted(dossiers, key=lambda d: d.pk)]
    assert all(d["documents"] and d["nominee"]["name"] for d in package["dossiers"])


@pytest.mark.django_db
def test_the_provinces_answer_to_a_whole_letter_is_recorded_for_all_its_dossiers_or_for_none(
    people, province_stub, settings
):
    dossiers, letter, jobs = _letter(people, province_stub, settings)
    process.job_forward_to_province(jobs[0].pk)
    assert _statuses(dossiers) == [DossierStatus.FORWARDED] * 3
    province = people["tinh"]
    process.province_decision_receive(  # the first answered on its own: not approved
        actor=province,
        dossier_reference=dossiers[0].reference,
        submission=letter.symbol,
        result="rejected",
        note="Chưa đủ tiêu chuẩn.",
    )
    approved = {"result": "approved", "decision_number": "88/QĐ-UBND", "decision_date": dt.date(2026, 12, 20)}
    with pytest.raises(errors.Conflict):  # the whole letter approved contradicts it: nothing recorded
        process.province_letter_decision_receive(actor=province, submission=letter.symbol, **approved)
    assert _statuses(dossiers) == [DossierStatus.REJECTED, DossierStatus.FORWARDED, DossierStatus.FORWARDED]
    assert not AwardRecord.objects.filter(dossier__in=dossiers).exists()

    with CaptureQueriesContext(connection) as answered:  # the same answer for the letter: the others get it
        done = process.province_letter_decision_receive(
            actor=province, submission=letter.symbol, result="rejected", note="Chưa đủ tiêu chuẩn."
        )
    assert [(d.pk, created) for d, created in done] == [
        (dossiers[0].pk, False),
        (dossiers[1].pk, True),
        (dossiers[2].pk, True),
    ]
    assert _statuses(dossiers) == [DossierStatus.REJECTED] * 3
    assert [process.open_task(d, "record_province") for d in dossiers] == [None] * 3
    # one transaction for the letter: its locks, reads, the flow's writes and the departments' notices together
    # (savepoints included); each dossier's own writes: its status, its process ended
    assert len(answered.captured_queries) <= 17 + 2 * 2, [q["sql"][:90] for q in answered.captured_queries]

    again = process.province_letter_decision_receive(  # sent again: nothing changes
        actor=province, submission=letter.symbol, result="rejected", note="Chưa đủ tiêu chuẩn."
    )
    assert [created for _d, created in again] == [False] * 3
    for dossier in dossiers:
        assert dossier.events.filter(step="record_province").count() == 1
