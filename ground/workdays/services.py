"""The working-day calendar (lịch ngày làm việc): the one module that knows which days count.

A working day is Monday to Friday, except Vietnamese public holidays (Tết Dương lịch, Tết Nguyên đán,
Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh and the days the government swaps, all from the maintained
``holidays`` library, lunar dates included), with the administrator's own days (``CalendarDay``) on top.
A deadline ends at 17:00 Asia/Ho_Chi_Minh of its working day.
"""

import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import holidays

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = (17, 0)
START_OF_DAY = (8, 0)
_OVERRIDES_TTL = 60.0  # seconds another process may keep an old copy of the administrator's days

_lock = threading.Lock()
_national = {}  # year -> set of dates
_overrides = {}  # (organisation_id, year) -> (loaded_at, {date: kind})


def _national_holidays(year):
    with _lock:
        if year not in _national:
            _national[year] = set(holidays.country_holidays("VN", years=[year]).keys())
        return _national[year]


def _admin_days(organisation_id, year):
    key = (organisation_id, year)
    cached = _overrides.get(key)
    if cached and time.monotonic() - cached[0] < _OVERRIDES_TTL:
        return cached[1]
    from .models import CalendarDay

    rows = CalendarDay.objects.filter(date__year=year)
    if organisation_id is None:
        rows = rows.filter(organisation__isnull=True)
    else:
        rows = rows.filter(organisation_id__in=[organisation_id]) | rows.filter(organisation__isnull=True)
    days = {}
    # The organisation's own entry wins over an all-organisation one.
    for day, kind, org in rows.values_list("date", "kind", "organisation_id").order_by("organisation_id"):
        if org is None and day in days:
            continue
        days[day] = kind
    _overrides[key] = (time.monotonic(), days)
    return days


def clear_cache():
    """Called when the administrator changes a day (and by tests)."""
    _overrides.clear()


def is_working_day(day, organisation_id=None):
    kind = _admin_days(organisation_id, day.year).get(day)
    if kind is not None:
        return kind == "working"
    return day.weekday() < 5 and day not in _national_holidays(day.year)


def add_working_days(day, n, organisation_id=None):
    """The n-th working day after ``day`` (before it when n < 0); ``day`` itself never counts."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = day
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current, organisation_id):
            remaining -= 1
    return current


def next_working_day(day, organisation_id=None):
    """``day`` when it is a working day, else the next one."""
    while not is_working_day(day, organisation_id):
        day += timedelta(days=1)
    return day


def working_days_between(start, end, organisation_id=None):
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end < start:
        return -working_days_between(end, start, organisation_id)
    return sum(
        1 for i in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=i), organisation_id)
    )


def end_of_working_day(day):
    """17:00 Asia/Ho_Chi_Minh on ``day``, as an aware datetime."""
    return datetime(day.year, day.month, day.day, *END_OF_DAY, tzinfo=LOCAL)


def start_of_working_day(day):
    """08:00 Asia/Ho_Chi_Minh on ``day``: when the day's reminders go out."""
    return datetime(day.year, day.month, day.day, *START_OF_DAY, tzinfo=LOCAL)


def local_date(moment):
    return moment.astimezone(LOCAL).date() if isinstance(moment, datetime) else moment


def today():
    from django.utils import timezone

    return local_date(timezone.now())


def posting_window(start, working_days, organisation_id=None):
    """Công khai: (first day, last day, closing time) of a list posted at ``start`` for n working days.

    The day of posting does not count; the window ends at the end (17:00) of its n-th working day.
    """
    day = local_date(start)
    opens_on = add_working_days(day, 1, organisation_id)
    closes_on = add_working_days(day, working_days, organisation_id)
    return opens_on, closes_on, end_of_working_day(closes_on)
