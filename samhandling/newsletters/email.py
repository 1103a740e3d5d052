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
