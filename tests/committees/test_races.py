"""Parallel allocation of case numbers against PostgreSQL: the row lock on the committee keeps two
agenda items from getting the same number. (SQLite serialises writers anyway, so this runs only
when DATABASE_URL points at PostgreSQL.)"""

import pytest
from django.db import connection

from samhandling.committees.agenda import AgendaItemNumber
from samhandling.committees.services import agenda_item_number_next
from tests.concurrency import race as run_in_parallel

from .factories import committee, structure

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PARALLEL = 8


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def race(target) -> list:
    return run_in_parallel(target, PARALLEL)


def test_parallel_allocation_hands_out_each_number_once(demo):
    ssu = committee(structure(slug="race"), "ssu-race")
    outcomes = race(lambda n: agenda_item_number_next(committee=ssu, year=2023))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted(outcomes) == list(range(1, PARALLEL + 1))
    numbers = AgendaItemNumber.objects.filter(committee=ssu, year=2023)
    assert sorted(numbers.values_list("number", flat=True)) == list(range(1, PARALLEL + 1))
