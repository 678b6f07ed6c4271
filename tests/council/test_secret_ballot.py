"""A secret ballot records who voted and the tallies, and nothing that links a member to a choice."""

import logging
import re

import pytest
from django.apps import apps
from django.db import connection, models
from viewflow.workflow.models import Task

from domain.council.models import Participation
from domain.council.services import ballots
from ground.audit.models import AuditEvent
from process.workflows import council as process
from tests.council.conftest import open_session, seats

pytestmark = pytest.mark.django_db

# Who votes what, in this order: a mix, so that any trace of order or time would show.
CHOICES = [
    ("hoidong4", "reject"),
    ("hoidong1", "approve"),
    ("hoidong6", "approve"),
    ("hoidong2", "reject"),
    ("hoidong3", "approve"),
    ("thuongtruc", "approve"),
    ("hoidong5", "approve"),
]


def _rows_mentioning(needle):
    """(table, column) pairs of every text or JSON column of the database whose rows contain ``needle``."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.proxy or not model._meta.managed:
                continue
            for f in model._meta.local_concrete_fields:
                if not isinstance(f, models.CharField | models.TextField | models.JSONField):
                    continue
                cursor.execute(
                    f'SELECT 1 FROM "{model._meta.db_table}" WHERE "{f.column}"::text LIKE %s LIMIT 1', [f"%{needle}%"]
                )
                if cursor.fetchone():
                    found.append((model._meta.db_table, f.column))
    return found


def test_secret_ballot_leaves_no_link_between_member_and_choice(people, accepted, caplog):
    caplog.set_level(logging.DEBUG)
    dossier = accepted("CSTD_TINH")  # 90 %, secret ballot (domain.md)
    session = open_session(people, [dossier], absent={"hoidong7"})
    ballot = session.ballots.get()
    assert ballot.secret and ballot.threshold_percent == 90
    tasks_before = list(Task.objects.order_by("pk").values_list("pk", "status"))

    receipts = {}
    for username, choice in CHOICES:
        receipts[username] = ballots.vote_cast(acting_user=people[username], ballot_id=ballot.pk, choice=choice)
    receipts["hoidong7"] = ballots.vote_record_written(
        acting_user=people["thuongtruc"], ballot_id=ballot.pk, member_id=seats(session)["hoidong7"].pk, choice="reject"
    )
    ballot.refresh_from_db()

    # Who took part is recorded, each once, with no choice and no time.
    votes = Participation.objects.filter(ballot=ballot)
    assert votes.count() == 8 and set(votes.values_list("choice", flat=True)) == {""}
    assert not any(isinstance(f, models.DateField) for f in Participation._meta.concrete_fields)
    # The papers: a digest and a choice each, sorted by digest (not in the order of voting), and nothing else.
    assert sorted(ballot.box) == ballot.box and len(ballot.box) == 8
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) and c in ("approve", "reject") for d, c in ballot.box)
    assert sorted(c for _d, c in ballot.box) == sorted([c for _u, c in CHOICES] + ["reject"])
    # The receipts: shown once to the voter, stored nowhere, their digests only in the box.
    for code in receipts.values():
        assert re.fullmatch(rf"P{ballot.pk}(-[A-Z2-9]{{4}}){{3}}", code)
        assert _rows_mentioning(code) == []
        assert _rows_mentioning(ballots.receipt_digest(code)) == [("council_ballot", "box")]
        assert ballots.receipt_check(acting_user=people["hoidong1"], receipt=code) == (ballot, True)
    forged = f"P{ballot.pk}-AAAA-BBBB-CCCC"
    assert ballots.receipt_check(acting_user=people["hoidong1"], receipt=forged) == (ballot, False)
    # The audit trail says who voted, never what or with which receipt.
    events = AuditEvent.objects.filter(action__in=["vote_cast", "written_vote_recorded"]).order_by("id")
    assert [e.actor.username for e in events] == [u for u, _c in CHOICES] + ["thuongtruc"]
    for event in events:
        assert set(event.data) == {"ballot", "member", "written", "secret"}
        assert "approve" not in str(event.__dict__) and "reject" not in str(event.__dict__)
    # No task of the flow per vote, and nothing in the logs.
    assert list(Task.objects.order_by("pk").values_list("pk", "status")) == tasks_before
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert not any(code in logged for code in receipts.values())
    assert "approve" not in logged and "reject" not in logged

    # The count comes from the papers; the result from the rule.
    ballot = ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
    assert (ballot.approvals, ballot.rejections, ballot.base_count, ballot.passed) == (5, 3, 8, False)
    closed = AuditEvent.objects.get(action="ballot_closed")
    assert (closed.data["approvals"], closed.data["rejections"]) == (5, 3)  # tallies, never who
    process.session_conclude(acting_user=people["thuongtruc"], session_id=session.pk)
    dossier.refresh_from_db()
    assert dossier.status == "rejected" and "90" in dossier.status_reason


def test_the_box_refuses_a_count_that_does_not_match_the_voters(people, accepted):
    from ground.base import errors

    session = open_session(people, [accepted("CSTD_TINH")])
    ballot = session.ballots.get()
    ballots.vote_cast(acting_user=people["hoidong1"], ballot_id=ballot.pk, choice="approve")
    ballot.refresh_from_db()
    ballot.box = ballot.box + [["0" * 64, "approve"]]  # a paper slipped in
    ballot.save(update_fields=["box"])
    with pytest.raises(errors.Conflict):
        ballots.ballot_close(acting_user=people["thuongtruc"], ballot_id=ballot.pk)
