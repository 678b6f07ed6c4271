"""The working-day calendar over real Vietnamese dates (the `holidays` library plus the administrator's days)."""

from datetime import date, datetime

import pytest

from ground.audit.models import AuditEvent
from ground.workdays import services as cal
from ground.workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


def test_tet_nguyen_dan_2026_and_the_april_may_holidays():
    assert [cal.is_working_day(date(2026, 2, d)) for d in range(13, 24)] == [
        True,  # Fri 13/02
        False,  # Sat
        False,  # Sun
        False,  # 16/02 Lunar New Year's Eve
        False,  # 17/02 Tết
        False,
        False,
        False,  # 20/02
        False,  # Sat
        False,  # Sun
        True,  # Mon 23/02
    ]
    assert cal.add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 25)) == 3
    # Giỗ Tổ Hùng Vương (Sun 26/04, observed Mon 27/04), 30/4 and 1/5.
    assert cal.add_working_days(date(2026, 4, 24), 5) == date(2026, 5, 6)
    assert cal.add_working_days(date(2026, 5, 6), -5) == date(2026, 4, 24)
    assert not cal.is_working_day(date(2026, 9, 2)) and not cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2026, 1, 1))


def test_end_of_working_day_is_17h_in_ho_chi_minh_city():
    end = cal.end_of_working_day(date(2026, 2, 25))
    assert end.isoformat() == "2026-02-25T17:00:00+07:00"
    assert end.astimezone(cal.LOCAL).utcoffset().total_seconds() == 7 * 3600
    assert cal.local_date(datetime.fromisoformat("2026-02-25T18:30:00+00:00")) == date(2026, 2, 26)


def test_administrator_swaps_a_make_up_saturday_and_adds_a_day_off(client, people):
    # 22/08/2026 is the Saturday worked in exchange for Monday 31/08.
    assert not cal.is_working_day(date(2026, 8, 22))
    client.force_login(people["admin"])  # the administrator role (staff, not a superuser)
    response = client.post(
        "/admin/workdays/calendarday/add/",
        {"date": "2026-08-22", "kind": "working", "note": "Làm bù cho ngày 31/8", "organisation": ""},
    )
    assert response.status_code == 302 and "/login" not in response["Location"], response.content.decode()[:1500]
    assert cal.is_working_day(date(2026, 8, 22)), list(CalendarDay.objects.values())
    assert cal.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    org = people["org"]
    CalendarDay.objects.create(organisation=org, date=date(2026, 3, 9), kind="holiday", note="Kỷ niệm thành lập")
    assert not cal.is_working_day(date(2026, 3, 9), org.pk)
    assert cal.is_working_day(date(2026, 3, 9))  # only this organisation
    assert AuditEvent.objects.filter(action="calendarday_created", actor__isnull=False).count() == 1  # the admin's
