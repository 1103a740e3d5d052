"""An issue as e-mail: an HTML part laid out with tables and inline styles (what mail clients
render alike; no web fonts, no images but the site's own, by absolute address) and a plain-text
part, with the issue's content as written and the frame (greeting line, footer, unsubscribe and
preference links) in the subscriber's language.

Headers: `List-Unsubscribe` with the subscriber's own https link and `List-Unsubscribe-Post:
List-Unsubscribe=One-Click` (RFC 8058: the mail client POSTs to the link, no page between),
`List-Id` (RFC 2919), a `Message-ID` per delivery (the same if a delivery is ever sent again,
so the receiving server can tell) and the subject from the issue's title, its line breaks folded
into spaces. Nothing a visitor typed reaches a header; the list's name and the title are
written by the secretariat and are cleaned all the same.

The parts are rendered once per send and language (`IssueMail`) with placeholders for the
subscriber's links, which are put in for each recipient: 10,000 messages cost one rendering per
language and a string replacement each."""

import re
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .content import issue_content, lang_of
from .tokens import subscriber_token

UNSUBSCRIBE_PLACEHOLDER = "__samhandling_unsubscribe__"
PREFERENCES_PLACEHOLDER = "__samhandling_preferences__"
# In the prepared bytes of a message (`IssueMail.raw`): the recipient, the link token and the
# Message-ID, put in for each recipient.
RAW_TO = "samhandling-recipient-placeholder@invalid"
RAW_LINK = "SamhandlingLinkPlaceholder"
RAW_ID = "samhandling-message-id-placeholder"
INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def header_text(value: str, *, limit: int = 200) -> str:
    """A one-line header value: every run of whitespace (CR and LF included) becomes one space,
    control characters go, and it is cut at `limit` characters."""
    text = " ".join(str(value).split())
    text = "".join(ch for ch in text if ch.isprintable())
    return text[:limit]


def _domain(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2] or "localhost"


def list_id(mailing_list, *, domain: str) -> str:
    """`"Nyhendebrev" <nyhendebrev.3.samhandling.no>` (RFC 2919: a name and a dotted id)."""
    slug = re.sub(r"[^a-z0-9-]", "", mailing_list.slug.lower()) or "list"
    name = header_text(mailing_list.name, limit=100).replace('"', "'").replace("\\", "")
    return f'"{name}" <{slug}.{mailing_list.pk}.{domain}>'


def _language(language: str, issue) -> str:
    if language in INTERFACE_LANGUAGES:
        return language
    return issue.content_language if issue.content_language in INTERFACE_LANGUAGES else "nn"


@dataclass
class Recipient:
    email: str
    language: str
    token: str = ""  # the subscriber's link token; empty for a test send to a staff member
    message_id: str = ""


class IssueMail:
    """The issue rendered for one send, once per language, and the message for each recipient."""

    def __init__(self, *, issue, mailing_list=None, community=None):
        from samhandling.events.emails import sender

        self.issue = issue
        self.mailing_list = mailing_list
        self.community = community or _community(issue)
        parts = issue.get_url_parts()
        self.root_url = (parts[1] or "") if parts else ""
        self.subject = header_text(issue.title, limit=250)
        self._sender = sender
        self._parts: dict[str, tuple[str, str, str]] = {}

    def sender(self, language: str) -> str:
        return self._sender(language=language, event=self.issue)

    def link(self, name: str, token: str) -> str:
        return self.root_url + reverse(f"newsletters:{name}", args=[token])

    def parts(self, language: str) -> tuple[str, str, str]:
        """(from, text, html) in `language`, with placeholders for the subscriber's links."""
        language = _language(language, self.issue)
        if language not in self._parts:
            with translation.override(language):
                content = issue_content(self.issue)
                context = {
                    "issue": content,
                    "language": language,
                    "content_lang": lang_of(content.language, language),
                    "community": self.community,
                    "mailing_list": self.mailing_list,
                    "subscribe_url": self.root_url + reverse("newsletters:subscribe"),
                    "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
                    "preferences_url": PREFERENCES_PLACEHOLDER,
                    "root_url": self.root_url,
                }
                text = render_to_string("newsletters/email/issue.txt", context)
                html = render_to_string("newsletters/email/issue.html", context)
            self._parts[language] = (self.sender(language), text, html)
        return self._parts[language]

    def message(self, recipient: Recipient, *, connection=None) -> EmailMultiAlternatives:
        from_email, text, html = self.parts(recipient.language)
        headers = {}
        if recipient.token:
            unsubscribe = self.link("unsubscribe", recipient.token)
            preferences = self.link("preferences", recipient.token)
            text = text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(
                PREFERENCES_PLACEHOLDER, preferences
            )
            html = html.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(
                PREFERENCES_PLACEHOLDER, preferences
            )
            headers["List-Unsubscribe"] = f"<{unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        else:  # a test send: the links would be someone's; they point to the subscribe page
            subscribe = self.root_url + reverse("newsletters:subscribe")
            text = text.replace(UNSUBSCRIBE_PLACEHOLDER, subscribe).replace(
                PREFERENCES_PLACEHOLDER, subscribe
            )
            html = html.replace(UNSUBSCRIBE_PLACEHOLDER, subscribe).replace(
                PREFERENCES_PLACEHOLDER, subscribe
            )
        domain = _domain(from_email)
        if self.mailing_list is not None:
            headers["List-Id"] = list_id(self.mailing_list, domain=domain)
        if recipient.message_id:
            headers["Message-ID"] = f"<{recipient.message_id}@{domain}>"
        headers["Auto-Submitted"] = "auto-generated"
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=text,
            from_email=from_email,
            to=[recipient.email],
            headers=headers,
            connection=connection,
        )
        message.attach_alternative(html, "text/html")
        return message


class _RawTemplate:
    """A language's message as bytes with placeholders, or None where a placeholder did not come
    through the MIME encoding intact (then each message is built the ordinary way)."""

    def __init__(self, data: bytes, sender: str):
        self.data, self.sender = data, sender


def _prepared(mail: "IssueMail", language: str) -> "_RawTemplate | None":
    from django.core.mail.message import sanitize_address

    message = mail.message(
        Recipient(email=RAW_TO, language=language, token=RAW_LINK, message_id=RAW_ID)
    )
    data = message.message().as_bytes(linesep="\r\n")
    expected = {RAW_TO.encode(): 1, RAW_ID.encode(): 1}
    if any(data.count(placeholder) != count for placeholder, count in expected.items()):
        return None
    # The token is in the header and in both parts, twice each (unsubscribe, preferences).
    if data.count(RAW_LINK.encode()) != 5:
        return None
    return _RawTemplate(data, sanitize_address(message.from_email, message.encoding or "utf-8"))


def raw_message(mail: "IssueMail", recipient: Recipient) -> tuple[str, bytes] | None:
    """(envelope sender, message bytes) for `recipient` from the language's prepared bytes: the
    same message as `IssueMail.message(recipient)` gives (same headers and parts; one Date for
    the send), built by replacing three placeholders instead of encoding MIME each time. None
    where that cannot be done safely (a test send, an address that is not plain ASCII, a
    message whose encoding split a placeholder): build it the ordinary way then."""
    if not recipient.token or not recipient.message_id or not recipient.email.isascii():
        return None
    if "\r" in recipient.email or "\n" in recipient.email:
        return None
    cache = mail.__dict__.setdefault("_raw", {})
    language = _language(recipient.language, mail.issue)
    if language not in cache:
        cache[language] = _prepared(mail, language)
    template = cache[language]
    if template is None:
        return None
    data = (
        template.data.replace(RAW_TO.encode(), recipient.email.encode())
        .replace(RAW_LINK.encode(), recipient.token.encode())
        .replace(RAW_ID.encode(), recipient.message_id.encode())
    )
    return template.sender, data


def _community(issue):
    from samhandling.organisations.models import HealthCommunity

    site = issue.get_site()
    return HealthCommunity.objects.filter(site=site).first() if site else None


def subscriber_recipient(*, subscriber, language: str = "", message_id: str = "") -> Recipient:
    return Recipient(
        email=subscriber.email,
        language=language or subscriber.language,
        token=subscriber_token(subscriber),
        message_id=message_id,
    )
