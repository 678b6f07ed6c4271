"""The API's fixtures (clients with a real token per role, throttle counters of their own) serve these tests too."""

from tests.api.conftest import _own_throttle_counters, api  # noqa: F401
from tests.province_exchange.test_redis_down import own_broker, own_redis  # noqa: F401
