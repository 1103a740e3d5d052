"""Exactly-once e-mail of links to personal data, against PostgreSQL: two overlapping
`privacy_send_links` runs and the task worker race over the same requests, against a slow mail
server, and each person gets their link once. With the old claim (bumping the attempt count) a run
overtook a send still under way and the same link went out two or three times."""

import pytest
from django.conf import settings

from samhandling.privacy.models import DataRequest, DataRequestStatus
from samhandling.privacy.services import data_request_create
from samhandling.privacy.tasks import send_data_request_link
from tests.smtp_sink import race_two_runs_and_the_worker

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (set DATABASE_URL)"),
    pytest.mark.django_db(transaction=True),
]
REQUESTS = 5
DELAY = 0.3  # seconds the mail server takes to accept each message


def test_two_link_runs_and_the_worker_deliver_each_link_once(settings):
    # Five requests while the mail server was down: five failed e-mails, waiting for a retry.
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"
    addresses = [f"person{n}@example.org" for n in range(REQUESTS)]
    for address in addresses:
        data_request_create(email=address, base_url="http://helse-nord.localhost", language="nn")
    requests = DataRequest.objects.filter(email__in=addresses)
    assert set(requests.values_list("status", flat=True)) == {DataRequestStatus.FAILED}
    ids = list(requests.order_by("created", "pk").values_list("pk", flat=True))

    def worker():  # the task worker, with a task per request
        for pk in ids:
            send_data_request_link.call(pk)

    deliveries, elapsed = race_two_runs_and_the_worker(
        settings, command="privacy_send_links", worker=worker, delay=DELAY
    )

    per_link = [deliveries[address] for address in addresses]
    print(f"deliveries per link, two racing runs and a worker: {per_link} ({elapsed:.1f} s)")
    assert per_link == [1] * REQUESTS, per_link
    assert set(requests.values_list("status", flat=True)) == {DataRequestStatus.SENT}
    assert set(requests.values_list("link", flat=True)) == {""}  # forgotten once sent
