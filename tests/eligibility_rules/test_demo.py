"""The demo records load once (idempotent) and give the secretariat's lists something to show."""

import pytest

from domain.eligibility.selectors import SUGGESTED, suggestions
from domain.records.models import YearlyRating
from interfaces.demo import history as demo

pytestmark = pytest.mark.django_db


def test_demo_records_are_idempotent_and_suggest(rules):
    demo.seed()
    count = YearlyRating.objects.count()
    demo.seed()
    assert YearlyRating.objects.count() == count > 0
    rows = suggestions(rules["org"], 2026, award_code="CSTDCS")
    assert any(r.kind == SUGGESTED for r in rows)
