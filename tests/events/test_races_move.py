"""Parallel moves against PostgreSQL: the last seat on the target is taken once, and moves in
both directions between two events do not deadlock (both events are locked in id order)."""

import pytest
from django.conf import settings

from samhandling.events.models import Registration, RegistrationStatus
from samhandling.events.services import registration_create, registration_move
from tests.concurrency import race as run_in_parallel

from .factories import event, series

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
PARALLEL = 8


def sign_up(conference, n):
    return registration_create(
        event=conference, name=f"P{n}", email=f"p{n}@example.org", consent=True
    ).registration


def test_parallel_moves_never_overbook_the_target(demo):
    autumn = series(max_per_organisation=None)
    tromso, bodo = event(autumn), event(autumn, capacity=1)
    people = [sign_up(tromso, n) for n in range(PARALLEL)]
    outcomes = run_in_parallel(
        lambda n: registration_move(registration=people[n], to_event=bodo), PARALLEL
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    statuses = list(Registration.objects.filter(event=bodo).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 1
    positions = Registration.objects.filter(event=bodo, status="waiting").values_list(
        "position", flat=True
    )
    assert sorted(positions) == list(range(1, PARALLEL))


def test_moves_both_ways_at_once_do_not_deadlock(demo):
    autumn = series(max_per_organisation=None)
    tromso, bodo = event(autumn), event(autumn)
    people = [sign_up(tromso if n % 2 else bodo, n) for n in range(PARALLEL)]
    outcomes = run_in_parallel(
        lambda n: registration_move(registration=people[n], to_event=bodo if n % 2 else tromso),
        PARALLEL,
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Registration.objects.filter(event=bodo).count() == PARALLEL // 2
