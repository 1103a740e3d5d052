"""E-mail to committee members when the minutes of a meeting are published.

When a meeting is published with its minutes for the first time (by "Publish minutes" or by
ticking "minutes are published" in the editor), `minutes_publication_record` records the
publication and, if the committee has "e-mail members when minutes are published" on, writes one
notice per current member's address to the outbox (`notices.py`), in the publishing transaction.
A task sends them after commit.

Exactly once: each notice is claimed (queued → sending, with a fresh claim token and a lease;
samhandling/core/outbox.py, shared with the events' outbox), sent outside any transaction, and
marked sent only by the holder of the claim; a second worker finds it claimed and skips it. A
re-publish, a corrected version of the minutes, or minutes unpublished and published again send
nothing: the meeting's publication exists already.
(We chose not to send "minutes updated" notes: corrections are mostly typos, and members who want
the final text follow the link.) The one case where a member can get two e-mails is a worker
dying after the mail server accepted the message and before it was marked: the claim lapses
after the lease (`EMAIL_OUTBOX_LEASE_SECONDS`) and `committees_send_notices` sends it again."""

import logging
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samhandling.core.outbox import Claim, claim_each, claim_next
from samhandling.core.templatetags.samhandling_tags import timespan

from .notices import MinutesNotice, MinutesPublication, NoticeStatus

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return getattr(settings, "COMMITTEES_NOTICE_MAX_ATTEMPTS", 10)


def minutes_recipients(*, committee) -> list:
    """The committee's current members with an e-mail address, one person per address."""
    memberships = (
        committee.memberships.current()
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__name", "pk")
    )
    people: dict[str, object] = {}
    for membership in memberships:
        people.setdefault(membership.person.email.strip().lower(), membership.person)
    return list(people.values())


def minutes_publication_record(*, meeting, user=None) -> MinutesPublication | None:
    """Record the first publication of the meeting's minutes and queue the notices; None when the
    live meeting has no published minutes or they were published before."""
    if not meeting.live or not meeting.minutes_published:
        return None
    committee = meeting.get_parent().specific
    with transaction.atomic():
        publication, created = MinutesPublication.objects.get_or_create(
            meeting_id=meeting.pk,
            defaults={
                "published_by": user if getattr(user, "pk", None) else None,
                "members_told": committee.notify_members_of_minutes,
            },
        )
        if not created:
            return None
        if publication.members_told:
            MinutesNotice.objects.bulk_create(
                [
                    MinutesNotice(publication=publication, person=p, to_email=p.email.strip())
                    for p in minutes_recipients(committee=committee)
                ],
                ignore_conflicts=True,
            )
            transaction.on_commit(lambda: _enqueue(publication.pk))
    return publication


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """`page_published` of a meeting (not of an alias, which is the same meeting elsewhere)."""
    if kwargs.get("alias"):
        return
    minutes_publication_record(meeting=instance, user=getattr(revision, "user", None))


def _enqueue(publication_id: int) -> None:
    from .tasks import send_minutes_notices

    try:
        send_minutes_notices.enqueue(publication_id)
    except Exception:  # noqa: BLE001 - the notices stay queued; committees_send_notices sends them
        logger.exception("Could not enqueue the notices of minutes publication %s", publication_id)


def notice_language(*, meeting, community) -> str:
    """The committee's site language (the health community's default), else the page's own."""
    if community is not None and community.default_language:
        return community.default_language
    return meeting.locale.language_code


def render_minutes_notice(notice: MinutesNotice) -> EmailMultiAlternatives:
    """The e-mail of a notice, plain text and HTML, in the committee's site language."""
    from samhandling.organisations.models import HealthCommunity

    meeting = notice.publication.meeting
    committee = meeting.get_parent().specific
    site = meeting.get_site()
    community = HealthCommunity.objects.filter(site=site).first() if site else None
    language = notice_language(meeting=meeting, community=community)
    with translation.override(language):
        context = {
            "language": language,
            "name": notice.person.name if notice.person else "",
            "meeting": meeting,
            "committee": committee,
            "community": community,
            "when": timespan(meeting.start, meeting.end),
            "meeting_url": meeting.get_full_url() or "",
        }
        subject = _("Minutes published: %(meeting)s") % {"meeting": meeting.title}
        text = render_to_string("committees/email/minutes_published.txt", context)
        html = render_to_string("committees/email/minutes_published.html", context)
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    from_email = formataddr((community.name, address)) if community else settings.DEFAULT_FROM_EMAIL
    email = EmailMultiAlternatives(
        subject=subject[:255],
        body=text,
        from_email=from_email,
        to=[notice.to_email],
        reply_to=[community.contact_email] if community and community.contact_email else None,
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    email.attach_alternative(html, "text/html")
    return email


def minutes_notice_send(*, notice_id: int) -> str:
    """Claim → send → mark one notice. Returns its new status, or "skipped" when another worker
    holds it, it is sent already, or it has used up its attempts."""
    claim = claim_next(model=MinutesNotice, where=Q(pk=notice_id), max_attempts=max_attempts())
    return _deliver(claim) if claim else "skipped"


def _deliver(claim: Claim) -> str:
    try:
        notice = MinutesNotice.objects.select_related("publication__meeting", "person").get(
            pk=claim.pk
        )
        meeting = notice.publication.meeting
        if not meeting.live or not meeting.minutes_published:
            claim.release(status=NoticeStatus.WITHDRAWN)
            return NoticeStatus.WITHDRAWN
        render_minutes_notice(notice).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        logger.warning("Notice %s failed: %s", claim.pk, error)
        claim.failed(error)
        return NoticeStatus.FAILED
    claim.sent()
    return NoticeStatus.SENT


def minutes_notices_send(*, publication_id: int) -> int:
    """Send the queued notices of one publication; returns how many were sent."""
    claims = claim_each(
        model=MinutesNotice,
        where=Q(publication_id=publication_id, status=NoticeStatus.QUEUED),
        max_attempts=max_attempts(),
    )
    return sum(_deliver(claim) == NoticeStatus.SENT for claim in claims)


def minutes_notices_retry(*, stale_after: timedelta = timedelta(minutes=5)) -> int:
    """Send failed notices, queued ones whose task seems lost, and claims that have lapsed."""
    now = timezone.now()
    pending = Q(status__in=[NoticeStatus.FAILED, NoticeStatus.SENDING]) | Q(
        status=NoticeStatus.QUEUED, created__lt=now - stale_after
    )
    claims = claim_each(model=MinutesNotice, where=pending, max_attempts=max_attempts(), now=now)
    return sum(_deliver(claim) == NoticeStatus.SENT for claim in claims)
