"""Exactly-once e-mail against PostgreSQL: two overlapping `events_send_outbox` runs and the task
worker race over the same messages, against a slow mail server (a local SMTP sink that takes a
while to accept each message), and every participant gets each e-mail once. Before the claim
was held until the message was marked sent, each message went out two or three times."""

import pytest
from django.conf import settings

from samhandling.events.models import OutboxMessage, OutboxStatus
from samhandling.events.services import registration_create
from samhandling.events.tasks import send_outbox_message
from tests.smtp_sink import race_two_runs_and_the_worker

from .factories import event

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
MESSAGES = 5
DELAY = 0.3  # seconds the mail server takes to accept each message


def test_two_outbox_runs_and_the_worker_deliver_each_message_once(demo, settings):
    # Five sign-ups while the mail server was down: five failed messages, waiting for a retry.
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    conference = event(capacity=50)
    addresses = [f"deltakar{n}@example.org" for n in range(MESSAGES)]
    for n, address in enumerate(addresses):
        registration_create(
            event=conference, name=f"Deltakar {n}", email=address, consent=True, language="nn"
        )
    messages = OutboxMessage.objects.filter(to_email__in=addresses)
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.FAILED}
    ids = list(messages.order_by("created").values_list("pk", flat=True))

    def worker():  # the task worker, with a task per message
        for pk in ids:
            send_outbox_message.call(pk)

    deliveries, elapsed = race_two_runs_and_the_worker(
        settings, command="events_send_outbox", worker=worker, delay=DELAY
    )

    per_message = [deliveries[address] for address in addresses]
    print(f"deliveries per message, two racing runs and a worker: {per_message} ({elapsed:.1f} s)")
    assert per_message == [1] * MESSAGES, per_message
    assert set(messages.values_list("status", flat=True)) == {OutboxStatus.SENT}
