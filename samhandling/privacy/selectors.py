"""Reads: a request's private link, what is held about an address, and the privacy page's facts
(built from the settings, so the page cannot drift from what the jobs do)."""

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samhandling.core.tokens import hash_token  # noqa: F401 - privacy.services imports it here

from .models import DataRequest
from .registry import PersonalDataSource, Record, sources


def data_request_for_token(*, token: str, now: datetime | None = None) -> DataRequest | None:
    """The request whose private link this is, while the link is valid. Only the token's hash is
    stored and looked up; the final comparison is made in constant time."""
    if not token or len(token) > 100:
        return None
    now = now or timezone.now()
    wanted = hash_token(token)
    request = DataRequest.objects.filter(token_hash=wanted, expires__gt=now).first()
    if request is None or not hmac.compare_digest(request.token_hash, wanted):
        return None
    return request


@dataclass(frozen=True)
class Holding:
    source: PersonalDataSource
    records: list[Record]


def personal_data(*, email: str) -> list[Holding]:
    """Everything held about the address, source by source (empty sources included, so the page
    can say so)."""
    email = email.strip()
    return [Holding(source=source, records=source.find(email=email)) for source in sources()]


def personal_data_counts(*, holdings: list[Holding]) -> dict[str, int]:
    return {holding.source.key: len(holding.records) for holding in holdings}


def personal_data_json(*, email: str, now: datetime | None = None) -> dict:
    """The same as the page, for download: one list of records per source."""
    now = now or timezone.now()
    holdings = personal_data(email=email)
    return {
        "email": email.strip(),
        "generated": now.isoformat(),
        "sources": {
            holding.source.key: {
                "label": str(holding.source.label),
                "records": [record.data for record in holding.records],
            }
            for holding in holdings
        },
    }


@dataclass(frozen=True)
class PolicySection:
    label: str
    purpose: str
    retention: str


def audit_retention_text() -> str:
    days = getattr(settings, "SAMHANDLING_AUDIT_RETENTION_DAYS", None)
    if days:
        return ngettext(
            "The admin's audit trail records who changed what, with ids and field names but no "
            "personal details, and keeps each entry %(days)s day.",
            "The admin's audit trail records who changed what, with ids and field names but no "
            "personal details, and keeps each entry %(days)s days.",
            days,
        ) % {"days": days}
    return _(
        "The admin's audit trail records who changed what, with ids and field names but no "
        "personal details."
    )


def privacy_policy() -> list[PolicySection]:
    """What is kept, why and for how long: one section per personal data source."""
    return [
        PolicySection(
            label=str(source.label),
            purpose=str(source.purpose),
            retention=source.retention() if source.retention else "",
        )
        for source in sources()
    ]
