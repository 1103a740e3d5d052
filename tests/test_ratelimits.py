"""The client address the rate limits count by, the rates of a form's group, and limits kept in
Redis (the shared cache of production) rather than in one process's memory."""

import os
import uuid

import pytest
from django.test import RequestFactory, override_settings

from samhandling.core.ratelimits import client_ip, client_key, group_rates, rate_limit_check


def request(remote="203.0.113.9", forwarded=None, **post):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/arrangement/1/pamelding/", post, **extra)


def test_without_trusted_proxies_the_client_is_remote_addr(settings):
    settings.SAMHANDLING_TRUSTED_PROXIES = 0
    assert client_ip(request(forwarded="198.51.100.7")) == "203.0.113.9"  # header not trusted


def test_behind_one_proxy_the_client_is_the_address_nginx_appended(settings):
    settings.SAMHANDLING_TRUSTED_PROXIES = 1
    # The client wrote "1.2.3.4" itself; nginx appended the address it saw.
    assert client_ip(request(remote="10.0.0.2", forwarded="1.2.3.4, 198.51.100.7")) == (
        "198.51.100.7"
    )
    settings.SAMHANDLING_TRUSTED_PROXIES = 2  # e.g. a load balancer in front of nginx
    assert client_ip(request(remote="10.0.0.2", forwarded="1.2.3.4, 198.51.100.7, 10.0.0.1")) == (
        "198.51.100.7"
    )


def test_a_missing_or_garbled_forwarded_header_falls_back_to_remote_addr(settings):
    settings.SAMHANDLING_TRUSTED_PROXIES = 1
    assert client_ip(request(remote="10.0.0.2")) == "10.0.0.2"
    assert client_ip(request(remote="10.0.0.2", forwarded="not-an-address")) == "10.0.0.2"


def test_ipv6_clients_are_counted_by_their_64_network(settings):
    settings.SAMHANDLING_TRUSTED_PROXIES = 0
    one = client_key(request(remote="2001:db8:1:2:aaaa::1"))
    assert one == client_key(request(remote="2001:db8:1:2:ffff::9")) == "2001:db8:1:2::"
    assert one != client_key(request(remote="2001:db8:1:3::1"))
    assert client_key(request(remote="203.0.113.9")) == "203.0.113.9"


def test_a_form_without_a_group_of_its_own_gets_the_default_rates(settings):
    assert group_rates("hearing-response") == group_rates("default")
    assert group_rates("signup")["client"] == ["10/m", "60/h"]


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL} (set TEST_REDIS_URL)")


def test_the_counts_live_in_redis_so_every_app_process_sees_them():
    _redis_or_skip()
    prefix = f"samhandling-test-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    from django.core.cache import caches

    with override_settings(CACHES={"default": redis_cache}):
        try:
            outcomes = [rate_limit_check(request=request(), group="signup") for _n in range(11)]
            assert outcomes[:10] == [None] * 10 and outcomes[10] is not None
            # A connection of its own, as another app process has, sees the same counts.
            other = caches.create_connection("default")
            keys = other.client.get_client().keys(f"{prefix}:*")
            assert keys, "nothing counted in Redis"
            assert max(int(other.client.get_client().get(key)) for key in keys) == 11
        finally:
            client = caches["default"].client.get_client()
            for key in client.keys(f"{prefix}:*"):
                client.delete(key)
