"""The session page reads its agenda (with each dossier's eligibility) in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.eligibility.selectors import dossier_eligibility, dossiers_eligibility
from tests.council.conftest import new_session

pytestmark = pytest.mark.django_db


def _queries(client, session):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/council/{session.pk}/").status_code == 200
    return len(ctx.captured_queries)


def test_the_agenda_reads_in_constant_queries_with_the_same_eligibility(client, people, accepted, staff):
    client.force_login(people["hoidong1"])
    llcs, xdd = staff("llcs"), staff("xdd")
    one = new_session(people, [accepted("LDTT", person=llcs[0]), accepted("TTLDTT", collective=True)])
    many = [accepted("LDTT", person=p) for p in llcs[1:]] + [accepted("CSTDCS", dept="xdd", person=p) for p in xdd]
    many.append(accepted("TTLDTT", dept="xdd", collective=True))
    several = new_session(people, many)
    _queries(client, one)  # warm the caches (the calendar, the user's permissions)
    assert _queries(client, several) == _queries(client, one)
    batch = dossiers_eligibility(many)
    assert all(batch[d.pk] == dossier_eligibility(d) for d in many)
