"""Redis as the shared cache, where an outage is a cache miss rather than a server error.

Everything kept in this cache can be lost: pages are rendered again, sessions are read from
the database (`cached_db`), and a rate limit forgets its count until Redis is back. So a
stopped Redis slows the site down and loosens the limits for a while, and is logged, but
no applicant sees an error for it. `ping()` tells the readiness check the truth.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

__all__ = ["ResilientRedisCache"]

logger = logging.getLogger(__name__)
# One warning per process per interval, not one per request, while Redis is away.
WARN_EVERY_SECONDS = 30


def _on_outage(fallback):
    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                self._warn(method.__name__, error)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    _last_warning = 0.0

    def _warn(self, operation: str, error: RedisError) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARN_EVERY_SECONDS:
            ResilientRedisCache._last_warning = now
            logger.warning("cache unavailable, %s answered as a miss: %s", operation, error)

    def ping(self) -> None:
        """Raise when Redis does not answer."""
        self._cache.get_client(write=True).ping()

    # A lock or an add "succeeds" during an outage: the caller goes on, unprotected
    # for the while, rather than refusing the request.
    add = _on_outage(True)(RedisCache.add)
    get = _on_outage(_default)(RedisCache.get)
    set = _on_outage(None)(RedisCache.set)
    touch = _on_outage(False)(RedisCache.touch)
    delete = _on_outage(False)(RedisCache.delete)
    get_many = _on_outage(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _on_outage(False)(RedisCache.has_key)
    set_many = _on_outage(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _on_outage(None)(RedisCache.delete_many)
    clear = _on_outage(None)(RedisCache.clear)
