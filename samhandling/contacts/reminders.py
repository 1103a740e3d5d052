"""E-mailing the contacts of the organisations that have not acted: from the quota board (no one
signed up for the series) and the hearing board (no response yet).

The boards decide which organisations have not acted and pass them in; this writes one e-mail per
active contact with an e-mail address, in the organisation's written standard (else the
community's language), after commit through the contacts' outbox, and logs the action on the
series or hearing page (ids and counts only). The subject is a fixed sentence; the secretariat's
note goes into the body only."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samhandling.audit.services import audit_log

from .mail import queue_mail
from .models import ContactMailKind
from .selectors import active_contacts
from .services import site_root_url

KINDS = ("quota", "hearing")
SUBJECTS = {
    "quota": _("%(community)s: your organisation has not signed anyone up yet"),
    "hearing": _("%(community)s: your organisation has not answered the hearing yet"),
}
NOTE_MAX_LENGTH = 2000
ONCE_KEY_SECONDS = 24 * 60 * 60


@dataclass
class RemindResult:
    contacts: int = 0
    organisations: list = field(default_factory=list)  # reached (had at least one contact)
    without_contacts: list = field(default_factory=list)
    already_sent: bool = False


def _page_url(obj) -> str:
    try:
        return obj.get_full_url() or ""
    except Exception:  # noqa: BLE001 - a page without a site: the e-mail goes without its link
        return ""


def organisations_not_acted(*, kind: str, obj) -> list:
    """Whom a reminder is for: the member organisations that use no seat in the series (kind
    "quota"), or the invited organisations with no confirmed response to the hearing."""
    if kind == "quota":
        from samhandling.events.quota_selectors import organisations_without_signups

        return organisations_without_signups(series=obj)
    if kind == "hearing":
        from samhandling.hearings.board import not_answered_organisations

        return not_answered_organisations(hearing=obj)
    raise ValueError(f"Unknown reminder kind {kind!r}")


def contacts_remind(*, community, kind, obj, note, sent_by, once_key: str = "") -> RemindResult:
    """E-mail the active contacts of the organisations that have not acted on `obj` (an event
    series for kind "quota", a hearing for kind "hearing"). Returns who was reached and which
    organisations have no contact to e-mail. A `once_key` already used within a day (the same
    form sent twice: a double press, a reload) sends nothing: `already_sent` is then set."""
    if kind not in KINDS:
        raise ValueError(f"Unknown reminder kind {kind!r}")
    if once_key and not cache.add(f"contacts-remind:{once_key}", True, ONCE_KEY_SECONDS):
        return RemindResult(already_sent=True)
    organisations = organisations_not_acted(kind=kind, obj=obj)
    note = (note or "").strip()[:NOTE_MAX_LENGTH]
    result = RemindResult()
    root = site_root_url(community)
    url = _page_url(obj)
    with transaction.atomic():
        for organisation in organisations:
            recipients = [
                role.user.email
                for role in active_contacts(organisation=organisation)
                if role.user.email
            ]
            if not recipients:
                result.without_contacts.append(organisation)
                continue
            language = organisation.email_language or community.default_language or "nn"
            with translation.override(language):
                subject = str(SUBJECTS[kind]) % {"community": community.name}
                body = render_to_string(
                    "contacts/email/reminder.txt",
                    {
                        "kind": kind,
                        "organisation": organisation,
                        "community": community,
                        "title": obj.title,
                        "url": url,
                        "my_organisation_url": f"{root}/min-organisasjon/",
                        "note": note,
                    },
                )
            for email in sorted(set(recipients)):
                queue_mail(
                    kind=ContactMailKind.REMINDER,
                    organisation=organisation,
                    community=community,
                    to_email=email,
                    language=language,
                    subject=subject,
                    body=body,
                )
                result.contacts += 1
            result.organisations.append(organisation)
        audit_log(
            instance=obj,
            action="samhandling.contact.remind",
            actor=sent_by,
            data={
                "kind": kind,
                "organisations": [organisation.pk for organisation in result.organisations],
                "contacts": result.contacts,
            },
        )
    return result
