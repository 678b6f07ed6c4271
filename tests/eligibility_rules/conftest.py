import pytest


@pytest.fixture
def rules(people):
    """The seeded rules (a transactional test's flush removed the migration's rows)."""
    from django.apps import apps

    from domain.eligibility.rules_data import load_rules

    load_rules(apps)
    return people
