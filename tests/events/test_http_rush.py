"""Parallel public sign-ups over real HTTP against a multi-process gunicorn on PostgreSQL: no limit
is exceeded and no sign-up is lost. The same rush against the app with the services' row locks
removed (benchmarks/nolock_wsgi.py) breaks the limits, which shows the test can fail.

Uses benchmarks/signup_rush.py at a smaller scale, on its own database next to the test database
(created and dropped here). Runs only when DATABASE_URL points at PostgreSQL."""

import contextlib
import os

import pytest
from django.conf import settings

from benchmarks import signup_rush

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL: the HTTP sign-up rush runs gunicorn against its own PostgreSQL "
        "database (set DATABASE_URL=postgres://…)",
    ),
]

SIGNUPS = 50
ORGANISATIONS = 10  # five sign-ups each, one after another, racing for two places
CAPACITY = 12
CAP = 2
CONCURRENCY = 50  # every sign-up in flight at once
WORKERS, THREADS = 3, 4
# The Redis database the two instances share (flushed at the start of that test).
REDIS_URL = os.environ.get("TEST_RUSH_REDIS_URL", "redis://127.0.0.1:6379/8")


@pytest.fixture(scope="module")
def rush_database():
    """A migrated database with three events (one per series), dropped afterwards."""
    url = signup_rush.with_database_name(
        os.environ.get("DATABASE_URL", signup_rush.DEFAULT_DATABASE_URL),
        f"samhandling_rush_test_{os.getpid()}",
    )
    signup_rush.recreate_database(url)
    try:
        scenario = signup_rush.build_scenario(
            url, migrate=True, organisations=ORGANISATIONS, capacity=CAPACITY, cap=CAP, events=3
        )
        yield url, scenario
    finally:
        signup_rush.drop_database(url)


def _rush(
    url: str,
    scenario: dict,
    event: dict,
    *,
    without_lock: bool,
    tag: str,
    instances: int = 1,
    redis_url: str | None = None,
):
    env = signup_rush.instance_env(redis_url=redis_url, pool=THREADS)
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(
                signup_rush.gunicorn(
                    url,
                    ready_path=event["path"],
                    workers=WORKERS,
                    threads=THREADS,
                    # threads too: more ways for a race to show without the lock
                    worker_class="gthread",
                    without_lock=without_lock,
                    env=env,
                )
            )
            for _n in range(instances)
        ]
        attempts = signup_rush.attempts_for(
            signups=SIGNUPS, organisations=scenario["organisations"], grouped=True, tag=tag
        )
        if instances > 1:
            signup_rush.spread(attempts, [server.base for server in servers])
        result = signup_rush.rush(
            base=servers[0].base,
            path=event["signup_path"],
            attempts=attempts,
            concurrency=CONCURRENCY,
            timeout=30,
        )
        log = "\n".join(server.log_tail() for server in servers)
    outcome = signup_rush.check(
        url, event_id=event["event_id"], rush=result, capacity=CAPACITY, cap=CAP
    )
    return outcome, log


def _assert_exact_outcome(outcome, log: str) -> None:
    report = outcome.report() + "\n" + log
    assert outcome.rush.server_errors == 0, report
    assert len(outcome.rush.sent) == SIGNUPS, report
    assert all(outcome.invariants.values()), report
    # The rules decide exactly: every seat taken, each organisation's places used, rest refused.
    assert outcome.confirmed == CAPACITY, report
    assert outcome.confirmed + outcome.waiting == ORGANISATIONS * CAP, report
    assert outcome.refused == SIGNUPS - ORGANISATIONS * CAP, report
    assert sorted(outcome.positions) == list(range(1, outcome.waiting + 1)), report
    # One e-mail queued per sign-up, with its task to send it.
    assert sum(outcome.emails.values()) == outcome.send_tasks == ORGANISATIONS * CAP, report


def test_parallel_http_sign_ups_keep_every_limit_and_lose_none(rush_database):
    url, scenario = rush_database
    outcome, log = _rush(url, scenario, scenario["events"][0], without_lock=False, tag="locked")
    _assert_exact_outcome(outcome, log)
    # The form was read from the sign-up page of its own.
    assert {a.form_from for a in outcome.rush.sent} == {
        signup_rush.signup_path(scenario["events"][0]["event_id"])
    }


def test_two_app_instances_sharing_database_and_redis_keep_every_limit(rush_database):
    """Two gunicorn masters on ports of their own, one database and one Redis: each client
    reads the form from one instance and sends it to the other (the secret key, the rate
    limits and the seats are shared), and the outcome is exactly that of one instance."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {REDIS_URL} (set TEST_RUSH_REDIS_URL): not reachable")
    url, scenario = rush_database
    outcome, log = _rush(
        url,
        scenario,
        scenario["events"][2],
        without_lock=False,
        tag="two",
        instances=2,
        redis_url=REDIS_URL,
    )
    _assert_exact_outcome(outcome, log)
    bases = {a.post_base for a in outcome.rush.sent}
    assert len(bases) == 2 and all(a.form_base != a.post_base for a in outcome.rush.sent)
    print(signup_rush.per_instance_report(outcome.rush, sorted(bases)))


def test_without_the_row_locks_the_same_rush_breaks_a_limit(rush_database):
    """The control: with `select_for_update` patched out of the services in every gunicorn
    worker, parallel sign-ups overbook, exceed an organisation's places or share a waiting
    position. (A race: it broke a limit in every run we made, but it is not guaranteed.)"""
    url, scenario = rush_database
    outcome, log = _rush(url, scenario, scenario["events"][1], without_lock=True, tag="unlocked")
    assert outcome.rush.server_errors == 0, outcome.report() + "\n" + log
    limits = {
        text: held
        for text, held in outcome.invariants.items()
        if "capacity" in text or "per organisation" in text or "positions" in text
    }
    assert not all(limits.values()), "no limit broken without the locks:\n" + outcome.report()
