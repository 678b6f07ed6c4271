"""The period's hard dates: late drafts are closed with notice; dossiers that will miss the province are flagged."""

from datetime import date

import pytest

from domain.dossiers.models import DossierStatus
from ground.notifications.models import Notification
from ground.organisation.models import Period
from tests.deadlines.timeline import at, sweep_at, travel
from tests.helpers import login, member, nominate, open_task, submit

pytestmark = pytest.mark.django_db


def test_drafts_past_nominations_close_are_closed_as_late_with_notice(client, people, mailoutbox):
    Period.objects.filter(year=2026).update(nominations_close=date(2026, 3, 10))
    head = people["truongkhoa.llcs"]
    with travel(at(2026, 3, 2)):
        draft = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
        sent = nominate(client, head, award="LDTT", person=member(people, "llcs"))
        submit(client, head, sent)
    sweep_at(at(2026, 3, 10, 16))  # the closing day itself is still open
    draft.refresh_from_db()
    assert draft.status == DossierStatus.DRAFT
    sweep_at(at(2026, 3, 11, 0, 5))
    sweep_at(at(2026, 3, 11, 0, 6))  # twice: still one event, one notice
    draft.refresh_from_db()
    sent.refresh_from_db()
    assert draft.status == DossierStatus.LATE and sent.status == DossierStatus.SUBMITTED
    assert list(draft.events.filter(action="dossier_closed_late").values_list("actor", flat=True)) == [None]
    notice = Notification.objects.get(kind="late")
    assert notice.recipient == head and draft.reference in notice.title
    with travel(at(2026, 3, 11, 9)):
        page = login(client, head).get(f"/dossiers/{draft.pk}/").content.decode()
        assert "Đã đóng do quá hạn" in page
        # A late dossier can no longer be submitted.
        submit(client, head, draft)
    draft.refresh_from_db()
    assert draft.status == DossierStatus.LATE


def test_province_award_that_cannot_make_the_province_date_is_flagged_ahead(client, people):
    # Check 3 + council 10 + signature 3 working days from 02/03 end on 26/03, after the province's 20/03.
    Period.objects.filter(year=2026).update(province_submission_date=date(2026, 3, 20))
    head, sec = people["truongkhoa.llcs"], people["thuongtruc"]
    with travel(at(2026, 3, 2)):
        late = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "llcs"))
        submit(client, head, late)
        school = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
        submit(client, head, school)
    assert open_task(late).deadline.province_risk and not open_task(school).deadline.province_risk
    warning = Notification.objects.get(kind="province_risk")
    assert warning.recipient == sec and late.reference in warning.title
    assert late.events.filter(action="province_date_at_risk").count() == 1
    with travel(at(2026, 3, 3)):
        page = login(client, sec).get(f"/dossiers/{late.pk}/").content.decode()
    assert "sẽ trễ hạn nộp cấp tỉnh" in page


def test_administrator_sets_hard_dates_and_a_service_level_per_award(client, people):
    from ground.audit.models import AuditEvent
    from ground.organisation.models import AwardType
    from ground.workdays.services import LOCAL

    head = people["truongkhoa.llcs"]
    with travel(at(2026, 3, 2)):
        province = nominate(client, head, award="BANGKHEN_TINH", person=member(people, "llcs"))
        submit(client, head, province)
    assert not open_task(province).deadline.province_risk
    client.force_login(people["admin"])  # the administrator role: periods and service levels are its data
    period = Period.objects.get(year=2026)
    response = client.post(
        f"/admin/organisation/period/{period.pk}/change/",
        {
            "organisation": period.organisation_id,
            "year": 2026,
            "is_open": "on",
            "nominations_close": "10/03/2026",
            "province_submission_date": "20/03/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    period.refresh_from_db()
    assert (period.nominations_close, period.province_submission_date) == (date(2026, 3, 10), date(2026, 3, 20))
    # The open province dossier is re-checked against the new date and flagged.
    assert open_task(province).deadline.province_risk
    assert Notification.objects.filter(kind="province_risk", dossier=province).count() == 1
    ldtt = AwardType.objects.filter(code="LDTT").order_by("-id").first()
    response = client.post(
        "/admin/deadlines/servicelevel/add/",
        {
            "step": "check_completeness",
            "award": ldtt.pk,
            "period": "",
            "effective_from": "01/01/2026",
            "working_days": 1,
            "remind_before": 0,
            "remind_every": 2,
            "escalate_after": 3,
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {"period_changed", "servicelevel_created"}
    with travel(at(2026, 2, 13)):
        fast = nominate(client, head, award="LDTT", person=member(people, "llcs"))
        submit(client, head, fast)
        usual = nominate(client, head, award="CSTDCS", person=member(people, "llcs"))
        submit(client, head, usual)
    assert open_task(fast).deadline.due_at.astimezone(LOCAL) == at(2026, 2, 23, 17)
    assert open_task(usual).deadline.due_at.astimezone(LOCAL) == at(2026, 2, 25, 17)
