"""The secretariat's import of addresses into a list (pasted or uploaded), and removal of a
subscriber from the admin.

An import is for addresses whose owners already agreed to receive the newsletter (a list kept
elsewhere until now): they are added confirmed. It skips what must not be added and counts it:
suppressed addresses (unsubscribed, bounced, removed), invalid ones, and duplicates (twice in
the text, or already on the list). Any text with addresses in it works: one a line, separated
by commas or semicolons, a spreadsheet saved as CSV, "Name <address>"."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from samhandling.audit.services import audit_log

from .lists import MailingList
from .subscribers import Subscriber, Subscription, Suppression, SuppressionReason, email_hash
from .subscribing import SubscribeRefused, normalise_email, unsubscribe_all

MAX_IMPORT_ADDRESSES = 50_000
_SEPARATORS = re.compile(r"[\s,;<>\"'()\[\]]+")


@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: int
    suppressed: int
    invalid: int


def _candidates(text: str) -> tuple[list[str], int]:
    """The address-like pieces of the text, and how many lines had something else only."""
    found, invalid = [], 0
    for line in text.splitlines():
        pieces = [piece for piece in _SEPARATORS.split(line) if piece]
        addresses = [piece for piece in pieces if "@" in piece]
        if addresses:
            found.extend(addresses)
        elif pieces and len(pieces) == 1:
            invalid += 1  # one word on its own line: meant as an address
    return found, invalid


class ImportTooLarge(Exception):
    pass


def import_addresses(*, mailing_list: MailingList, text: str, actor=None) -> ImportResult:
    """Add the text's addresses to the list, confirmed; the counts of what was done."""
    candidates, invalid = _candidates(text)
    if len(candidates) > MAX_IMPORT_ADDRESSES:
        raise ImportTooLarge
    community = mailing_list.community
    valid, duplicates = [], 0
    seen = set()
    for candidate in candidates:
        try:
            email = normalise_email(candidate)
        except SubscribeRefused:
            invalid += 1
            continue
        if email in seen:
            duplicates += 1
            continue
        seen.add(email)
        valid.append(email)
    hashes = {email: email_hash(email) for email in valid}
    suppressed_hashes = set(
        Suppression.objects.filter(
            community=community, email_hash__in=list(hashes.values())
        ).values_list("email_hash", flat=True)
    )
    wanted = [email for email in valid if hashes[email] not in suppressed_hashes]
    suppressed = len(valid) - len(wanted)
    now = timezone.now()
    with transaction.atomic():
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    community=community,
                    email=email,
                    language=community.default_language,
                    consented_at=now,
                    confirmed_at=now,
                )
                for email in wanted
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        subscribers = dict(
            Subscriber.objects.filter(community=community, email__in=wanted).values_list(
                "email", "pk"
            )
        )
        # An address that was waiting for its confirmation is confirmed by the import.
        Subscriber.objects.filter(pk__in=subscribers.values(), confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        on_list = set(
            Subscription.objects.filter(
                mailing_list=mailing_list, subscriber_id__in=subscribers.values()
            ).values_list("subscriber_id", flat=True)
        )
        new = [pk for email, pk in subscribers.items() if pk not in on_list]
        duplicates += len(subscribers) - len(new)
        Subscription.objects.bulk_create(
            [Subscription(subscriber_id=pk, mailing_list=mailing_list) for pk in new],
            ignore_conflicts=True,
            batch_size=1000,
        )
        result = ImportResult(
            added=len(new), duplicates=duplicates, suppressed=suppressed, invalid=invalid
        )
        audit_log(
            instance=mailing_list,
            action="samhandling.newsletter_list.import",
            actor=actor,
            data={
                "added": result.added,
                "duplicates": result.duplicates,
                "suppressed": result.suppressed,
                "invalid": result.invalid,
            },
        )
    return result


def remove_subscriber(*, subscriber: Subscriber, actor=None) -> None:
    """The secretariat removes an address: erased, and suppressed so no import adds it again."""
    with transaction.atomic():
        audit_log(
            instance=subscriber, action="samhandling.newsletter_subscriber.remove", actor=actor
        )
        unsubscribe_all(subscriber=subscriber, reason=SuppressionReason.SECRETARIAT)
