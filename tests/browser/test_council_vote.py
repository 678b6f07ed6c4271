"""A council member votes on a secret ballot in a real browser and reads the receipt code on screen."""

import re

import pytest

from domain.council.models import Ballot, Participation
from interfaces.demo.seed import run_session
from tests.browser.test_ui import _login, browser  # noqa: F401  (the module's Chromium fixture)
from tests.helpers import act, member, nominate, submit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_a_member_votes_on_a_secret_ballot_and_sees_the_receipt(browser, live_server, client, people):  # noqa: F811
    head = people["truongkhoa.llcs"]
    dossier = nominate(client, head, award="CSTD_TINH", person=member(people, "llcs"))
    submit(client, head, dossier)
    act(client, people["thuongtruc"], dossier, "accept", "Đủ hồ sơ")
    session = run_session(people["thuongtruc"], [dossier], conclude=False)
    ballot = Ballot.objects.get(session=session)
    assert ballot.secret and ballot.status == Ballot.Status.OPEN

    page = browser.new_page(locale="vi-VN")
    _login(page, live_server, "hoidong3")
    page.goto(f"{live_server.url}/council/{session.pk}/vote/")
    row = page.locator(f"tr[data-ballot='{ballot.pk}']")
    assert dossier.reference in row.inner_text()
    row.locator("button[value=approve]").click()
    receipt = page.locator("[data-testid=receipt]")
    receipt.wait_for()
    code = receipt.inner_text().strip()
    assert re.fullmatch(rf"P{ballot.pk}(-[A-Z2-9]{{4}}){{3}}", code), code
    assert "approve" not in page.url and code not in page.url
    assert Participation.objects.filter(ballot=ballot, member__user__username="hoidong3", choice="").count() == 1
    # back on the vote page: voted, no buttons, and the code is not shown again
    page.click("text=" + page.locator("[data-testid=voted-page] a.aw-btn--primary").inner_text())
    page.locator(f"tr[data-ballot='{ballot.pk}'] [data-testid=voted]").wait_for()
    assert code not in page.content()
    page.close()
