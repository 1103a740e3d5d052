"""DKIM signing (RFC 6376) of every e-mail the site sends, when a key is configured.

Set `EMAIL_BACKEND=samhandling.newsletters.dkim.DkimEmailBackend` and DKIM_DOMAIN, DKIM_SELECTOR
and DKIM_PRIVATE_KEY (the PEM text) or DKIM_PRIVATE_KEY_FILE; publish the public key as a TXT
record at `<selector>._domainkey.<domain>` (README, "Sending newsletters"). The backend is
Django's SMTP backend that signs each message's final bytes just before they are handed to the
server (relaxed/relaxed canonicalisation, rsa-sha256, the headers mail providers look at,
`List-Unsubscribe` and `List-Unsubscribe-Post` included as RFC 8058 asks). Without the settings
it sends unsigned, as the plain SMTP backend does."""

import smtplib
from functools import cached_property
from pathlib import Path

import dkim
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

SIGNED_HEADERS = (
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"mime-version",
    b"content-type",
    b"list-id",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
)


def dkim_key() -> bytes:
    if settings.DKIM_PRIVATE_KEY:
        return settings.DKIM_PRIVATE_KEY.replace("\\n", "\n").encode()
    if settings.DKIM_PRIVATE_KEY_FILE:
        return Path(settings.DKIM_PRIVATE_KEY_FILE).read_bytes()
    return b""


def dkim_configured() -> bool:
    return bool(settings.DKIM_DOMAIN and settings.DKIM_SELECTOR and dkim_key())


def dkim_sign(data: bytes, *, key: bytes | None = None) -> bytes:
    """The message with its DKIM-Signature header in front."""
    key = key if key is not None else dkim_key()
    present = {
        line.split(b":", 1)[0].strip().lower()
        for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
        if b":" in line
    }
    signature = dkim.sign(
        data,
        selector=settings.DKIM_SELECTOR.encode(),
        domain=settings.DKIM_DOMAIN.encode(),
        privkey=key,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[name for name in SIGNED_HEADERS if name in present],
    )
    return signature + data


class DkimEmailBackend(EmailBackend):
    @cached_property
    def key(self) -> bytes:
        if not dkim_configured():
            return b""
        key = dkim_key()
        if b"PRIVATE KEY" not in key:
            raise ImproperlyConfigured("DKIM_PRIVATE_KEY(_FILE) does not hold a PEM private key.")
        return key

    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in email_message.recipients()]
        data = email_message.message().as_bytes(linesep="\r\n")
        if self.key:
            data = dkim_sign(data, key=self.key)
        try:
            self.connection.sendmail(from_email, recipients, data)
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
