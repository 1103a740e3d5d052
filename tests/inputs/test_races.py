"""Parallel input from one sign-up against PostgreSQL: the row lock on the sign-up keeps the
per-sign-up limit (without it this test fails: 23 of 20)."""

import pytest
from django.conf import settings

from samhandling.inputs.models import Input
from samhandling.inputs.services import (
    MAX_INPUTS_PER_REGISTRATION,
    InputRefused,
    input_send,
)
from tests.concurrency import race

from .factories import event, registration

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
PARALLEL = 8


def test_parallel_input_never_passes_the_limit_of_one_sign_up(demo):
    reg, _token = registration(event(days=5))
    for n in range(MAX_INPUTS_PER_REGISTRATION - 1):
        input_send(registration=reg, text=f"Innspill {n}")
    outcomes = race(lambda n: input_send(registration=reg, text=f"Samtidig {n}"), PARALLEL)
    assert Input.objects.filter(registration=reg).count() == MAX_INPUTS_PER_REGISTRATION
    refused = [o for o in outcomes if isinstance(o, InputRefused)]
    assert len(refused) == PARALLEL - 1 and all(o.code == "limit" for o in refused)
