"""Runs one function in several threads at once, each with its own database connection."""

import threading

import pytest
from django.conf import settings
from django.db import connections

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
# The marks of a race test module: PostgreSQL only (SQLite serialises writers, so nothing races
# there), with real transactions so that each thread's commit is seen by the others.
POSTGRES_RACE = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL: set DATABASE_URL=postgres://… (SQLite serialises writers)",
    ),
    pytest.mark.django_db(transaction=True),
]


def race(target, count: int) -> list:
    """Start `count` threads together (behind a barrier); return each one's result or exception."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcomes[n] = target(n)
        except Exception as error:  # noqa: BLE001 - collected and checked by the test
            outcomes[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
