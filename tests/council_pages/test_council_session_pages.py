"""The council's pages driven through the real views, with the council's own logins."""

import io
import re

import pytest
from pypdf import PdfReader
from viewflow.workflow.models import Task

from domain.council.models import Ballot, CouncilSession, Objection, Participation
from domain.dossiers.models import Document, DossierStatus
from tests.helpers import act, login, nominate, open_task, submit, task_url

pytestmark = pytest.mark.django_db

PRESENT = ["hoidong1", "hoidong2", "hoidong3", "hoidong4", "hoidong5", "hoidong6", "thuongtruc"]


def accepted(client, people, award, dept, index=0):
    head = people[f"truongkhoa.{dept}"]
    staff = list(people["depts"][dept].staff.filter(user__isnull=True).order_by("pk"))[index]
    dossier = nominate(client, head, award=award, person=staff)
    submit(client, head, dossier)
    assert act(client, people["thuongtruc"], dossier, "accept", "Đủ hồ sơ").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.ACCEPTED
    return dossier


def seat_ids(session, usernames):
    return [
        row.member_id
        for row in session.attendance.select_related("member__user")
        if row.member.user.username in usernames
    ]


def ballot_of(session, dossier):
    return Ballot.objects.get(session=session, dossier=dossier)


def vote(client, user, session, dossier, choice):
    login(client, user)
    return client.post(f"/council/{session.pk}/vote/{ballot_of(session, dossier).pk}/", {"choice": choice})


def receipt_in(response):
    match = re.search(r'data-testid="receipt"><code>(P\d+-[A-Z0-9-]+)</code>', response.content.decode())
    assert match, response.content.decode()[:3000]
    return match.group(1)


def test_a_session_from_the_agenda_to_the_objections(client, people):
    sec, canbo = people["thuongtruc"], people["canbo"]
    d_open = accepted(client, people, "LDTT", "llcs", 0)  # open vote, passes
    d_secret = accepted(client, people, "CSTD_TINH", "llcs", 1)  # secret ballot, 90 %: passes with every vote
    d_fail = accepted(client, people, "LDTT", "xdd", 0)  # open vote, rejected by most

    # the secretariat's list and the new session form
    login(client, sec)
    page = client.get("/council/")
    assert page.status_code == 200 and 'data-testid="new-session"' in page.content.decode()
    form = client.get("/council/new/")
    assert form.status_code == 200
    for d in (d_open, d_secret, d_fail):
        assert d.reference in form.content.decode()
    period = d_open.period
    response = client.post(
        "/council/new/",
        {
            "period": period.pk,
            "title": "Phiên họp bình xét đợt 1",
            "meeting_date": "15/06/2026",
            "place": "Phòng họp tầng 2",
            "dossiers": [d_open.pk, d_secret.pk, d_fail.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = CouncilSession.objects.get()
    assert response["Location"] == f"/council/{session.pk}/"
    assert session.meeting_date.isoformat() == "2026-06-15"
    assert session.ballots.count() == 3 and ballot_of(session, d_secret).secret
    page = client.get(f"/council/{session.pk}/")
    assert page.status_code == 200
    assert "15/06/2026" in page.content.decode() and d_secret.reference in page.content.decode()
    assert "data-eligible=" in page.content.decode()
    assert client.get("/council/").content.decode().count(f'data-session="{session.pk}"') == 1

    # attendance: 5 of 8 is short of the quorum (6): opening is refused and nothing changes
    assert (
        client.post(f"/council/{session.pk}/attendance/", {"present": seat_ids(session, PRESENT[:5])}).status_code
        == 302
    )
    response = client.post(f"/council/{session.pk}/open/")
    assert response.status_code == 409
    assert 'data-testid="error"' in response.content.decode()
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.PREPARED
    assert set(session.ballots.values_list("status", flat=True)) == {Ballot.Status.PENDING}
    # with 7 present, it opens
    assert client.post(f"/council/{session.pk}/attendance/", {"present": seat_ids(session, PRESENT)}).status_code == 302
    page = client.get(f"/council/{session.pk}/")
    assert 'data-present="7" data-members="8" data-needed="6"' in page.content.decode()
    assert client.post(f"/council/{session.pk}/open/").status_code == 302
    session.refresh_from_db()
    assert session.status == CouncilSession.Status.IN_PROGRESS
    # a stale page: opening again is a 409 with a message, never a 500
    assert client.post(f"/council/{session.pk}/open/").status_code == 409
    assert client.post(f"/council/{session.pk}/attendance/", {"present": seat_ids(session, PRESENT)}).status_code == 409

    # every present member votes on their vote page
    receipts = []
    for i, username in enumerate(PRESENT):
        user = people[username]
        page = login(client, user).get(f"/council/{session.pk}/vote/")
        assert page.status_code == 200 and page.content.decode().count('data-testid="cast-form"') == 3
        assert vote(client, user, session, d_open, "approve").status_code == 302
        response = vote(client, user, session, d_secret, "approve")
        assert response.status_code == 200 and 'data-testid="voted-page"' in response.content.decode()
        assert response["Cache-Control"] == "no-store"
        receipts.append(receipt_in(response))
        assert vote(client, user, session, d_fail, "approve" if i < 2 else "reject").status_code == 302
        page = client.get(f"/council/{session.pk}/vote/")
        assert page.content.decode().count('data-testid="voted"') == 3
        assert 'data-testid="cast-form"' not in page.content.decode()
    assert len(set(receipts)) == len(PRESENT)
    # the receipt never shows up again, and the box never names a voter
    page = login(client, people["hoidong1"]).get(f"/council/{session.pk}/")
    assert receipts[0] not in page.content.decode()

    # voting twice: 409 with the message, nothing recorded
    before = Participation.objects.count()
    response = vote(client, people["hoidong1"], session, d_open, "reject")
    assert response.status_code == 409 and 'data-testid="error"' in response.content.decode()
    response = vote(client, people["hoidong1"], session, d_secret, "reject")
    assert response.status_code == 409
    assert Participation.objects.count() == before
    assert len(ballot_of(session, d_secret).box) == len(PRESENT)

    # the absent member sees why, and cannot vote in person
    absent = people["hoidong7"]
    page = login(client, absent).get(f"/council/{session.pk}/vote/")
    assert page.status_code == 200 and 'data-testid="absent"' in page.content.decode()
    assert 'data-testid="cast-form"' not in page.content.decode()
    assert vote(client, absent, session, d_open, "approve").status_code == 403
    assert Participation.objects.count() == before

    # the secretary records the absent member's written votes (the receipt of the secret one shown once)
    seat7 = seat_ids(session, ["hoidong7"])[0]
    login(client, sec)
    for dossier, choice in ((d_open, "approve"), (d_fail, "reject")):
        url = f"/council/{session.pk}/ballots/{ballot_of(session, dossier).pk}/written/"
        assert client.post(url, {"member": seat7, "choice": choice}).status_code == 302
    url = f"/council/{session.pk}/ballots/{ballot_of(session, d_secret).pk}/written/"
    response = client.post(url, {"member": seat7, "choice": "approve"})
    assert response.status_code == 200
    written_receipt = receipt_in(response)
    assert client.post(url, {"member": seat7, "choice": "approve"}).status_code == 409  # twice
    # a present member's paper through the secretary: refused (400), nothing recorded
    assert client.post(url, {"member": seat_ids(session, ["hoidong1"])[0], "choice": "approve"}).status_code == 400
    assert Participation.objects.filter(written=True).count() == 3

    # the members check their receipts: in the box, the choice never shown
    login(client, people["hoidong2"])
    for code in (receipts[1], written_receipt):
        response = client.post("/council/receipt/", {"code": code})
        assert response.status_code == 200
        assert 'data-counted="true"' in response.content.decode()
        assert "approve" not in response.content.decode().split('data-testid="receipt-result"')[1].split("</p>")[0]
    response = client.post("/council/receipt/", {"code": f"P{ballot_of(session, d_secret).pk}-AAAA-BBBB-CCCC"})
    assert response.status_code == 200 and 'data-counted="false"' in response.content.decode()
    assert client.post("/council/receipt/", {"code": "not a code"}).status_code == 400

    # tallies only once closed
    page = login(client, sec).get(f"/council/{session.pk}/")
    assert 'data-testid="result"' not in page.content.decode()
    assert 'data-testid="conclude"' not in page.content.decode()
    for dossier in (d_open, d_secret, d_fail):
        response = client.post(f"/council/{session.pk}/ballots/{ballot_of(session, dossier).pk}/close/")
        assert response.status_code == 302
    assert client.post(f"/council/{session.pk}/ballots/{ballot_of(session, d_open).pk}/close/").status_code == 409
    page = client.get(f"/council/{session.pk}/").content.decode()
    assert page.count('data-testid="result"') == 3
    assert 'data-approvals="8" data-rejections="0" data-passed="true"' in page  # the secret ballot, 8 of 8
    assert 'data-approvals="2" data-rejections="6" data-passed="false"' in page
    assert 'data-testid="conclude"' in page

    # conclude: the selected are posted, the other rejected, the minutes on every dossier
    response = client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    for d in (d_open, d_secret, d_fail):
        d.refresh_from_db()
    assert (d_open.status, d_secret.status, d_fail.status) == (
        DossierStatus.POSTED,
        DossierStatus.POSTED,
        DossierStatus.REJECTED,
    )
    for d in (d_open, d_secret, d_fail):
        assert Document.objects.filter(dossier=d, kind=Document.Kind.COUNCIL_MINUTES, is_current=True).count() == 1
    assert client.post(f"/council/{session.pk}/conclude/", {"confirm": "on"}).status_code == 409  # stale
    page = client.get(f"/council/{session.pk}/").content.decode()
    assert 'data-testid="minutes"' in page
    for username in ("thuongtruc", "hoidong3", "hieutruong", "kiemtra"):
        response = login(client, people[username]).get(f"/council/{session.pk}/minutes/")
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF")
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
        assert "Phiên họp bình xét đợt 1" in text and d_open.reference in text
    assert login(client, people["canbo"]).get(f"/council/{session.pk}/minutes/").status_code in (403, 404)

    # the posting page shows the selected dossiers to every staff member
    page = login(client, canbo).get("/council/posting/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-dossier="{d_open.pk}"' in html and f'data-dossier="{d_secret.pk}"' in html
    assert f'data-dossier="{d_fail.pk}"' not in html
    entry = d_open.postings.get()
    assert f"{entry.opens_on:%d/%m/%Y} – {entry.closes_on:%d/%m/%Y}" in html
    assert html.count('data-testid="objection-form"') == 2

    # canbo objects (a double submit records one objection): suspended, a decision waits for the secretariat
    text = "Đồng chí này bị nhắc nhở trong năm, đề nghị xem xét lại."
    for _ in range(2):
        assert client.post(f"/council/posting/{entry.pk}/object/", {"text": text}).status_code == 302
    assert Objection.objects.filter(dossier=d_open).count() == 1
    d_open.refresh_from_db()
    assert d_open.status == DossierStatus.SUSPENDED
    assert open_task(d_open).flow_task.name == "resolve_objection"
    # too short: refused with a message, nothing recorded
    assert client.post(f"/council/posting/{entry.pk}/object/", {"text": "không"}).status_code == 400
    # a second objection, by a department head
    other = "Thành tích nêu trong báo cáo chưa được kiểm chứng."
    login(client, people["truongkhoa.xdd"]).post(f"/council/posting/{entry.pk}/object/", {"text": other})
    first, second = Objection.objects.filter(dossier=d_open).order_by("pk")
    page = login(client, canbo).get("/council/posting/").content.decode()
    assert 'data-status="suspended"' in page

    # the dossier page shows the session, the result, the window and the objections
    page = login(client, sec).get(f"/dossiers/{d_open.pk}/").content.decode()
    assert 'data-testid="council"' in page and f'data-session="{session.pk}"' in page
    assert f'data-objection="{first.pk}"' in page and f'data-objection="{second.pk}"' in page

    # the task page lists both, and asks which one is decided
    task = open_task(d_open)
    page = client.get(task_url(task)).content.decode()
    assert f'data-objection="{first.pk}"' in page and 'name="objection"' in page and 'type="radio"' in page
    # no choice with two open: refused, nothing changes
    assert act(client, sec, d_open, "dismiss", "Không có căn cứ").status_code == 400
    assert act(client, sec, d_open, "dismiss", "Không có căn cứ", objection=first.pk).status_code == 302
    first.refresh_from_db()
    d_open.refresh_from_db()
    assert first.status == Objection.Status.DISMISSED and d_open.status == DossierStatus.SUSPENDED
    assert open_task(d_open).flow_task.name == "resolve_objection"
    assert act(client, sec, d_open, "uphold", "Phản ánh đúng", objection=second.pk).status_code == 302
    second.refresh_from_db()
    d_open.refresh_from_db()
    assert second.status == Objection.Status.UPHELD and d_open.status == DossierStatus.REJECTED

    # an objection to the other one, dismissed: it is posted again
    entry2 = d_secret.postings.get()
    assert login(client, canbo).post(f"/council/posting/{entry2.pk}/object/", {"text": text}).status_code == 302
    page = login(client, sec).get(task_url(open_task(d_secret))).content.decode()
    assert 'type="radio"' not in page  # only one open: nothing to choose
    assert act(client, sec, d_secret, "dismiss", "Không có căn cứ").status_code == 302
    d_secret.refresh_from_db()
    assert d_secret.status == DossierStatus.POSTED
    assert Task.objects.filter(process__dossierprocess__dossier=d_secret, status="NEW").count() == 1


def test_a_refused_objection_is_shown_in_its_row_with_what_was_typed(client, people):
    from interfaces.demo.seed import run_session

    dossiers = [accepted(client, people, "LDTT", "llcs", 0), accepted(client, people, "LDTT", "xdd", 0)]
    run_session(people["thuongtruc"], dossiers)
    entry = dossiers[0].postings.get()
    login(client, people["canbo"])
    for text in ("", "   "):
        response = client.post(f"/council/posting/{entry.pk}/object/", {"text": text})
        assert response.status_code == 400
        html = response.content.decode()
        assert 'data-testid="error"' not in html  # not at the top of the page: at the row
        start = html.index(f'id="entry-{entry.pk}"')
        row = html[start : html.index("</tr>", start)]
        assert 'data-testid="objection-error"' in row
        assert "Hãy ghi ý kiến phản ánh và căn cứ trước khi gửi." in row
        assert html.count('data-testid="objection-error"') == 1
        # the form sends to its row: the answer's address shows the row
        assert f'action="/council/posting/{entry.pk}/object/#entry-{entry.pk}"' in row
    # a refusal of the service (too short) is shown there too, and what was typed stays
    response = client.post(f"/council/posting/{entry.pk}/object/", {"text": "không rõ"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="objection-error"' in html and ">không rõ</textarea>" in html
    assert 'data-testid="error"' not in html
    assert not Objection.objects.exists()
    # the form's address opened on its own (a reload, a bookmark): the posted list, at the row
    response = client.get(f"/council/posting/{entry.pk}/object/")
    assert response.status_code == 302 and response["Location"] == f"/council/posting/#entry-{entry.pk}"
