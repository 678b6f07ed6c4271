"""Public posting: the window in working days, objections that suspend a dossier, upheld or dismissed."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from viewflow.workflow.models import Task

from domain.council.models import Objection
from domain.council.services import ballots
from domain.dossiers.models import DossierStatus
from ground.base import errors
from process.workflows import council as process
from process.workflows import services as flow
from tests.council.conftest import open_session

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(*args):
    return datetime(*args, tzinfo=VN)


def _select(people, dossiers):
    """Every member approves; the session concludes: the dossiers are posted."""
    session = open_session(people, dossiers)
    for ballot in session.ballots.all():
        for row in session.attendance.filter(present=True):
            ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice="approve")
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)
    return session


def _human(dossier):
    return Task.objects.filter(process__dossierprocess__dossier=dossier, flow_task_type="HUMAN", status="NEW").first()


def _decide(people, dossier, action, reason, **fields):
    task = _human(dossier)
    assert task.flow_task.name == "resolve_objection"
    flow.task_complete(acting_user=people["thuongtruc"], task_id=task.pk, action=action, comment=reason, fields=fields)
    dossier.refresh_from_db()


def test_posting_window_opens_and_closes_on_working_days(people, accepted, staff):
    llcs = staff("llcs")
    with time_machine.travel(_at(2026, 4, 29, 9, 0), tick=False):  # Wednesday before 30/4 and 1/5
        school, state = accepted("LDTT", person=llcs[0]), accepted("BANGKHEN_TINH", person=llcs[1])
        session = _select(people, [school, state])
    posts = {p.dossier_id: p for p in session.postings.all()}
    # Thu 30/4 and Fri 1/5 are holidays, then a weekend: the first day is Monday 4/5.
    assert (posts[school.pk].opens_on, posts[school.pk].closes_on) == (date(2026, 5, 4), date(2026, 5, 8))
    assert (posts[state.pk].opens_on, posts[state.pk].closes_on) == (date(2026, 5, 4), date(2026, 5, 15))
    assert posts[school.pk].closes_at == _at(2026, 5, 8, 17, 0)

    assert process.postings_close_due(now=_at(2026, 5, 8, 16, 59)) == 0  # not before
    school.refresh_from_db()
    assert school.status == DossierStatus.POSTED and _human(school) is None
    with time_machine.travel(_at(2026, 5, 8, 17, 5), tick=False):
        from process.workflows.tasks import close_postings

        assert close_postings.apply().get() == 1  # the beat job: only the school's window has ended
        assert close_postings.apply().get() == 0  # and again: nothing more (idempotent)
    school.refresh_from_db(), state.refresh_from_db()
    assert (school.status, state.status) == (DossierStatus.APPROVED, DossierStatus.POSTED)
    assert _human(school).flow_task.name == "sign_decision"
    assert process.postings_close_due(now=_at(2026, 5, 15, 17, 1)) == 1
    state.refresh_from_db()
    assert state.status == DossierStatus.APPROVED and _human(state).flow_task.name == "sign_submission"


def test_objections_upheld_and_dismissed(people, accepted, staff):
    llcs = staff("llcs")
    upheld, dismissed = accepted("LDTT", person=llcs[0]), accepted("LDTT", person=llcs[1])
    _select(people, [upheld, dismissed])
    canbo, head = people["canbo"], people["truongkhoa.xdd"]

    with pytest.raises(errors.NotAllowed):  # auditors stay read-only
        process.objection_file(acting_user=people["kiemtra"], dossier_id=upheld.pk, text="Phản ánh của kiểm tra.")
    with pytest.raises(errors.InvalidInput):
        process.objection_file(acting_user=canbo, dossier_id=upheld.pk, text="ngắn")
    text = "Đồng chí đang bị xem xét kỷ luật, đề nghị làm rõ."
    first = process.objection_file(acting_user=canbo, dossier_id=upheld.pk, text=text)
    again = process.objection_file(acting_user=canbo, dossier_id=upheld.pk, text=text)  # a double submit
    assert first == again and Objection.objects.filter(dossier=upheld).count() == 1
    assert (first.signed_name, first.signed_position) == ("Lê Thị Thanh Hà", "Giảng viên")
    upheld.refresh_from_db()
    assert upheld.status == DossierStatus.SUSPENDED
    with pytest.raises(errors.InvalidInput):  # a decision needs its reasons
        _decide(people, upheld, "uphold", "")
    _decide(people, upheld, "uphold", "Xác minh: đang bị xem xét kỷ luật.")
    assert upheld.status == DossierStatus.REJECTED and upheld.process.status == "DONE"
    assert Objection.objects.get(pk=first.pk).status == Objection.Status.UPHELD

    a = process.objection_file(acting_user=canbo, dossier_id=dismissed.pk, text="Thành tích chưa đúng thực tế.")
    b = process.objection_file(acting_user=head, dossier_id=dismissed.pk, text="Chưa đủ số năm công tác.")
    dismissed.refresh_from_db()
    assert dismissed.status == DossierStatus.SUSPENDED
    _decide(people, dismissed, "dismiss", "Đã xác minh, thành tích đúng.", objection=a.pk)
    assert dismissed.status == DossierStatus.SUSPENDED  # the second objection still waits
    _decide(people, dismissed, "dismiss", "Đủ số năm công tác.", objection=b.pk)
    assert dismissed.status == DossierStatus.POSTED  # back on the list while the window is open
    assert _human(dismissed) is None
    entry = dismissed.postings.get()
    assert process.postings_close_due(now=entry.closes_at) == 1
    dismissed.refresh_from_db()
    assert dismissed.status == DossierStatus.APPROVED and _human(dismissed).flow_task.name == "sign_decision"
    with pytest.raises(errors.PostingClosed):
        process.objection_file(acting_user=canbo, dossier_id=dismissed.pk, text="Phản ánh sau thời hạn công khai.")


def test_dismissed_after_the_window_goes_straight_to_the_principal(people, accepted):
    dossier = accepted("LDTT")
    _select(people, [dossier])
    process.objection_file(acting_user=people["canbo"], dossier_id=dossier.pk, text="Đề nghị Hội đồng xem xét lại.")
    entry = dossier.postings.get()
    assert process.postings_close_due(now=entry.closes_at) == 0  # suspended: it waits for the decision
    with time_machine.travel(entry.closes_at, tick=False):
        _decide(people, dossier, "dismiss", "Không có căn cứ.")
    assert dossier.status == DossierStatus.APPROVED and _human(dossier).flow_task.name == "sign_decision"


def test_who_objected_is_known_to_the_secretariat_not_to_the_department(client, people, accepted):
    dossier = accepted("LDTT")
    _select(people, [dossier])
    process.objection_file(acting_user=people["canbo"], dossier_id=dossier.pk, text="Đề nghị Hội đồng xem xét lại.")
    name = "Lê Thị Thanh Hà"
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    client.force_login(head)
    page = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Đề nghị Hội đồng xem xét lại." in page and name not in page
    history = client.get(f"/api/v1/dossiers/{dossier.pk}/history/?page_size=200").json()["results"]
    filed = next(e for e in history if e["action"] == "objection_filed")
    assert name not in str(filed) and "canbo" not in str(filed)
    assert name not in str(client.get(f"/api/v1/dossiers/{dossier.pk}/objections/").json())
    client.force_login(sec)
    assert name in client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert name in str(client.get(f"/api/v1/dossiers/{dossier.pk}/objections/").json())


def test_the_people_concerned_are_told(people, accepted):
    from ground.notifications.models import Notification

    dossier = accepted("LDTT")
    _select(people, [dossier])
    called = Notification.objects.filter(kind="council", link__endswith="/", recipient=people["hoidong1"])
    assert called.filter(link__contains="/council/").count() == 2  # called to the session, then to vote
    head = people["truongkhoa.llcs"]
    result = Notification.objects.get(kind="council_result", recipient=head)
    assert dossier.reference in result.title and result.link == f"/dossiers/{dossier.pk}/"
    process.objection_file(acting_user=people["canbo"], dossier_id=dossier.pk, text="Đề nghị Hội đồng xem xét lại.")
    told = set(Notification.objects.filter(kind="objection").values_list("recipient__username", flat=True))
    assert told == {"thuongtruc", "truongkhoa.llcs"}
    assert not Notification.objects.filter(kind="objection", body__contains="Lê Thị Thanh Hà").exists()
