"""The statements each step of a dossier costs, pinned so that they cannot grow unnoticed (bench/throughput.py
measures the whole; issue 18).

A transactional test: each service commits as in production (the audit chain is appended just before COMMIT), so
the counts are the production ones. The users are read once, as a request or a task reads its user once.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council.services import ballots, sessions
from domain.dossiers.models import DossierStatus
from domain.dossiers.services import documents
from domain.dossiers.services import dossiers as dossier_svc
from domain.province.stub import ProvinceStub
from ground.audit.services import audit_verify
from ground.organisation.models import StaffMember
from process.workflows import council
from process.workflows import services as process
from process.workflows.flows import DossierFlow
from tests.helpers import PDF

pytestmark = pytest.mark.django_db(transaction=True)

# Statements per step, as measured when pinned (issue 18). Lower them when a step gets cheaper.
MAX = {
    "create": 9,
    "upload": 9,
    "submit": 16,
    "check": 25,
    "session": 60,
    "vote": 4,
    "close": 12,
    "conclude": 80,
    "sweep": 30,
    "sign": 45,
    "forward": 40,
    "province": 38,
}


def _task(dossier, node):
    return (
        Task.objects.filter(process__dossierprocess__dossier=dossier, flow_task=node)
        .exclude(status__in=["DONE", "CANCELED"])
        .values_list("pk", flat=True)
        .first()
    )


def test_statements_of_each_step(people, settings, django_assert_max_num_queries):
    head, sec, principal, province = (
        people[k] for k in ("truongkhoa.llcs", "thuongtruc", "hieutruong", "tinh")
    )
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
            ctx = (lambda step: django_assert_max_num_queries(MAX[step])) if counted else (lambda step: _nothing())
            with ctx("create"):
                d = dossier_svc.dossier_create(
                    acting_user=head, period_year=2026, award_code="BANGKHEN_TINH", nominee_kind="person",
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
        with django_assert_max_num_queries(MAX["session"]):
            session = sessions.session_create(
                acting_user=sec, period=made[0].period, title="Phiên", meeting_date=timezone.localdate(),
                dossier_ids=[d.pk for d in made],
            )
        seats = list(session.council.members.values_list("pk", flat=True))
        sessions.attendance_record(acting_user=sec, session_id=session.pk, present_member_ids=seats)
        sessions.session_open(acting_user=sec, session_id=session.pk)
        for ballot_id in session.ballots.values_list("pk", flat=True):
            for user in members:
                with django_assert_max_num_queries(MAX["vote"]):
                    ballots.vote_cast(acting_user=user, ballot_id=ballot_id, choice="approve")
            with django_assert_max_num_queries(MAX["close"]):
                ballots.ballot_close(acting_user=sec, ballot_id=ballot_id)
        with django_assert_max_num_queries(MAX["conclude"]):
            council.session_conclude(acting_user=sec, session_id=session.pk)
        last = session.postings.order_by("-closes_at").values_list("closes_at", flat=True).first()
        with django_assert_max_num_queries(MAX["sweep"]):
            assert council.postings_close_due(now=last + timedelta(seconds=1)) == len(made)
        for i, d in enumerate(made):
            counted = i == len(made) - 1
            ctx = (lambda step: django_assert_max_num_queries(MAX[step])) if counted else (lambda step: _nothing())
            with ctx("sign"):
                process.task_complete(
                    acting_user=principal, task_id=_task(d, DossierFlow.sign_submission), action="sign"
                )
            with ctx("forward"):
                process.job_forward_to_province(_task(d, DossierFlow.forward))
            symbol = d.issued_documents.get().symbol
            with ctx("province"):
                process.province_decision_receive(
                    actor=province, dossier_reference=d.reference, submission=symbol, result="approved",
                    decision_number=f"{d.pk}/QĐ-UBND", decision_date=timezone.localdate(),
                )
            d.refresh_from_db()
            assert d.status == DossierStatus.AWARDED
    finally:
        stub.server.shutdown()
    assert audit_verify()["ok"]


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
