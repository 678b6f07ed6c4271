"""The shared cache is optional: with Redis unreachable, every operation falls back to this process's own memory.

Pages (viewflow's layout reads the avatar's URL through the cache), the API's throttles and the token endpoint keep
answering while Redis is down: the counters become per process for that time (a local counter, not no limit), and
a warning is logged (at most once a minute per process). Nothing stored in the cache is the only copy of anything.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

_WARN_EVERY = 60.0


def _fallback_method(name):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except (RedisError, OSError) as exc:
            self._warn(name, exc)
            return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    return method


class _ClientKept(RedisCacheClient):
    """One ``redis.Redis`` per connection pool, kept: Django builds a new one for every operation, and its
    constructor (the response callbacks' table) cost more than the round trip to Redis. The object is thread-safe;
    its connections come from the pool, which watches for forks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept = {}  # pool index -> client

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._kept:
            self._kept[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._kept[index]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Fail fast: a page must not wait on a Redis that does not answer.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = _ClientKept
        self._local = LocMemCache(f"fallback-{server}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._warned_at = 0.0

    def _warn(self, operation, exc):
        now = time.monotonic()
        if now - self._warned_at >= _WARN_EVERY:
            self._warned_at = now
            log.warning("Redis cache unreachable (%s: %s); using this process's memory meanwhile", operation, exc)

    add = _fallback_method("add")
    get = _fallback_method("get")
    set = _fallback_method("set")
    touch = _fallback_method("touch")
    delete = _fallback_method("delete")
    get_many = _fallback_method("get_many")
    has_key = _fallback_method("has_key")
    incr = _fallback_method("incr")
    set_many = _fallback_method("set_many")
    delete_many = _fallback_method("delete_many")
    clear = _fallback_method("clear")
