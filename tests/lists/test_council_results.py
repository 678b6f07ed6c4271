"""The council's results (issue 16): closed ballots only, filters, sort, export, print, and who may open them."""

import re

import pytest

from domain.council.models import Ballot
from tests.helpers import login

from .conftest import sheet_rows

pytestmark = pytest.mark.django_db


def _refs(response):
    assert response.status_code == 200, response.content.decode()[:1000]
    return re.findall(r'data-dossier="([^"]+)"', response.content.decode())


def test_results_filters_sort_export_print(client, demo, django_assert_max_num_queries):
    closed = Ballot.objects.filter(status=Ballot.Status.CLOSED)
    assert closed.count() >= 10
    login(client, demo["thuongtruc"])
    with django_assert_max_num_queries(15):
        page = client.get("/council/results/")
    assert sorted(_refs(page)) == sorted(closed.values_list("dossier__reference", flat=True))
    not_passed = set(_refs(client.get("/council/results/", {"result": "not_passed"})))
    assert not_passed == set(closed.filter(passed=False).values_list("dossier__reference", flat=True)) and not_passed
    selected = set(_refs(client.get("/council/results/", {"result": "selected"})))
    assert selected.isdisjoint(not_passed) and selected
    xdd = demo["depts"]["xdd"]
    assert set(_refs(client.get("/council/results/", {"department": xdd.pk}))) == set(
        closed.filter(dossier__department=xdd).values_list("dossier__reference", flat=True)
    )
    session = closed.order_by("session__meeting_date").first().session
    assert set(_refs(client.get("/council/results/", {"session": session.pk}))) == set(
        closed.filter(session=session).values_list("dossier__reference", flat=True)
    )
    one = closed.filter(dossier__nominee_person__isnull=False).first().dossier
    assert one.reference in _refs(client.get("/council/results/", {"q": one.nominee_person.full_name}))
    by_ref = _refs(client.get("/council/results/", {"sort": "reference"}))
    assert by_ref == sorted(by_ref)

    rows = sheet_rows(client.get("/council/results/", {"export": "xlsx", "result": "not_passed"}))
    assert {r[1] for r in rows[1:]} == not_passed
    printed = client.get("/council/results/", {"print": "1", "result": "not_passed"}).content.decode()
    assert all(ref in printed for ref in not_passed)


def test_who_opens_the_results(client, demo):
    for username in ("thuongtruc", "hieutruong", "kiemtra", "hoidong1"):
        login(client, demo[username])
        assert client.get("/council/results/").status_code == 200, username
    for username in ("canbo", "truongkhoa.llcs"):
        login(client, demo[username])
        assert client.get("/council/results/").status_code == 403, username
