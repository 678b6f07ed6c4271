"""The API's fixtures (clients with a real token per role, throttle counters of their own) serve these tests too."""

from tests.api.conftest import _own_throttle_counters, api  # noqa: F401
