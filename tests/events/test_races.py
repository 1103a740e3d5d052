"""Parallel sign-ups against PostgreSQL: the row lock on the series keeps the last seat and an
organisation's last place from being taken twice. (SQLite serialises writers anyway, so these
run only when DATABASE_URL points at PostgreSQL.)"""

import threading

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections
from wagtail.models import Collection, Locale, Page, Site

from samhandling.events.models import Registration, RegistrationStatus
from samhandling.events.services import RegistrationRefused, registration_create

from .factories import ALTA, HN_HOST, event, kommune, series

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
PARALLEL = 8


@pytest.fixture
def demo(transactional_db):
    """The demo, loaded again after a flush (which also removes Wagtail's root page)."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    if Page.get_first_root_node() is None:
        locale = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale, content_type=page_type)
        )
    if not Site.objects.filter(hostname=HN_HOST).exists():
        call_command("load_demo", "--no-admin", "--port", "80", verbosity=0, stdout=_Null())


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


def race(target, count: int = PARALLEL) -> list:
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
