"""The staff's posted list, their home page and the public page agree (one rule: ``council.selectors.posted_now_q``):
a list concluded today is posted from the next working day; until then it is "posted from <date>", not "posted",
and the public page does not show it; from 17:00 of its last day it is posted no more."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from domain.council.models import PostingEntry
from domain.council.services import ballots
from process.workflows import council as process
from tests.council.conftest import open_session

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _select(people, dossiers):
    """Every member approves; the session concludes: the dossiers are posted (from the next working day)."""
    session = open_session(people, dossiers)
    for ballot in session.ballots.all():
        for row in session.attendance.filter(present=True):
            ballots.vote_cast(acting_user=row.member.user, ballot_id=ballot.pk, choice="approve")
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)
    return session


def _staff_list(client, people):
    """{dossier id: (phase, the row's HTML)} of ``/council/posting/`` as ``canbo`` reads it."""
    client.force_login(people["canbo"])
    page = client.get("/council/posting/")
    assert page.status_code == 200
    html = page.content.decode()
    rows = re.findall(
        r'<tr id="entry-\d+" data-entry="\d+" data-dossier="(\d+)" data-status="\w+" data-phase="(\w+)">(.*?)</tr>',
        html,
        re.S,
    )
    return {int(dossier): (phase, row) for dossier, phase, row in rows}


def _public(client):
    client.logout()
    page = client.get("/public/")
    assert page.status_code == 200
    return page.content.decode()


def _home(client, people):
    client.force_login(people["canbo"])
    return client.get("/home/").content.decode()


def test_the_staff_list_and_the_public_page_agree_on_what_is_posted(client, people, accepted, staff, settings):
    settings.PUBLIC_PAGE_ENABLED = True
    nominees = sorted(staff("llcs"), key=lambda p: p.pk)[:2]
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=VN), tick=False):  # Wednesday
        dossiers = [accepted("LDTT", person=p) for p in nominees]
        _select(people, dossiers)
    entry = PostingEntry.objects.get(dossier=dossiers[0])
    assert (entry.opens_on.isoformat(), entry.closes_on.isoformat()) == ("2026-12-03", "2026-12-09")
    names = [p.full_name for p in nominees]

    # the day the session concluded: the list is not posted yet; it is posted from tomorrow
    with time_machine.travel(datetime(2026, 12, 2, 15, 0, tzinfo=VN), tick=False):
        rows = _staff_list(client, people)
        public = _public(client)
        home = _home(client, people)
    for dossier in dossiers:
        phase, row = rows[dossier.pk]
        assert phase == "upcoming" and "Công khai từ ngày 03/12/2026" in row and "Đang công khai" not in row
    assert "Hiện không có danh sách nào đang công khai." in public
    assert not any(name in public for name in names)
    assert "Công khai từ ngày 03/12/2026" in home

    # its first day: posted on both pages
    with time_machine.travel(datetime(2026, 12, 3, 8, 0, tzinfo=VN), tick=False):
        rows = _staff_list(client, people)
        public = _public(client)
        home = _home(client, people)
    for dossier in dossiers:
        phase, row = rows[dossier.pk]
        assert phase == "open" and "Đang công khai" in row and "Công khai từ ngày" not in row
    assert all(name in public for name in names) and "03/12/2026" in public and "09/12/2026" in public
    assert "Công khai từ ngày" not in home

    # 17:00 of its last day, before the sweep closes the entries: over on both pages
    with time_machine.travel(datetime(2026, 12, 9, 17, 30, tzinfo=VN), tick=False):
        rows = _staff_list(client, people)
        public = _public(client)
    for dossier in dossiers:
        phase, row = rows[dossier.pk]
        assert phase == "over" and "Hết thời hạn công khai" in row and "Đang công khai" not in row
    assert not any(name in public for name in names)
