"""DKIM: with a key configured, every message the SMTP backend hands to the server carries a
signature that dkimpy verifies against the public key (as a receiving server would, from DNS),
covering the one-click unsubscribe headers; without a key nothing is signed."""

import base64
import subprocess

import dkim
import pytest
from django.core.mail import EmailMessage, get_connection

from samhandling.newsletters.email import IssueMail, subscriber_recipient
from tests.smtp_sink import SmtpSink, smtp_to

from .send_fixtures import issue, mailing_list, subscribers


class RawSink(SmtpSink):
    """The sink, keeping each message's bytes as they arrived."""

    def __init__(self):
        super().__init__()
        self.raw: list[bytes] = []

    def accept(self, recipients, data):
        self.raw.append(data)
        super().accept(recipients, data)


@pytest.fixture
def key_pair(tmp_path):
    """A fresh 2048-bit RSA key (openssl, as dkimpy's own dknewkey makes one) and its DNS record."""
    private = tmp_path / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-out", str(private), "2048"], check=True, capture_output=True
    )  # noqa: S603, S607
    public = subprocess.run(  # noqa: S603, S607
        ["openssl", "rsa", "-in", str(private), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    return private.read_bytes(), b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def _dns(record):
    def lookup(name, timeout=5):
        assert name == b"nyhende._domainkey.samhandling.example."
        return record

    return lookup


@pytest.mark.django_db
def test_a_newsletter_is_signed_and_the_signature_verifies(demo, settings, key_pair):
    pem, record = key_pair
    settings.DKIM_DOMAIN, settings.DKIM_SELECTOR = "samhandling.example", "nyhende"
    settings.DKIM_PRIVATE_KEY, settings.DKIM_PRIVATE_KEY_FILE = pem.decode(), ""
    the_issue, the_list = issue(), mailing_list()
    reader = subscribers(the_list, 1)[0]
    with RawSink() as sink:
        smtp_to(settings, sink.port)
        connection = get_connection("samhandling.newsletters.dkim.DkimEmailBackend")
        message = IssueMail(issue=the_issue, mailing_list=the_list).message(
            subscriber_recipient(subscriber=reader, message_id="newsletter.9.9"),
            connection=connection,
        )
        message.send()
    raw = sink.raw[0].replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n")
    assert raw.startswith(b"DKIM-Signature:")
    signature = raw.split(b"\r\n\r\n", 1)[0].decode().split("DKIM-Signature:", 1)[1]
    signed = signature.split(" h=", 1)[1].split(";", 1)[0].replace("\r\n", "").replace(" ", "")
    assert {"from", "subject", "list-unsubscribe", "list-unsubscribe-post"} <= set(
        signed.split(":")
    )
    assert dkim.verify(raw, dnsfunc=_dns(record))
    # A changed body fails the check, as it would at the receiving server.
    assert not dkim.verify(raw.replace(b"Haustbrevet", b"Vaarbrevet"), dnsfunc=_dns(record))


def test_without_a_key_nothing_is_signed(settings):
    settings.DKIM_DOMAIN = settings.DKIM_SELECTOR = ""
    settings.DKIM_PRIVATE_KEY = settings.DKIM_PRIVATE_KEY_FILE = ""
    with RawSink() as sink:
        smtp_to(settings, sink.port)
        connection = get_connection("samhandling.newsletters.dkim.DkimEmailBackend")
        EmailMessage(
            "Hei", "Tekst", "a@samhandling.example", ["b@example.org"], connection=connection
        ).send()
    assert not sink.raw[0].startswith(b"DKIM-Signature:")
