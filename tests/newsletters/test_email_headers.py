"""The issue as e-mail: RFC 8058 one-click unsubscribe, List-Id, Message-ID, a subject that can
carry no header, HTML and text parts with absolute links, and the subscriber's language for the
frame around the issue's own words."""

import re
from email.utils import parseaddr

import pytest
from django.core import mail
from wagtail.models import Site

from samhandling.newsletters import sending
from samhandling.newsletters.email import IssueMail, Recipient, header_text, subscriber_recipient
from samhandling.newsletters.tokens import subscriber_token

from .send_fixtures import MR_HOST, issue, mailing_list, subscribers

pytestmark = pytest.mark.django_db


@pytest.fixture
def https_site(demo):
    Site.objects.filter(hostname=MR_HOST).update(port=443)
    from django.core.cache import cache

    cache.clear()


def _message(subscriber, the_issue, the_list):
    built = IssueMail(issue=the_issue, mailing_list=the_list).message(
        subscriber_recipient(subscriber=subscriber, message_id="newsletter.1.2")
    )
    return built, built.message()


def test_one_click_unsubscribe_headers_and_list_id(https_site):
    the_issue, the_list = issue(), mailing_list()
    reader = subscribers(the_list, 1)[0]
    token = subscriber_token(reader)
    _built, message = _message(reader, the_issue, the_list)

    assert message["List-Unsubscribe"] == (f"<https://{MR_HOST}/nyhendebrev/avmeld/{token}/>")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        rf'"Nyhendebrev \(test\)" <nyhendebrev-test\.{the_list.pk}\.[a-z.-]+>', message["List-Id"]
    )
    assert re.fullmatch(r"<newsletter\.1\.2@[a-z.-]+>", message["Message-ID"])
    assert message["Subject"] == "Haustbrevet (test)"
    assert message["To"] == reader.email


def test_a_title_with_line_breaks_stays_one_subject_line(https_site):
    the_issue = issue(title="Haust\r\nBcc: alle@example.org", slug="haust-bcc")
    the_list = mailing_list()
    reader = subscribers(the_list, 1)[0]
    _built, message = _message(reader, the_issue, the_list)
    assert message["Subject"] == "Haust Bcc: alle@example.org"
    assert message["Bcc"] is None
    assert header_text("a\nb\rc\x00d") == "a b cd"


def test_html_and_text_parts_carry_the_content_and_visible_links(https_site):
    the_issue, the_list = issue(), mailing_list()
    reader = subscribers(the_list, 1)[0]
    token = subscriber_token(reader)
    built, _mime = _message(reader, the_issue, the_list)
    html = built.alternatives[0][0]
    text = built.body

    for part in (html, text):
        assert f"https://{MR_HOST}/nyhendebrev/avmeld/{token}/" in part
        assert f"https://{MR_HOST}/nyhendebrev/innstillingar/{token}/" in part
        assert "Haustens nyheiter frå Helsefellesskapa" in part  # the linked seed 002 article
        assert "16. oktober 2023" in part
        assert "https://www.helsedirektoratet.no/nyhendebrev-test.pdf" in part
        assert "Nasjonalt nyhendebrev (test)" in part
    assert built.alternatives[0][1] == "text/html"
    # Every link and image is absolute, and nothing is loaded from elsewhere but the site.
    assert not re.search(r'(href|src)="/', html)
    assert all(src.startswith(f"https://{MR_HOST}/") for src in re.findall(r'src="([^"]+)"', html))
    assert "<link" not in html and "@import" not in html and "<script" not in html
    assert "<table" in html and 'role="presentation"' in html
    assert "Avmeld" in html and "Avmeld" in text  # nynorsk frame for a nynorsk reader


def test_the_frame_is_in_the_readers_language_and_the_content_as_written(https_site):
    the_issue, the_list = issue(), mailing_list()
    reader = subscribers(the_list, 1, language="nb")[0]
    built, _mime = _message(reader, the_issue, the_list)
    html = built.alternatives[0][0]
    assert '<html lang="nb">' in html
    assert "Meld av" in html and "Meld av" in built.body  # bokmål around
    assert 'lang="nn"' in html  # the nynorsk issue marked as such
    assert "Nytt frå helsefellesskapet." in html  # the issue's words unchanged


def test_a_sent_message_has_the_headers_at_the_mail_server(
    https_site, settings, django_capture_on_commit_callbacks
):
    the_issue, the_list = issue(), mailing_list()
    subscribers(the_list, 2)
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(issue=the_issue, mailing_list=the_list)
    assert len(mail.outbox) == 2
    ids = {m.message()["Message-ID"] for m in mail.outbox}
    assert len(ids) == 2
    for message in mail.outbox:
        assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_prepared_bytes_are_the_same_message_as_the_ordinary_build(https_site):
    """What the worker hands to an SMTP server (the send's prepared bytes, three placeholders
    replaced) has the headers and parts of the message Django builds for that recipient."""
    import email

    from samhandling.newsletters.email import raw_message

    the_issue, the_list = issue(), mailing_list()
    readers = subscribers(the_list, 2, language="nb")
    mail_ = IssueMail(issue=the_issue, mailing_list=the_list)
    for reader in readers:
        recipient = subscriber_recipient(subscriber=reader, message_id=f"newsletter.1.{reader.pk}")
        sender, data = raw_message(mail_, recipient)
        fast = email.message_from_bytes(data)
        ordinary = mail_.message(recipient).message()
        assert parseaddr(sender)[1] == "ikke-svar@samhandling.no"  # the envelope sender
        for name in (
            "To",
            "Subject",
            "From",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "List-Id",
            "Message-ID",
        ):
            assert " ".join(fast[name].split()) == " ".join(ordinary[name].split()), name
        fast_parts = [p.get_payload(decode=True) for p in fast.walk() if not p.is_multipart()]
        ordinary_parts = [
            p.get_payload(decode=True) for p in ordinary.walk() if not p.is_multipart()
        ]
        # The same parts; on the wire with CRLF line ends, as Django's SMTP backend sends them.
        assert [part.replace(b"\r\n", b"\n") for part in fast_parts] == ordinary_parts
        assert subscriber_token(reader).encode() in fast_parts[0]
    # A test send (no subscriber's links) is built the ordinary way.
    assert raw_message(mail_, Recipient(email="r@example.org", language="nn")) is None
