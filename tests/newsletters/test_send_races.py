"""Two workers side by side on PostgreSQL never send the same delivery: each claims its batches
with SELECT … FOR UPDATE SKIP LOCKED and the claim condition, against a slow SMTP server, so
that the workers overlap for the whole send."""

import threading

import pytest
from django.db import connection

from samhandling.newsletters import sending
from tests.concurrency import race
from tests.smtp_sink import SmtpSink, smtp_to

from .send_fixtures import issue, mailing_list, subscribers

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


def test_two_workers_send_each_delivery_exactly_once(demo, settings, monkeypatch):
    settings.NEWSLETTER_BATCH_SIZE = 4
    monkeypatch.setattr(sending, "enqueue_workers", lambda *args, **kwargs: None)
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 40)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)
    with SmtpSink(delay=0.02) as sink:
        smtp_to(settings, sink.port)
        outcomes = race(lambda n: sending.run_worker(send_id=send.pk), 2)
        assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
        received = sink.deliveries()
    per_reader = [received[r.email] for r in readers]
    print(f"messages per worker: {[o.sent for o in outcomes]}")
    assert per_reader == [1] * len(readers)
    assert all(o.sent > 0 for o in outcomes), "the workers did not share the send"
    assert sum(o.sent for o in outcomes) == len(readers)
    assert sum(o.lost for o in outcomes) == 0


def test_one_worker_task_sends_with_several_sender_threads_each_delivery_once(
    demo, settings, monkeypatch
):
    """On PostgreSQL a worker task runs NEWSLETTER_SEND_THREADS senders, each with its own
    claims and connections; together they send every delivery exactly once."""
    settings.NEWSLETTER_BATCH_SIZE = 3
    settings.NEWSLETTER_SEND_THREADS = 3
    monkeypatch.setattr(sending, "enqueue_workers", lambda *args, **kwargs: None)
    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 30)
    send, _ = sending.start_send(issue=the_issue, mailing_list=the_list)
    senders = []
    original = sending._send_loop

    def recording(**kwargs):
        outcome, sends = original(**kwargs)
        senders.append((threading.current_thread().name, outcome.sent))
        return outcome, sends

    monkeypatch.setattr(sending, "_send_loop", recording)
    with SmtpSink(delay=0.02) as sink:
        smtp_to(settings, sink.port)
        outcome = sending.run_worker(send_id=send.pk)
        received = sink.deliveries()
    assert [received[r.email] for r in readers] == [1] * len(readers)
    assert (outcome.sent, outcome.lost) == (len(readers), 0)
    assert len({name for name, _sent in senders}) == 3
    assert sum(sent for _name, sent in senders) == len(readers)
    send.refresh_from_db()
    assert send.status == "done"
