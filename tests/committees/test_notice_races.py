"""Notices of minutes delivered once on PostgreSQL: two overlapping `committees_send_notices` runs
and the task worker race over the same failed notices against a slow SMTP sink."""

import io
import time

import pytest
from django.core.management import call_command
from django.db import connection

from samhandling.committees.notices import MinutesNotice, NoticeStatus
from samhandling.committees.pages import MeetingPage
from samhandling.committees.tasks import send_minutes_notices
from tests.concurrency import race
from tests.conftest import MR_HOST
from tests.smtp_sink import SmtpSink

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

    def run(n: int):
        time.sleep(n * DELAY / 3)  # overlapping, not in step
        if n < 2:
            call_command("committees_send_notices", stdout=io.StringIO())
        else:
            send_minutes_notices.call(publication_id)

    with SmtpSink(delay=DELAY) as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        notices.update(created=notices.first().created.replace(year=2020))  # stale: retried
        outcomes = race(run, 3)
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        deliveries = sink.deliveries()

    per_notice = [deliveries[address] for address in addresses]
    print(f"deliveries per notice, two racing runs and a worker: {per_notice}")
    assert per_notice == [1] * len(addresses)
    assert set(notices.values_list("status", flat=True)) == {NoticeStatus.SENT}
