"""Runs one function in several threads at once, each with its own database connection."""

import threading

from django.db import connections


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
