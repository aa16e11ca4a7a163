"""Redis as the cache every process shares, and what an outage of it does: a miss."""

import time

import pytest
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from openadmit.core.cache import ResilientRedisCache
from tests.services import ThrowawayRedis, free_port

OPTIONS = {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}


@pytest.fixture
def redis_server(tmp_path):
    server = ThrowawayRedis(tmp_path / "redis").start()
    yield server
    server.stop()


def cache_at(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(url, OPTIONS)


def test_it_shares_one_count_between_two_processes_caches(redis_server):
    first, second = cache_at(redis_server.url), cache_at(redis_server.url)
    first.set("signups:127.0.0.1", [1.0, 2.0], 60)
    assert second.get("signups:127.0.0.1") == [1.0, 2.0]
    assert not second.add("signups:127.0.0.1", [], 60)


def test_it_answers_a_miss_at_once_while_redis_is_away(redis_server):
    cache = cache_at(redis_server.url)
    cache.set("page", b"<html>", 60)
    redis_server.stop()
    started = time.monotonic()
    assert cache.get("page", "missing") == "missing"
    cache.set("page", b"<html>", 60)
    assert cache.get_many(["page"]) == {}
    assert cache.add("lock", True, 10)
    assert not cache.delete("page")
    assert time.monotonic() - started < 3
    with pytest.raises(RedisError):
        cache.ping()


def test_it_finds_its_values_again_when_redis_is_back(redis_server):
    cache = cache_at(redis_server.url)
    redis_server.stop()
    assert cache.get("x") is None
    redis_server.start()
    cache.set("x", 1, 60)
    assert cache.get("x") == 1


def test_it_raises_where_plain_redis_cache_would_have_failed_the_request():
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(RedisError):  # the control: Django's own backend fails the request
        RedisCache(closed, OPTIONS).get("x")
    assert cache_at(closed).get("x", "miss") == "miss"
