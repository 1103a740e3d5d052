"""Parallel sign-ups against PostgreSQL: the row lock on the series keeps the last seat and an
organisation's last place from being taken twice. (SQLite serialises writers anyway, so these
run only when DATABASE_URL points at PostgreSQL.)"""

import pytest
from django.conf import settings

from samhandling.events.models import Registration, RegistrationStatus
from samhandling.events.services import RegistrationRefused, registration_create
from tests.concurrency import race as run_in_parallel

from .factories import ALTA, event, kommune, series

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
PARALLEL = 8


def race(target) -> list:
    return run_in_parallel(target, PARALLEL)


def test_parallel_sign_ups_never_overbook_the_last_seat(demo):
    conference = event(series(max_per_organisation=None), capacity=1)
    race(
        lambda n: registration_create(
            event=conference, name=f"P{n}", email=f"p{n}@example.org", consent=True
        )
    )
    statuses = list(Registration.objects.filter(event=conference).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 1
    assert statuses.count(RegistrationStatus.WAITING) == PARALLEL - 1
    positions = Registration.objects.filter(event=conference, status="waiting").values_list(
        "position", flat=True
    )
    assert sorted(positions) == list(range(1, PARALLEL))


def test_parallel_sign_ups_from_one_organisation_respect_its_places_across_the_series(demo):
    autumn = series(max_per_organisation=2)
    tromso, bodo = event(autumn), event(autumn)
    outcomes = race(
        lambda n: registration_create(
            event=tromso if n % 2 else bodo,
            name=f"P{n}",
            email=f"p{n}@example.org",
            consent=True,
            organisation=kommune(ALTA),
        )
    )
    refused = [o for o in outcomes if isinstance(o, RegistrationRefused)]
    assert len(refused) == PARALLEL - 2
    assert Registration.objects.filter(event__in=[tromso, bodo]).count() == 2
