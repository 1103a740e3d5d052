"""The nightly purge of unconfirmed addresses, the confirmation outbox's retry, and the
subscribers as a source of personal data."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samhandling.core.scheduling import periodic_jobs
from samhandling.newsletters.models import Subscriber, SubscriberMail, Suppression
from samhandling.newsletters.subscribers import email_hash
from samhandling.newsletters.subscribing import purge_unconfirmed, subscribe
from samhandling.privacy.registry import erase_all, sources

from .subscribe_helpers import community, mr_lists

pytestmark = pytest.mark.django_db


def new(email: str, *, days_ago: float = 0, confirmed: bool = False) -> Subscriber:
    moment = timezone.now() - dt.timedelta(days=days_ago)
    person = subscribe(
        community=community(),
        email=email,
        language="nn",
        lists=[mr_lists()["nyhendebrev"]],
        now=moment,
    )
    if confirmed:
        person.confirmed_at = moment
        person.save()
    return person


def test_the_purge_forgets_unconfirmed_addresses_after_the_setting(demo, settings):
    settings.NEWSLETTER_UNCONFIRMED_DAYS = 7
    old = new("old-unconfirmed@example.no", days_ago=8)
    fresh = new("fresh-unconfirmed@example.no", days_ago=6)
    kept = new("old-confirmed@example.no", days_ago=30, confirmed=True)
    assert purge_unconfirmed() >= 1
    assert not Subscriber.objects.filter(pk=old.pk).exists()
    assert not SubscriberMail.objects.filter(to_email="old-unconfirmed@example.no").exists()
    assert Subscriber.objects.filter(pk__in=[fresh.pk, kept.pk]).count() == 2
    assert not Suppression.objects.filter(email_hash=email_hash("old-unconfirmed@example.no"))


def test_the_purge_and_the_retry_are_periodic_jobs(demo):
    commands = {job.command for job in periodic_jobs()}
    assert {"newsletters_purge_unconfirmed", "newsletters_send_confirmations"} <= commands
    new("job@example.no", days_ago=100)
    call_command("newsletters_purge_unconfirmed", stdout=__import__("io").StringIO())
    assert not Subscriber.objects.filter(email="job@example.no").exists()


def test_a_confirmation_that_failed_is_sent_once_by_the_retry(demo, monkeypatch):
    new("retry@example.no")  # without the on-commit task: the row waits in the outbox
    row = SubscriberMail.objects.get(to_email="retry@example.no")
    assert row.status == "queued" and not mail.outbox
    call_command("newsletters_send_confirmations", stdout=__import__("io").StringIO())
    call_command("newsletters_send_confirmations", stdout=__import__("io").StringIO())
    row.refresh_from_db()
    assert row.status == "sent"
    assert [message.to for message in mail.outbox] == [["retry@example.no"]]
    assert "\n" not in row.subject and "retry@example.no" not in row.subject


def test_a_data_request_finds_and_erases_the_subscription(demo):
    person = new("Privacy@Example.no", confirmed=True)
    source = next(source for source in sources() if source.key == "newsletter_subscriptions")
    (record,) = source.find(email="privacy@example.no")
    assert record.data["email"] == "privacy@example.no"
    assert record.data["lists"] == ["Nyhendebrev"]
    assert record.data["confirmed_at"]
    counts = erase_all(email="PRIVACY@example.no", now=timezone.now())
    assert counts["newsletter_subscriptions"] == {"deleted": 1}
    assert not Subscriber.objects.filter(pk=person.pk).exists()
    assert Suppression.objects.filter(email_hash=email_hash("privacy@example.no")).exists()
    assert source.find(email="privacy@example.no") == []
    assert "7" in source.retention() or "dagar" in source.retention()
