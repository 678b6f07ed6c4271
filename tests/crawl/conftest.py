import pytest

from tests.homes.conftest import demo  # noqa: F401  (the dossiers of the demo at every step)


@pytest.fixture
def whole_demo(demo):  # noqa: F811
    """What ``seed_demo`` adds on top of the dossiers (the school regulation, signers, the delegation, past records,
    the year's plans, movements, cluster, fund and the Initiatives Council), so that the crawl walks the pages the
    demo logins see, with the data they see there."""
    from interfaces.demo import history, seed, year

    users = seed.seed()  # the same logins, read again (their password hashes were set again)
    history.seed()
    year.seed(users=users)
    return {**demo, **users}
