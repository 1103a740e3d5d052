"""Personal data: asking for one's data by e-mail link, erasing it, and the retention jobs.

A request writes a `DataRequest` (the hash of a new private token, and the link until it is sent)
and sends the e-mail by a task after commit, claimed as every outbox row is
(samhandling/core/outbox.py), so that the task and overlapping `privacy_send_links` runs send it
once; whether the address is known changes nothing in the answer. Erasure goes through every
registered source (`registry.py`) in one transaction and is recorded as an `Erasure` row with
counts and an entry in Wagtail's audit log, never the address."""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samhandling.core.outbox import Claim, claim_each, claim_next

from .models import DataRequest, DataRequestStatus, Erasure, ErasureChannel
from .registry import erase_all
from .selectors import hash_token
from .sources import contact_retention_days, link_hours, needs_retention_days

logger = logging.getLogger(__name__)

ERASE_ACTION = "samhandling.personal_data.erase"
# A second request for the same address within this time sends no second e-mail (the answer on
# the page is the same): the form cannot be used to flood someone's inbox.
REPEAT_INTERVAL = timedelta(minutes=10)
MAX_ATTEMPTS = 5


def _normalise(email: str) -> str:
    return email.strip().lower()


def data_request_create(
    *, email: str, base_url: str, site=None, language: str = "", now: datetime | None = None
) -> DataRequest | None:
    """Ask for the data held about `email`: queue an e-mail to it with a private link to the
    data page, valid for PRIVACY_LINK_HOURS. `base_url` is the site's root ("https://host").
    Returns the request, or None when one was sent to the address a moment ago."""
    now = now or timezone.now()
    email = _normalise(email)
    recent = DataRequest.objects.filter(email=email, created__gt=now - REPEAT_INTERVAL)
    if recent.exists():
        return None
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        request = DataRequest.objects.create(
            email=email,
            token_hash=hash_token(token),
            site=site,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
            link=base_url.rstrip("/") + reverse("privacy:data", args=[token]),
            created=now,
            expires=now + timedelta(hours=link_hours()),
        )
        transaction.on_commit(lambda: _enqueue(request.pk))
    return request


def _enqueue(request_id: int) -> None:
    from .tasks import send_data_request_link

    try:
        send_data_request_link.enqueue(request_id)
    except Exception:  # noqa: BLE001 - the row stays queued; privacy_send_links sends it
        logger.exception("Could not enqueue data request %s", request_id)


def _community_of(site):
    from samhandling.organisations.models import HealthCommunity

    return HealthCommunity.objects.filter(site=site).first() if site else None


def _sendable(now: datetime) -> Q:
    """Requests whose e-mail may still go out: the link is kept (not sent yet) and valid."""
    return Q(expires__gt=now) & ~Q(link="")


def data_request_send(*, request_id: int) -> str:
    """Claim → send → mark one request's e-mail (the task after commit). Returns its new status,
    or "skipped" when it is sent or expired, has used up its attempts, or another worker holds it
    (samhandling/core/outbox.py)."""
    claim = claim_next(
        model=DataRequest,
        where=Q(_sendable(timezone.now()), pk=request_id),
        max_attempts=MAX_ATTEMPTS,
    )
    return _deliver(claim) if claim else "skipped"


def _deliver(claim: Claim) -> str:
    """Render, send and mark a claimed request; the mail server is called outside any
    transaction. Once sent, the link is forgotten."""
    from samhandling.events.emails import sender

    try:
        request = DataRequest.objects.select_related("site").get(pk=claim.pk)
        community = _community_of(request.site)
        with translation.override(request.language or settings.LANGUAGE_CODE):
            context = {"request": request, "community": community, "hours": link_hours()}
            subject = _("Your personal data at %(site)s") % {
                "site": community.name if community else "Samhandling"
            }
            body = render_to_string("privacy/email/link.txt", context)
        EmailMessage(
            subject=subject,
            body=body,
            from_email=sender(language=request.language),
            to=[request.email],
        ).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        logger.warning("Data request e-mail %s failed: %s", claim.pk, type(error).__name__)
        claim.failed(error)
        return DataRequestStatus.FAILED
    claim.sent(link="")
    return DataRequestStatus.SENT


def data_requests_retry(
    *, stale_after: timedelta = timedelta(minutes=5), now: datetime | None = None
) -> int:
    """Send failed requests, queued ones whose task seems lost, and those whose worker died (its
    lease lapsed). Returns how many were sent. Overlapping runs and the task worker share the
    requests: each is claimed first."""
    now = now or timezone.now()
    pending = Q(status__in=[DataRequestStatus.FAILED, DataRequestStatus.SENDING]) | Q(
        status=DataRequestStatus.QUEUED, created__lt=now - stale_after
    )
    claims = claim_each(
        model=DataRequest, where=Q(pending, _sendable(now)), max_attempts=MAX_ATTEMPTS, now=now
    )
    return sum(_deliver(claim) == DataRequestStatus.SENT for claim in claims)


def personal_data_erase(
    *, email: str, user=None, reason: str = "", now: datetime | None = None
) -> Erasure:
    """Erase everything held about `email` (see each source for what erasing means there),
    record it with counts only and log it in the audit trail."""
    from wagtail.log_actions import log

    now = now or timezone.now()
    email = _normalise(email)
    reason = reason.strip()
    if not email:
        raise ValidationError(_("Enter an e-mail address."), code="email")
    if email in reason.lower():
        raise ValidationError(
            _("Do not write the e-mail address in the reason: it would be kept."), code="reason"
        )
    with transaction.atomic():
        counts = erase_all(email=email, now=now)
        erasure = Erasure.objects.create(
            created=now,
            channel=ErasureChannel.ADMIN if user is not None else ErasureChannel.SELF,
            user=user,
            reason=reason,
            counts=counts,
        )
        log(
            instance=erasure,
            action=ERASE_ACTION,
            user=user,
            data={"sources": sorted(counts), "counts": counts, "channel": erasure.channel},
        )
    return erasure


# Retention -----------------------------------------------------------------------------------


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """The daily retention job: health data of past events, contact details of people whose
    committee memberships ended long enough ago, and expired requests. Safe to run again."""
    from samhandling.committees.erasure import people_contact_purge
    from samhandling.events.erasure import registrations_erase_needs

    now = now or timezone.now()
    needs = registrations_erase_needs(ended_before=now - timedelta(days=needs_retention_days()))
    contacts = people_contact_purge(
        ended_before=timezone.localdate(now) - timedelta(days=contact_retention_days())
    )
    requests, _details = DataRequest.objects.filter(expires__lte=now).delete()
    return {"needs": needs, "contacts": contacts, "requests": requests}
