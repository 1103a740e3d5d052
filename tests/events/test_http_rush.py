"""Parallel public sign-ups over real HTTP against a multi-process gunicorn on PostgreSQL: no limit
is exceeded and no sign-up is lost. The same rush against the app with the services' row locks
removed (benchmarks/nolock_wsgi.py) breaks the limits, which shows the test can fail.

Uses benchmarks/signup_rush.py at a smaller scale, on its own database next to the test database
(created and dropped here). Runs only when DATABASE_URL points at PostgreSQL."""

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


@pytest.fixture(scope="module")
def rush_database():
    """A migrated database with two events (one per series), dropped afterwards."""
    url = signup_rush.with_database_name(
        os.environ.get("DATABASE_URL", signup_rush.DEFAULT_DATABASE_URL),
        f"samhandling_rush_test_{os.getpid()}",
    )
    signup_rush.recreate_database(url)
    try:
        scenario = signup_rush.build_scenario(
            url, migrate=True, organisations=ORGANISATIONS, capacity=CAPACITY, cap=CAP, events=2
        )
        yield url, scenario
    finally:
        signup_rush.drop_database(url)


def _rush(url: str, scenario: dict, event: dict, *, without_lock: bool, tag: str):
    with signup_rush.gunicorn(
        url,
        ready_path=event["path"],
        workers=WORKERS,
        threads=THREADS,
        worker_class="gthread",  # threads too: more ways for a race to show without the lock
        without_lock=without_lock,
    ) as server:
        result = signup_rush.rush(
            base=server.base,
            path=event["signup_path"],
            attempts=signup_rush.attempts_for(
                signups=SIGNUPS, organisations=scenario["organisations"], grouped=True, tag=tag
            ),
            concurrency=CONCURRENCY,
            timeout=30,
        )
        log = server.log_tail()
    outcome = signup_rush.check(
        url, event_id=event["event_id"], rush=result, capacity=CAPACITY, cap=CAP
    )
    return outcome, log


def test_parallel_http_sign_ups_keep_every_limit_and_lose_none(rush_database):
    url, scenario = rush_database
    outcome, log = _rush(url, scenario, scenario["events"][0], without_lock=False, tag="locked")
    report = outcome.report() + "\n" + log
    assert outcome.rush.server_errors == 0, report
    assert len(outcome.rush.sent) == SIGNUPS, report
    assert all(outcome.invariants.values()), report
    # The rules decide exactly: every seat taken, each organisation's places used, rest refused.
    assert outcome.confirmed == CAPACITY, report
    assert outcome.confirmed + outcome.waiting == ORGANISATIONS * CAP, report
    assert outcome.refused == SIGNUPS - ORGANISATIONS * CAP, report
    assert sorted(outcome.positions) == list(range(1, outcome.waiting + 1)), report


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
