"""The subscriber side against PostgreSQL, in parallel: the same address subscribed at the same
moment gives one subscriber and no error; a mail client's one-click POST repeated at once erases
once and keeps one suppression; racing outbox runs and the worker send each confirmation once.
SQLite serialises writers anyway, so these run only when DATABASE_URL points at PostgreSQL."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samhandling.newsletters.confirmations import SubscriberMail
from samhandling.newsletters.models import Subscriber, Suppression
from samhandling.newsletters.subscriber_tasks import send_subscriber_mail
from samhandling.newsletters.subscribers import email_hash
from samhandling.newsletters.subscribing import subscribe
from samhandling.newsletters.tokens import subscriber_token
from tests.concurrency import POSTGRES_RACE, race
from tests.smtp_sink import race_two_runs_and_the_worker

from .subscribe_helpers import MR_HOST, community, mr_lists

pytestmark = POSTGRES_RACE
PARALLEL = 6


def test_the_same_address_subscribed_at_once_gives_one_subscriber(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    lists = [mr_lists()["nyhendebrev"]]
    here = community()
    outcomes = race(
        lambda n: subscribe(
            community=here, email="samtidig@example.no", language="nn", lists=lists
        ),
        PARALLEL,
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    person = Subscriber.objects.get(community=here, email="samtidig@example.no")
    assert person.subscriptions.count() == 1
    assert SubscriberMail.objects.filter(subscriber=person).count() == PARALLEL


def test_a_repeated_one_click_post_erases_once(demo):
    person = subscribe(
        community=community(),
        email="eittklikk@example.no",
        language="nn",
        lists=[mr_lists()["nyhendebrev"]],
    )
    Subscriber.objects.filter(pk=person.pk).update(confirmed_at=timezone.now())
    url = reverse("newsletters:unsubscribe", args=[subscriber_token(person)])

    def post(_n):
        return (
            Client(HTTP_HOST=MR_HOST)
            .post(
                url,
                data="List-Unsubscribe=One-Click",
                content_type="application/x-www-form-urlencoded",
            )
            .status_code
        )

    assert race(post, PARALLEL) == [200] * PARALLEL
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    hashed = email_hash("eittklikk@example.no")
    assert Suppression.objects.filter(community=community(), email_hash=hashed).count() == 1


def test_racing_outbox_runs_and_the_worker_send_each_confirmation_once(demo, settings):
    settings.EMAIL_BACKEND = "tests.events.broken_mail.BrokenBackend"  # the mail server is down
    lists = [mr_lists()["nyhendebrev"]]
    for n in range(4):
        subscribe(community=community(), email=f"kappl{n}@example.no", language="nn", lists=lists)
    mails = SubscriberMail.objects.filter(to_email__startswith="kappl")
    ids = list(mails.values_list("pk", flat=True))
    assert len(ids) == 4

    def worker():
        for pk in ids:
            send_subscriber_mail.call(pk)

    deliveries, _elapsed = race_two_runs_and_the_worker(
        settings, command="newsletters_send_confirmations", worker=worker, delay=0.2
    )
    assert [deliveries[f"kappl{n}@example.no"] for n in range(4)] == [1] * 4
    assert set(mails.values_list("status", flat=True)) == {"sent"}
