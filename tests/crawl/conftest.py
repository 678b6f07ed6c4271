from tests.homes.conftest import demo  # noqa: F401  (the whole demo data)
