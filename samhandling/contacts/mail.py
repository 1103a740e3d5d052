"""The contacts' outbox: an invitation to become a contact and a reminder to the contacts of an
organisation that has not acted are `ContactMail` rows written in the transaction that caused them
and sent by a task after commit, once (claim, send, mark: core/outbox.py). A failed row is tried
again by `manage.py contacts_send_mail`.

Nothing anyone typed goes into a header: the subject is a fixed sentence with the community's
name from the registry, the recipient an address a form validated (Django's EmailField lets no
CR/LF through, and Django refuses header values with line breaks anyway). The secretariat's note
goes into the body only. An invitation's link is kept apart from the text and forgotten once sent.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q

from samhandling.core.outbox import claim_each

from .models import ContactMail

logger = logging.getLogger(__name__)

# The body keeps this placeholder; the link is put in only when the e-mail is sent.
PRIVATE_LINK = "[[private-link]]"


def max_attempts() -> int:
    return getattr(settings, "CONTACTS_MAIL_MAX_ATTEMPTS", 10)


def queue_mail(**fields) -> ContactMail:
    """Write a row to the outbox and send it by a task once the transaction commits."""
    mail = ContactMail.objects.create(**fields)
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(pk: int) -> None:
    from .tasks import send_contact_mail

    try:
        send_contact_mail.enqueue(pk)
    except Exception:  # the periodic command picks it up
        logger.exception("Could not enqueue contact e-mail %s", pk)


def _from_header(mail: ContactMail) -> str:
    from samhandling.events.emails import sender

    root = mail.community.site.root_page if mail.community_id else None
    return sender(language=mail.language, event=root)


def build_message(mail: ContactMail) -> EmailMessage:
    body = mail.body.replace(PRIVATE_LINK, mail.link) if mail.link else mail.body
    return EmailMessage(
        subject=mail.subject, body=body, from_email=_from_header(mail), to=[mail.to_email]
    )


def send_mail_rows(*, where: Q | None = None) -> int:
    """Send the queued (or failed) rows matching `where`, each claimed first; the number sent."""
    sent = 0
    for claim in claim_each(model=ContactMail, where=where or Q(), max_attempts=max_attempts()):
        mail = ContactMail.objects.select_related("community__site").get(pk=claim.pk)
        try:
            build_message(mail).send()
        except Exception as error:  # noqa: BLE001 - recorded and retried
            logger.warning("Contact e-mail %s failed: %s", mail.pk, error)
            claim.failed(error)
            continue
        if claim.sent(link=""):
            sent += 1
    return sent
