"""The proposals' outbox: every e-mail to a proposer (the confirmation link, the receipt, the
note of publication or of a decline) is a `ProposalMail` row written in the transaction that
caused it and sent by a task after commit, exactly once (claim, send, mark: core/outbox.py). A
failed row is tried again by `proposals_send_mail` (a periodic job).

Nothing the proposer typed goes into a header: the subject is a fixed sentence with the
community's name, the recipient is the address the form validated (no CR/LF can pass Django's
EmailField, and Django refuses header values with line breaks anyway)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q

from samhandling.core.outbox import claim_each

from .models import ProposalMail

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return getattr(settings, "PROPOSALS_MAIL_MAX_ATTEMPTS", 10)


def queue_mail(**fields) -> ProposalMail:
    """Write a row to the outbox and send it by a task once the transaction commits."""
    mail = ProposalMail.objects.create(**fields)
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue(pk: int) -> None:
    from .tasks import send_proposal_mail

    try:
        send_proposal_mail.enqueue(pk)
    except Exception:  # the periodic job picks it up
        logger.exception("Could not enqueue proposal e-mail %s", pk)


def _from_header(mail: ProposalMail) -> str:
    from samhandling.events.emails import sender

    root = mail.site.root_page if mail.site_id else None
    return sender(language=mail.language, event=root)


def build_message(mail: ProposalMail) -> EmailMessage:
    return EmailMessage(
        subject=mail.subject, body=mail.body, from_email=_from_header(mail), to=[mail.to_email]
    )


def send_mail_rows(*, where: Q | None = None) -> int:
    """Send the queued (or failed) rows matching `where`, each claimed first; the number sent."""
    sent = 0
    for claim in claim_each(model=ProposalMail, where=where or Q(), max_attempts=max_attempts()):
        mail = ProposalMail.objects.select_related("site").get(pk=claim.pk)
        try:
            build_message(mail).send()
        except Exception as error:  # noqa: BLE001 - recorded and retried
            logger.warning("Proposal e-mail %s failed: %s", mail.pk, error)
            claim.failed(error)
            continue
        if claim.sent():
            sent += 1
    return sent
