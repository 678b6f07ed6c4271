"""The embedded default (SQLite, no Redis) as ``make run`` sets it up: the demo seeds on it, its audit chain verifies,
and a voting sheet is stored all or none there as on PostgreSQL (a refused sheet leaves nothing; a good one stores
every vote with one receipt per secret ballot)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.services]

CHECK = """
import json, sys
from django.contrib.auth import get_user_model
from domain.council.models import Ballot, CouncilSession, Participation
from domain.council.services import ballots
from ground.audit.services import audit_verify
from ground.base import errors

users = get_user_model().objects
session = CouncilSession.objects.get(status=CouncilSession.Status.IN_PROGRESS)
open_ids = list(session.ballots.filter(status=Ballot.Status.OPEN).order_by("pk").values_list("pk", flat=True))
member = users.get(username="hoidong1")
before = Participation.objects.count()
refused = ""
try:  # one ballot of another session spoils the sheet
    other = Ballot.objects.exclude(session=session).values_list("pk", flat=True).first()
    spoiled = {**dict.fromkeys(open_ids, "approve"), other: "approve"}
    ballots.votes_cast(acting_user=member, session_id=session.pk, choices=spoiled)
except errors.InvalidInput as exc:
    refused = exc.code
after_refusal = Participation.objects.count()
receipts = ballots.votes_cast(acting_user=member, session_id=session.pk, choices=dict.fromkeys(open_ids, "approve"))
secret = set(session.ballots.filter(secret=True, pk__in=open_ids).values_list("pk", flat=True))
sys.stdout.write(json.dumps({
    "chain": audit_verify()["ok"],
    "open": len(open_ids),
    "refused": refused,
    "unchanged": after_refusal == before,
    "stored": Participation.objects.count() - before,
    "receipts": sorted(k for k, v in receipts.items() if v),
    "secret": sorted(secret),
}) + "\\n")
"""


def test_the_demo_seeds_on_sqlite_and_a_voting_sheet_is_all_or_none_there(migrated_sqlite):
    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=migrated_sqlite,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    assert "hoidong1" in manage("seed_demo")  # one login per role printed
    found = json.loads(manage("shell", "-c", CHECK).strip().splitlines()[-1])
    assert found["chain"] and found["open"] >= 2
    assert found["refused"] == "invalid" and found["unchanged"]
    assert found["stored"] == found["open"] and found["receipts"] == found["secret"] != []
