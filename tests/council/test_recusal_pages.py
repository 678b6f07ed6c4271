"""A recused member (conflict of interest) is told on the vote page that, and why, he does not vote on a ballot: no
buttons, no place on the voting sheet; the session's page names the recused members of each ballot, and the
secretary is not offered their written vote. One rule (``council.policies.recusal_reason``), flat query counts."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.council import policies
from domain.council.models import Ballot, CouncilMember, Participation
from domain.council.services import ballots
from ground.organisation import roles
from tests.council.conftest import open_session

pytestmark = pytest.mark.django_db

NOMINEE = "người được đề nghị"  # the policy's reason, in Vietnamese (the default language)


def _rows(html, tag):
    """``{ballot id: its row's HTML}`` of the vote page's table (``tr``) or the session page's agenda (``div``)."""
    parts = re.split(rf'(?=<{tag} (?:class="aw-ballot" )?data-ballot=")', html)
    rows = {}
    for part in parts[1:]:
        ballot_id = int(re.match(rf'<{tag} (?:class="aw-ballot" )?data-ballot="(\d+)"', part).group(1))
        rows[ballot_id] = part.split(f"</{tag}>")[0] if tag == "tr" else part
    return rows


def _own_session(people, accepted, staff, others=2, absent=()):
    """An open session on the dossier of ``hoidong3`` (the nominee) and ``others`` dossiers of colleagues."""
    own = accepted("LDTT", person=people["hoidong3"].staff)
    colleagues = [accepted("LDTT", person=p) for p in sorted(staff("llcs"), key=lambda p: p.pk)[:others]]
    session = open_session(people, [own, *colleagues], absent=absent)
    return session, Ballot.objects.get(session=session, dossier=own), list(session.ballots.exclude(dossier=own))


def test_the_vote_page_tells_the_recused_member_why_and_offers_no_vote(client, people, accepted, staff):
    session, own, others = _own_session(people, accepted, staff)
    client.force_login(people["hoidong3"])
    page = client.get(f"/council/{session.pk}/vote/")
    assert page.status_code == 200
    html = page.content.decode()
    rows = _rows(html, "tr")
    assert 'data-recused="true"' in rows[own.pk] and 'data-testid="recused"' in rows[own.pk]
    assert NOMINEE in rows[own.pk] and "xung đột lợi ích" in rows[own.pk]
    assert 'data-testid="cast-form"' not in rows[own.pk] and 'value="approve"' not in rows[own.pk]
    for ballot in others:  # on his colleagues' dossiers he votes as usual
        assert 'data-recused="false"' in rows[ballot.pk] and 'data-testid="cast-form"' in rows[ballot.pk]
    # the voting sheet holds only the ballots he votes on
    assert 'data-testid="vote-sheet"' in html
    assert f'data-sheet-ballot="{own.pk}"' not in html and f'name="ballot-{own.pk}"' not in html
    assert all(f'data-sheet-ballot="{b.pk}"' in html for b in others)

    # a forged sheet naming his own ballot is refused whole (403), nothing stored
    forged = {f"ballot-{b.pk}": "approve" for b in [own, *others]}
    assert client.post(f"/council/{session.pk}/vote/sheet/", forged).status_code == 403
    assert not Participation.objects.filter(member__user=people["hoidong3"]).exists()
    # the sheet as the page offers it, every ballot marked: recorded, his own ballot untouched
    sheet = {f"ballot-{b.pk}": "approve" for b in others}
    assert client.post(f"/council/{session.pk}/vote/sheet/", sheet).status_code == 302
    voted = set(Participation.objects.filter(member__user=people["hoidong3"]).values_list("ballot_id", flat=True))
    assert voted == {b.pk for b in others}
    page = client.get(f"/council/{session.pk}/vote/").content.decode()
    assert 'data-testid="recused"' in _rows(page, "tr")[own.pk] and 'data-testid="cast-form"' not in page

    # another member sees no note and votes on every ballot
    client.force_login(people["hoidong4"])
    html = client.get(f"/council/{session.pk}/vote/").content.decode()
    assert 'data-testid="recused"' not in html and html.count('data-testid="cast-form"') == 3
    assert f'data-sheet-ballot="{own.pk}"' in html


def test_the_session_page_names_the_recused_members_of_each_ballot(client, people, accepted, staff):
    session, own, others = _own_session(people, accepted, staff, absent=("hoidong3",))
    seat = CouncilMember.objects.select_related("user").get(council=session.council, user=people["hoidong3"])
    client.force_login(people["thuongtruc"])
    rows = _rows(client.get(f"/council/{session.pk}/").content.decode(), "div")
    assert 'data-testid="recusals"' in rows[own.pk]
    assert f'data-recused-member="{seat.pk}"' in rows[own.pk] and str(seat) in rows[own.pk] and NOMINEE in rows[own.pk]
    # the secretary is not offered the written vote of the absent member on his own dossier, only on the others
    assert 'data-testid="written-form"' not in rows[own.pk]
    for ballot in others:
        assert 'data-testid="recusals"' not in rows[ballot.pk]
        assert f'<option value="{seat.pk}">' in rows[ballot.pk]

    # once counted, the page still names him: the count left him out of the base
    for row in session.attendance.filter(present=True).select_related("member__user"):
        ballots.vote_cast(acting_user=row.member.user, ballot_id=own.pk, choice="approve")
    closed = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=own.pk)
    assert closed.recused == [seat.pk]
    rows = _rows(client.get(f"/council/{session.pk}/").content.decode(), "div")
    assert f'data-recused-member="{seat.pk}"' in rows[own.pk] and NOMINEE in rows[own.pk]
    assert f'data-recused-member="{seat.pk}"' not in rows[others[0].pk]


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("heads_recused", [False, True])
def test_the_recusals_cost_no_query_per_ballot(client, people, accepted, staff, heads_recused):
    llcs, xdd = sorted(staff("llcs"), key=lambda p: p.pk), sorted(staff("xdd"), key=lambda p: p.pk)
    own = accepted("LDTT", person=people["hoidong3"].staff)
    collective = accepted("TTLDTT", dept="xdd", collective=True)  # both agendas read a department's eligibility
    small = open_session(people, [own, accepted("LDTT", dept="xdd", person=xdd[0]), collective])
    council = small.council
    council.recuse_department_head = heads_recused  # the heads' permissions are read too: once per member
    council.save()
    many = [accepted("LDTT", person=p) for p in llcs[:3]] + [accepted("LDTT", dept="xdd", person=p) for p in xdd[1:3]]
    large = open_session(people, [*many, accepted("TTLDTT", collective=True)])
    assert large.ballots.count() == small.ballots.count() * 2
    for username in ("hoidong3", "thuongtruc"):
        client.force_login(people[username])
        for page in ("", "vote/"):
            _queries(client, f"/council/{small.pk}/{page}")  # warm the caches (the calendar, the permissions)
            assert _queries(client, f"/council/{large.pk}/{page}") == _queries(client, f"/council/{small.pk}/{page}")


def test_the_head_recused_by_the_school_rule_is_named_and_told(client, people, accepted, staff):
    head = people["truongkhoa.llcs"]
    head.groups.add(Group.objects.get(name=roles.COUNCIL_MEMBER))  # the head also sits on the council
    dossier = accepted("LDTT", person=staff("llcs")[0])
    council = dossier.period.council
    council.recuse_department_head = True
    council.save()
    seat = CouncilMember.objects.create(council=council, user=head, role=CouncilMember.Role.MEMBER)
    session = open_session(people, [dossier, accepted("LDTT", dept="xdd", person=staff("xdd")[0])])
    ballot = Ballot.objects.get(session=session, dossier=dossier)
    # the heads read at once are those the permission check finds one by one
    users = [m.user for m in CouncilMember.objects.filter(council=council).select_related("user")]
    assert policies.heads_among(users) == {u.pk for u in users if policies.is_head(type(u).objects.get(pk=u.pk))}
    assert head.pk in policies.heads_among(users)
    client.force_login(people["thuongtruc"])
    rows = _rows(client.get(f"/council/{session.pk}/").content.decode(), "div")
    assert f'data-recused-member="{seat.pk}"' in rows[ballot.pk] and "trưởng" in rows[ballot.pk].lower()
    assert 'data-testid="recusals"' not in "".join(v for k, v in rows.items() if k != ballot.pk)
    client.force_login(head)
    row = _rows(client.get(f"/council/{session.pk}/vote/").content.decode(), "tr")[ballot.pk]
    assert 'data-testid="recused"' in row and 'data-testid="cast-form"' not in row
