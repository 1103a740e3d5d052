"""A test mail backend (Django's locmem outbox) that refuses chosen addresses with an SMTP reply
code, breaks the connection for others, and counts how often a connection is opened."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSE: dict[str, int] = {}  # address → SMTP reply code
DISCONNECT: set[str] = set()
OPENED: list[int] = []


def reset() -> None:
    REFUSE.clear()
    DISCONNECT.clear()
    OPENED.clear()


class RefusingBackend(EmailBackend):
    def open(self):
        OPENED.append(1)
        return True

    def send_messages(self, messages):
        for message in messages:
            for address in message.recipients():
                if address in DISCONNECT:
                    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
                if address in REFUSE:
                    code = REFUSE[address]
                    raise smtplib.SMTPRecipientsRefused({address: (code, b"refused")})
        return super().send_messages(messages)
