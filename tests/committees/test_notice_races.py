"""Notices of minutes delivered once on PostgreSQL: two overlapping `committees_send_notices` runs
and the task worker race over the same failed notices against a slow SMTP sink."""

import pytest
from django.db import connection

from samhandling.committees.notices import MinutesNotice, NoticeStatus
from samhandling.committees.pages import MeetingPage
from samhandling.committees.tasks import send_minutes_notices
from tests.conftest import MR_HOST
from tests.smtp_sink import race_two_runs_and_the_worker

from .factories import MembershipFactory, PersonFactory, committee, oslo, structure

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
DELAY = 0.3


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def test_two_notice_runs_and_the_worker_deliver_each_notice_once(demo, settings):
    from wagtail.models import Site

    root = Site.objects.get(hostname=MR_HOST).root_page
    board = committee(structure(root, slug="kappløp"), "kapplop", notify_members_of_minutes=True)
    addresses = [f"medlem{n}@kommune.example" for n in range(5)]
    for address in addresses:
        MembershipFactory(person=PersonFactory(email=address), committee=board)
    meeting = MeetingPage(
        slug="m", title="Møte", start=oslo(2024, 2, 1, 10, 0), minutes="<p>Referat.</p>"
    )
    board.add_child(instance=meeting)
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"  # the server was down
    meeting.minutes_published = True
    meeting.save_revision().publish()
    notices = MinutesNotice.objects.filter(publication__meeting=meeting)
    assert set(notices.values_list("status", flat=True)) == {NoticeStatus.FAILED}
    publication_id = notices.first().publication_id
    notices.update(status=NoticeStatus.QUEUED)  # and the first task never ran

    notices.update(created=notices.first().created.replace(year=2020))  # stale: retried
    deliveries, _elapsed = race_two_runs_and_the_worker(
        settings,
        command="committees_send_notices",
        worker=lambda: send_minutes_notices.call(publication_id),
        delay=DELAY,
    )

    per_notice = [deliveries[address] for address in addresses]
    print(f"deliveries per notice, two racing runs and a worker: {per_notice}")
    assert per_notice == [1] * len(addresses)
    assert set(notices.values_list("status", flat=True)) == {NoticeStatus.SENT}
