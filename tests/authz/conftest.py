import pytest
from django.db import transaction

from . import world as w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The records and users of the matrix (world.py), made once per module in a transaction
    rolled back at its end (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield w.build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
