"""Throttles whose rates are read from settings when a request comes (``API_THROTTLE_RATES``).

The counters live in the default cache, Redis when ``REDIS_URL`` is set, so every web process shares them.
"""

from django.conf import settings
from rest_framework import throttling


class WriteRateThrottle(throttling.UserRateThrottle):
    """Writes (POST, PUT, PATCH, DELETE) per user; reads are not counted."""

    scope = "write"

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class TokenRateThrottle(throttling.AnonRateThrottle):
    """Token requests per client address, whoever they claim to be."""

    scope = "token"

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ProvinceRateThrottle(TokenRateThrottle):
    """Callbacks on the province's endpoint per client address, checked before the signature is (so a flood of
    unsigned messages costs neither an HMAC nor a row of the trail)."""

    scope = "province"
