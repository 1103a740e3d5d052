"""The e-mails about a hearing response: the confirmation link, the receipt (with the response as
sent; its PDF is attached when the mail is sent, see receipt_pdf.py) and the notice of a
withdrawal.

Language (språklova § 15): a municipality's written standard where the registry has it, otherwise
the language the form was shown in. The subject holds no text the responder typed."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import MailKind
from .responses import HearingResponse

SUPPORTED = ("nn", "nb", "en")


@dataclass(frozen=True)
class MailText:
    language: str
    subject: str
    body: str
    html: str


def mail_language(*, response: HearingResponse) -> str:
    organisation = response.organisation if response.organisation_id else None
    language = (organisation.email_language if organisation is not None else "") or (
        response.language
    )
    return language if language in SUPPORTED else "nn"


def site_root_url(hearing) -> str:
    parts = hearing.get_url_parts()
    return (parts[1] or "") if parts else ""


def private_url(*, hearing, token: str) -> str:
    return site_root_url(hearing) + reverse("hearings:response", args=[token])


def _one_line(text: str) -> str:
    """No line breaks in a header (the hearing's title comes from the editor, never the
    responder, but a header must hold one line whatever it is given)."""
    return " ".join(str(text).split())[:200]


def _subject(kind: str, hearing) -> str:
    title = _one_line(hearing.title)
    if kind == MailKind.RESPONSE_CONFIRM:
        return _("Confirm your hearing response: %(hearing)s") % {"hearing": title}
    if kind == MailKind.RESPONSE_WITHDRAWN:
        return _("Hearing response withdrawn: %(hearing)s") % {"hearing": title}
    return _("Receipt for your hearing response: %(hearing)s") % {"hearing": title}


def response_mail(*, kind: str, response: HearingResponse, token: str = "") -> MailText:
    from .response_selectors import response_details
    from .services import confirm_link_hours, effective_deadline

    language = mail_language(response=response)
    hearing = response.hearing.specific
    with translation.override(language):
        context = {
            **response_details(response=response),
            "kind": kind,
            "language": language,
            "link": private_url(hearing=hearing, token=token) if token else "",
            "hearing_url": hearing.get_full_url() or "",
            "hours": confirm_link_hours(),
            "deadline": effective_deadline(hearing=hearing, organisation=response.organisation),
        }
        subject = _subject(kind, hearing)
        body = render_to_string("hearings/emails/response_message.txt", context)
        html = render_to_string("hearings/emails/response_message.html", context)
    return MailText(language=language, subject=subject, body=body, html=html)
