"""A delivery is marked sent between the message's content and the final "." that makes the mail
server take it, so that a worker killed at any moment never leaves a message the server took
while the database still offers it to the next worker (a duplicate)."""

import smtplib
import time

from samhandling.newsletters.sending import _sendmail_marked
from tests.smtp_sink import SmtpSink

MESSAGE = (
    b"From: a@example.no\r\nTo: b@example.no\r\nSubject: Haustbrevet\r\n\r\n"
    b".a line that starts with a dot\r\nText.\r\n"
)


def _wait_for(sink: SmtpSink, count: int) -> None:
    deadline = time.monotonic() + 2
    while len(sink.messages) < count and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_mark_comes_after_the_content_and_before_the_server_takes_the_message():
    seen_at_mark = []
    with SmtpSink() as sink:
        smtp = smtplib.SMTP("127.0.0.1", sink.port, timeout=5)

        def mark():
            time.sleep(0.1)  # had the server taken the message already, the sink would have it
            seen_at_mark.append(len(sink.messages))
            return 1

        assert _sendmail_marked(smtp, "a@example.no", "b@example.no", MESSAGE, mark=mark) == 1
        _wait_for(sink, 1)
        smtp.quit()
        assert seen_at_mark == [0]
        (recipients, message), *_ = sink.messages
        assert recipients == ["b@example.no"]
        assert message.get_payload().startswith(".a line")  # dot-stuffing undone by the server


def test_a_delivery_taken_over_by_another_worker_is_abandoned_not_sent():
    with SmtpSink() as sink:
        smtp = smtplib.SMTP("127.0.0.1", sink.port, timeout=5)
        assert _sendmail_marked(smtp, "a@example.no", "b@example.no", MESSAGE, mark=lambda: 0) == 0
        smtp.close()  # what send_batch does (connection.drop): the server discards the message
        time.sleep(0.3)
        assert sink.messages == []
