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


class SlowBackend:
    """The locmem backend with a slow mail server, so that workers overlap while sending."""

    def __init__(self, *args, **kwargs):
        from django.core.mail.backends.locmem import EmailBackend

        self.backend = EmailBackend(*args, **kwargs)

    def send_messages(self, messages):
        import time

        time.sleep(0.05)
        return self.backend.send_messages(messages)


def test_parallel_workers_send_each_notice_of_minutes_once(demo, settings):

    from django.core import mail
    from wagtail.models import Site

    from samhandling.committees.emails import minutes_notices_send
    from samhandling.committees.notices import MinutesNotice, NoticeStatus
    from samhandling.committees.pages import MeetingPage
    from tests.conftest import MR_HOST

    from .factories import MembershipFactory, PersonFactory, oslo

    root = Site.objects.get(hostname=MR_HOST).root_page
    board = committee(
        structure(root, slug="race-varsel"), "race-varsel", notify_members_of_minutes=True
    )
    addresses = [f"medlem{n}@kommune.example" for n in range(6)]
    for address in addresses:
        MembershipFactory(person=PersonFactory(email=address), committee=board)
    meeting = MeetingPage(
        slug="m", title="Møte", start=oslo(2024, 2, 1, 10, 0), minutes="<p>Referat.</p>"
    )
    board.add_child(instance=meeting)
    settings.EMAIL_BACKEND = "tests.committees.test_races.SlowBackend"
    # Published and committed: the publication and its notices exist; make them unsent again
    # and let several workers pick them up at once.
    meeting.minutes_published = True
    meeting.save_revision().publish()
    notices = MinutesNotice.objects.filter(publication__meeting=meeting)
    assert notices.count() == len(addresses)
    notices.update(status=NoticeStatus.QUEUED, sent_at=None, attempts=0)
    mail.outbox.clear()

    outcomes = race(lambda n: minutes_notices_send(publication_id=notices.first().publication_id))
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    sent = sorted(address for message in mail.outbox for address in message.to)
    assert sent == sorted(addresses)  # each once
    assert sum(outcomes) == len(addresses)
    assert set(notices.values_list("status", flat=True)) == {NoticeStatus.SENT}
