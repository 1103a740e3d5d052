"""Sending an issue to a list: one delivery per confirmed subscriber, once; batches over one
connection; unsubscribing during a send; temporary failures retried with backoff; hard bounces
suppressed; a worker killed in the middle of a batch taken over without duplicates."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samhandling.newsletters import sending
from samhandling.newsletters.models import (
    Delivery,
    DeliveryStatus,
    NewsletterSend,
    SendStatus,
    Subscriber,
    Suppression,
)
from samhandling.newsletters.subscribers import email_hash

from . import refusing_backend
from .send_fixtures import issue, mailing_list, subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings):
    settings.EMAIL_BACKEND = "tests.newsletters.refusing_backend.RefusingBackend"
    refusing_backend.reset()
    yield refusing_backend
    refusing_backend.reset()


def _received() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def _start(the_issue, the_list, capture):
    with capture(execute=True):
        return sending.start_send(issue=the_issue, mailing_list=the_list, requested_by=None)


def test_a_send_reaches_each_confirmed_subscriber_once_and_a_second_press_sends_nothing(
    demo, backend, django_capture_on_commit_callbacks
):
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 4)
    subscribers(the_list, 2, prefix="ustadfest", confirmed=False)

    send, created = _start(the_issue, the_list, django_capture_on_commit_callbacks)
    again, created_again = _start(the_issue, the_list, django_capture_on_commit_callbacks)

    assert created and not created_again and again.pk == send.pk
    assert _received() == Counter({r.email: 1 for r in readers})
    send.refresh_from_db()
    assert send.status == SendStatus.DONE and send.recipient_count == 4
    assert sending.send_progress(send) == {
        "total": 4,
        "sent": 4,
        "failed": 0,
        "bounced": 0,
        "skipped": 0,
        "left": 0,
    }
    assert NewsletterSend.objects.filter(issue=the_issue, mailing_list=the_list).count() == 1


def test_a_batch_goes_over_one_connection(
    demo, backend, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_WORKER_TASKS = 1
    the_issue, the_list = issue(), mailing_list()
    subscribers(the_list, 12)
    _start(the_issue, the_list, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 12
    assert len(backend.OPENED) == 1  # one worker, one connection for all its batches


def test_who_unsubscribes_during_a_send_gets_nothing_more(demo, backend, settings):
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 6)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)  # tasks not run
    first = sending.claim_batch(send_id=send.pk, size=2)
    sending.send_batch(first, connection=sending._Connection(), mails=sending._Mails())
    leaving = [r for r in readers if r.email not in _received()][:2]
    leaving[0].delete()  # unsubscribed from everything: erased
    leaving[1].subscriptions.all().delete()  # left this list

    outcome = sending.run_worker(send_id=send.pk)

    assert outcome.skipped == 2 and outcome.sent == 2
    assert all(_received()[r.email] == 0 for r in leaving)
    assert sum(_received().values()) == 4
    skipped = Delivery.objects.filter(send=send, status=DeliveryStatus.SKIPPED)
    assert skipped.count() == 2 and set(skipped.values_list("email", flat=True)) == {""}


def test_a_temporary_failure_is_retried_after_its_backoff(demo, backend, settings):
    settings.NEWSLETTER_RETRY_SECONDS = 60
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 3)
    backend.REFUSE[readers[1].email] = 451  # "try again later"
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)

    before = timezone.now()
    first = sending.run_worker(send_id=send.pk)
    failed = Delivery.objects.get(send=send, subscriber=readers[1])
    assert (first.sent, first.failed) == (2, 1)
    assert failed.status == DeliveryStatus.FAILED and failed.smtp_code == 451
    assert before + timedelta(seconds=59) < failed.next_attempt_at < before + timedelta(seconds=70)
    assert sending.run_worker(send_id=send.pk).sent == 0  # not due yet

    # Due, and still refused: the second wait is twice the first.
    Delivery.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    moment = timezone.now()
    sending.run_worker(send_id=send.pk)
    failed.refresh_from_db()
    assert failed.attempts == 2
    assert failed.next_attempt_at > moment + timedelta(seconds=119)

    del backend.REFUSE[readers[1].email]
    Delivery.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now())
    assert sending.run_worker(send_id=send.pk).sent == 1
    assert _received()[readers[1].email] == 1
    send.refresh_from_db()
    assert send.status == SendStatus.DONE


def test_a_broken_connection_frees_the_rest_of_the_batch_for_later(demo, backend):
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 4)
    backend.DISCONNECT.add(readers[1].email)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)
    sending.run_worker(send_id=send.pk)
    statuses = dict(Delivery.objects.filter(send=send).values_list("subscriber_id", "status"))
    assert statuses[readers[0].pk] == DeliveryStatus.SENT
    assert {statuses[r.pk] for r in readers[1:]} == {DeliveryStatus.FAILED}
    assert Delivery.objects.get(send=send, subscriber=readers[2]).attempts == 0  # never tried
    backend.DISCONNECT.clear()
    Delivery.objects.filter(send=send).update(next_attempt_at=timezone.now())
    sending.run_worker(send_id=send.pk)
    assert _received() == Counter({r.email: 1 for r in readers})


def test_a_hard_bounce_suppresses_the_address_and_erases_the_subscriber(demo, backend):
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 2)
    gone = readers[0]
    backend.REFUSE[gone.email] = 550
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)

    outcome = sending.run_worker(send_id=send.pk)

    assert (outcome.sent, outcome.bounced) == (1, 1)
    bounced = Delivery.objects.get(send=send, status=DeliveryStatus.BOUNCED)
    assert bounced.smtp_code == 550 and bounced.email == "" and bounced.subscriber_id is None
    assert not Subscriber.objects.filter(pk=gone.pk).exists()
    suppression = Suppression.objects.get(email_hash=email_hash(gone.email))
    assert suppression.reason == "bounced" and suppression.community_id == the_list.community_id
    assert sending.run_worker(send_id=send.pk).sent == 0  # and it is not tried again


def test_a_worker_killed_mid_batch_is_taken_over_without_duplicates(demo, backend, settings):
    settings.NEWSLETTER_LEASE_SECONDS = 60
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 5)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)
    # The worker claims a batch of five, sends two and is killed (SIGKILL) before the third.
    batch = sending.claim_batch(send_id=send.pk, size=5)
    killed = sending.Batch(
        token=batch.token, lease_until=batch.lease_until, deliveries=batch.deliveries[:2]
    )
    sending.send_batch(killed, connection=sending._Connection(), mails=sending._Mails())
    assert len(mail.outbox) == 2

    # Restarted at once: the claim still holds, so nothing is taken.
    assert sending.run_worker(send_id=send.pk).sent == 0
    # The lease lapses: the three left are sent, the two marked are not sent again.
    Delivery.objects.filter(send=send, status=DeliveryStatus.SENDING).update(
        lease_until=timezone.now() - timedelta(seconds=1)
    )
    assert sending.run_worker(send_id=send.pk).sent == 3
    assert _received() == Counter({r.email: 1 for r in readers})
    send.refresh_from_db()
    assert send.status == SendStatus.DONE


def test_a_cancelled_send_sends_nothing_more(demo, backend):
    the_issue, the_list = issue(), mailing_list()
    subscribers(the_list, 3)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)
    NewsletterSend.objects.filter(pk=send.pk).update(status=SendStatus.CANCELLED)
    assert sending.run_worker(send_id=send.pk).sent == 0
    assert mail.outbox == []


def test_a_test_send_goes_to_the_staff_member_only(
    demo, backend, django_capture_on_commit_callbacks
):
    the_issue, the_list = issue(), mailing_list()
    subscribers(the_list, 3)
    with django_capture_on_commit_callbacks(execute=True):
        sending.send_test(
            issue=the_issue, email="redaktor@example.org", language="nb", requested_by=None
        )
    assert [m.to for m in mail.outbox] == [["redaktor@example.org"]]
    message = mail.outbox[0]
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/nyhendebrev/avmeld/" not in message.body
