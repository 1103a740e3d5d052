"""The per-client sign-up limit holds across app processes: two gunicorn instances of the app,
sharing one Redis and one database, take sign-ups from one client address in turn, and together
they let through exactly the limit, not the limit each.

Each instance is started with benchmarks.harness (the production settings over plain HTTP, as
`make bench` and tests/events/test_http_rush.py use it), on a database of its own: a PostgreSQL
database next to the test database when DATABASE_URL points at PostgreSQL, otherwise an SQLite
file in a temporary folder. Redis database 7 (TEST_RATELIMIT_REDIS_URL to change it) is
flushed before and after; without Redis the test is skipped. By hand, with each instance on its
own local-memory cache (REDIS_URL unset), twice the limit got through."""

import itertools
import os
import sqlite3

import dj_database_url
import psycopg
import pytest
import requests
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils.crypto import get_random_string

from benchmarks import harness, signup_rush
from tests.form_guard import guard_fields

REDIS_URL = os.environ.get("TEST_RATELIMIT_REDIS_URL", "redis://127.0.0.1:6379/7")
LIMIT = 6
# Per hour rather than per minute: django-ratelimit's windows are fixed, and the posts must not
# straddle the end of one (a few seconds in an hour).
RATE = f"{LIMIT}/h"
POSTS = 3 * LIMIT
CLIENT = "198.51.100.23"  # the one client's address, as the proxy (nginx) reports it
ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.fixture
def shared_redis():
    """Redis database of the test, empty before and after; skips where there is no Redis."""
    redis = pytest.importorskip("redis")
    try:
        connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        connection.ping()
    except redis.RedisError:
        pytest.skip(
            f"needs Redis at {REDIS_URL} (the shared cache the app processes count in; set "
            "TEST_RATELIMIT_REDIS_URL to another one): not reachable"
        )
    connection.flushdb()
    try:
        yield REDIS_URL
    finally:
        connection.flushdb()


@pytest.fixture
def shared_database(tmp_path):
    """A migrated database with one event that takes every sign-up of the test."""
    if ON_POSTGRES:
        url = harness.with_database_name(
            os.environ["DATABASE_URL"], f"samhandling_rush_ratelimit_{os.getpid()}"
        )
        harness.recreate_database(url)
    else:
        url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    try:
        scenario = harness.build_scenario(
            url, migrate=True, organisations=1, capacity=POSTS, cap=POSTS
        )
        yield url, scenario
    finally:
        if ON_POSTGRES:
            harness.drop_database(url)


def _registrations(url: str, event_id: int) -> int:
    query = "SELECT COUNT(*) FROM events_registration WHERE event_id = %s"
    parts = dj_database_url.parse(url)
    if "sqlite" in parts["ENGINE"]:
        with sqlite3.connect(parts["NAME"]) as connection:
            return connection.execute(query.replace("%s", "?"), [event_id]).fetchone()[0]
    with psycopg.connect(url, connect_timeout=10) as connection:
        return connection.execute(query, [event_id]).fetchone()[0]


def _session(server: harness.Server, path: str) -> tuple[requests.Session, str]:
    """A visitor's session on one instance: the CSRF cookie and token from the sign-up page."""
    session = requests.Session()
    session.headers["X-Forwarded-For"] = CLIENT
    page = session.get(server.base + path, timeout=10)
    token = signup_rush.CSRF_INPUT.search(page.text)
    assert page.status_code == 200 and token, server.log_tail()
    return session, token.group(1)


def sign_ups_across_two_instances(url: str, scenario: dict, *, redis_url: str | None) -> list:
    """POSTS sign-ups with addresses of their own from CLIENT, alternately to two instances
    (one sync worker each); the answers' statuses, in order. `redis_url` None: each instance
    counts in its own memory."""
    event = scenario["events"][0]
    secret = get_random_string(50)  # one secret for both, as production's processes share it
    env = {"RATE_LIMIT_SIGNUP_PER_CLIENT": RATE, "SECRET_KEY": secret}
    if redis_url:
        env["REDIS_URL"] = redis_url
    action = reverse("events:signup", args=[event["event_id"]])
    start = {"ready_path": event["path"], "workers": 1, "env": env}
    with harness.gunicorn(url, **start) as one, harness.gunicorn(url, **start) as two:
        visitors = [(server, *_session(server, action)) for server in (one, two)]
        statuses = []
        for n, (server, session, token) in zip(range(POSTS), itertools.cycle(visitors)):
            with override_settings(SECRET_KEY=secret):
                guard = guard_fields()
            form = {
                "csrfmiddlewaretoken": token,
                "name": f"Deltakar {n}",
                "email": f"one-client-{n}@example.org",
                "organisation": str(scenario["organisations"][0]),
                "job_title": "Rådgjevar",
                "kind": "participant",
                "consent": "on",
                **guard,
            }
            response = session.post(
                server.base + action, data=form, allow_redirects=False, timeout=10
            )
            assert response.status_code in (302, 429), (response.status_code, server.log_tail())
            statuses.append(response.status_code)
    return statuses


def test_two_app_processes_let_one_client_sign_up_only_the_limit_together(
    shared_redis, shared_database
):
    url, scenario = shared_database
    statuses = sign_ups_across_two_instances(url, scenario, redis_url=shared_redis)
    # The first LIMIT posts (half to each instance) get through, every later one is refused.
    assert statuses == [302] * LIMIT + [429] * (POSTS - LIMIT), statuses
    assert _registrations(url, scenario["events"][0]["event_id"]) == LIMIT
