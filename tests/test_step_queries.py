"""The statements each step of a dossier costs, pinned so that they cannot grow unnoticed (bench/throughput.py
measures the whole; issue 18).

A transactional test: each service commits as in production (the audit chain is appended just before COMMIT), so
the counts are the production ones. The users are read once, as a request or a task reads its user once.
"""

import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council.services import ballots, sessions
from domain.deadlines.models import TaskDeadline
from domain.dossiers.models import DossierStatus
from domain.dossiers.services import documents
from domain.dossiers.services import dossiers as dossier_svc
from domain.official.batches import batch_draft, batch_send
from domain.province.stub import ProvinceStub
from ground.audit.services import audit_verify
from ground.base import reference
from ground.organisation.models import StaffMember
from process.workflows import batches, council
from process.workflows import services as process
from process.workflows.flows import DossierFlow
from tests.helpers import PDF

# The jobs are run by the test itself; no worker reads its messages (tests/conftest.py), whose lock would meet a
# counted step: a refused NOWAIT attempt and its rollback, two statements more.
pytestmark = pytest.mark.django_db(transaction=True)

# Statements per step, as measured when pinned (issue 18). Lower them when a step gets cheaper.
MAX = {
    # one dossier (BEGIN and COMMIT not counted)
    "create": 6,  # the award from the catalog kept in memory
    "upload": 4,
    "submit": 9,
    "check": 8,
    "vote": 3,
    "close": 5,
    "sign": 30,  # the batch document's signature (issue 15); + the department head told, once (issue 16: 3)
    "issue": 26,  # the records clerk: number, date and the organisation's signature
    "forward": 28,  # the letter's package sent (its dossiers, their nominees and documents in three queries),
    # its dossiers read to trace the attempt on each; its other
    # dossiers' jobs, read and locked in one statement, done with it
    "province": 15,  # + the department head told of the province's decision, once (issue 16); gateway and end: 1
    # a session of two dossiers
    "session": 17,  # + the school regulation in force, copied onto the session (issue 20)
    "conclude": 34,  # the tasks the conclusion finishes, reaches and passes: one update, one insert for the session
    "sweep": 10,  # set-based: entries, dossiers, tasks read together; tasks finished in one update, passed in one;
    # the next tasks' deadlines in one insert
}


def _task(dossier, node):
    return (
        Task.objects.filter(process__dossierprocess__dossier=dossier, flow_task=node)
        .exclude(status__in=["DONE", "CANCELED"])
        .values_list("pk", flat=True)
        .first()
    )


def test_statements_of_each_step(people, settings, monkeypatch):
    # The steady state: the reference tables read once (a slow run must not outlive their copies' safety expiry).
    monkeypatch.setattr(reference, "MAX_AGE", 3600.0)
    counts = {}

    head, sec, principal, province = (people[k] for k in ("truongkhoa.llcs", "thuongtruc", "hieutruong", "tinh"))
    members = [people[f"hoidong{i}"] for i in range(1, 8)] + [sec]
    stub = ProvinceStub(secret=settings.PROVINCE_SECRET).start()
    settings.PROVINCE_ENDPOINT = stub.url
    people_ = StaffMember.objects.bulk_create(
        StaffMember(organisation=people["org"], department=head.staff.department, full_name=f"Người {i}")
        for i in range(2)
    )
    try:
        made = []
        for i, person in enumerate(people_):
            # The first dossier warms the process's caches (templates, translations, permissions); the second counts.
            counted = i == len(people_) - 1
            ctx = (lambda step: _Count(counts, step)) if counted else (lambda step: _nothing())
            with ctx("create"):
                d = dossier_svc.dossier_create(
                    acting_user=head,
                    period_year=2026,
                    award_code="BANGKHEN_TINH",
                    nominee_kind="person",
                    nominee_id=person.pk,
                )
            with ctx("upload"):
                documents.document_upload(
                    acting_user=head, dossier_id=d.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
                )
            with ctx("submit"):
                process.dossier_submit(acting_user=head, dossier_id=d.pk)
            check = _task(d, DossierFlow.check_completeness)
            with ctx("check"):
                process.task_complete(acting_user=sec, task_id=check, action="accept")
            made.append(d)
        with _Count(counts, "session"):
            session = sessions.session_create(
                acting_user=sec,
                period=made[0].period,
                title="Phiên",
                meeting_date=timezone.localdate(),
                dossier_ids=[d.pk for d in made],
            )
        seats = list(session.council.members.values_list("pk", flat=True))
        sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=seats)
        sessions.session_open(acting_user=sec, session_id=session.pk)
        for n, ballot_id in enumerate(session.ballots.order_by("pk").values_list("pk", flat=True)):
            for user in members:
                # Counted once each member's permissions are read (a request reads them once, with its user).
                with _Count(counts, "vote") if n else _nothing():
                    ballots.vote_cast(acting_user=user, ballot_id=ballot_id, choice="approve")
            with _Count(counts, "close"):
                ballots.ballot_close(acting_user=sec, ballot_id=ballot_id)
        with _Count(counts, "conclude"):
            council.session_conclude(acting_user=sec, session_id=session.pk)
        last = session.postings.order_by("-closes_at").values_list("closes_at", flat=True).first()
        with _Count(counts, "sweep"):
            assert council.postings_close_due(now=last + timedelta(seconds=1)) == len(made)
        for i, d in enumerate(made):
            counted = i == len(made) - 1
            ctx = (lambda step: _Count(counts, step)) if counted else (lambda step: _nothing())
            # the batch path (issue 15): a letter for this dossier, signed once, then numbered and sealed
            (letter,) = batch_draft(acting_user=sec, dossier_ids=[d.pk])
            batch_send(acting_user=sec, document_id=letter.pk)
            with ctx("sign"):
                batches.batch_sign(acting_user=principal, document_id=letter.pk, confirm="demo")
            with ctx("issue"):
                batches.batch_issue(acting_user=people["vanthu"], document_id=letter.pk)
            with ctx("forward"):
                process.job_forward_to_province(_task(d, DossierFlow.forward))
            symbol = d.issued_documents.get().symbol
            with ctx("province"):
                process.province_decision_receive(
                    actor=province,
                    dossier_reference=d.reference,
                    submission=symbol,
                    result="approved",
                    decision_number=f"{d.pk}/QĐ-UBND",
                    decision_date=timezone.localdate(),
                )
            d.refresh_from_db()
            assert d.status == DossierStatus.AWARDED
    finally:
        stub.server.shutdown()
    assert audit_verify()["ok"]
    # Every task but a start follows the one before it, once (the links written together: nodes.links_together).
    tasks = Task.objects.filter(process__dossierprocess__dossier__in=made)
    assert not tasks.exclude(flow_task=DossierFlow.start).filter(previous__isnull=True).exists()
    assert Task.previous.through.objects.filter(from_task__in=tasks).count() == tasks.count() - len(made)
    # Each has its node's type, those inserted together too (viewflow's ``save`` sets it; a bulk insert does not);
    # each finished one has its end, and a human one its deadline closed, those finished together too.
    assert all(task.flow_task_type == task.flow_task.task_type for task in tasks)
    assert not tasks.filter(status="DONE", finished__isnull=True).exists()
    assert not TaskDeadline.objects.filter(task__in=tasks.filter(status="DONE"), closed_at__isnull=True).exists()
    over = {step: (n, MAX[step]) for step, n in counts.items() if n > MAX[step]}
    assert over == {}, f"statements (done, allowed) over the pinned counts: {over}; all: {counts}"


class _Count:
    """Count the statements of one step (the largest, for a step done several times, e.g. a vote)."""

    def __init__(self, counts, step):
        self.counts, self.step = counts, step

    def __enter__(self):
        self.ctx = CaptureQueriesContext(connection)
        self.ctx.__enter__()
        return self

    def __exit__(self, *exc):
        self.ctx.__exit__(*exc)
        done = [q for q in self.ctx.captured_queries if q["sql"] not in ("BEGIN", "COMMIT")]  # the transaction's edges
        if os.environ.get("STEP_SQL_DUMP"):  # a folder: each step's statements written there, to see what to cut
            with open(os.path.join(os.environ["STEP_SQL_DUMP"], f"{self.step}.sql"), "w") as out:
                out.write("\n".join(q["sql"] for q in done))
        self.counts[self.step] = max(self.counts.get(self.step, 0), len(done))
        return False


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
