"""Fixtures of the council's tests: accepted dossiers made through the services, and a session to vote in."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from viewflow.workflow.models import Task

from domain.council.models import CouncilMember
from domain.council.services import sessions
from domain.dossiers.services import documents, dossiers
from ground.organisation.models import StaffMember
from process.workflows import services as process

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def accepted(people):
    """``accepted(award, dept="llcs", person=None)``: a dossier nominated, submitted and accepted for the council."""
    heads = {"llcs": people["truongkhoa.llcs"], "xdd": people["truongkhoa.xdd"]}

    def make(award, dept="llcs", person=None, collective=False):
        head = heads[dept]
        if person is None and not collective:
            person = StaffMember.objects.filter(department=people["depts"][dept], user__isnull=True).first()
        nominee = people["depts"][dept] if collective else person
        dossier = dossiers.dossier_create(
            acting_user=head,
            period_year=2026,
            award_code=award,
            nominee_kind="department" if collective else "person",
            nominee_id=nominee.pk,
        )
        documents.document_upload(
            acting_user=head, dossier_id=dossier.pk, kind="achievement_report", uploaded=ContentFile(PDF, "r.pdf")
        )
        process.dossier_submit(acting_user=head, dossier_id=dossier.pk)
        task = Task.objects.get(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW")
        process.task_complete(acting_user=people["thuongtruc"], task_id=task.pk, action="accept")
        dossier.refresh_from_db()
        return dossier

    return make


@pytest.fixture
def staff(people):
    """``staff(dept)``: the department's members without a login (nominees)."""
    return lambda dept: list(StaffMember.objects.filter(department=people["depts"][dept], user__isnull=True))


def seats(session):
    return {m.user.username: m for m in CouncilMember.objects.filter(council=session.council).select_related("user")}


def new_session(people, dossiers_, **kw):
    return sessions.session_create(
        acting_user=people["thuongtruc"],
        period=dossiers_[0].period,
        title=kw.pop("title", "Phiên họp thử"),
        meeting_date=timezone.localdate(),
        dossier_ids=[d.pk for d in dossiers_],
        **kw,
    )


def open_session(people, dossiers_, absent=()):
    """A session with everyone present but ``absent``, opened for voting."""
    session = new_session(people, dossiers_)
    present = [m.pk for name, m in seats(session).items() if name not in absent]
    sessions.attendance_record(acting_user=people["thuongtruc"], session_id=session.pk, present_member_ids=present)
    return sessions.session_open(acting_user=people["thuongtruc"], session_id=session.pk)
