"""Proposals of news and dates from participants: sent through the public form, confirmed by a
private link, then a draft page in the site's tree put into the secretariat's workflow.

- `proposal_submit` saves the proposal unconfirmed and queues the confirmation link.
- `proposal_confirm` (the button on the link's page; a GET changes nothing) makes the draft page,
  starts the community's workflow on it and queues the receipt. A second press changes nothing.
- `proposal_decided` is called from Wagtail's signals: the page published (the proposer gets its
  address) or changes requested (the proposer gets the secretariat's comment as the reason).
Every e-mail goes through the outbox (mail.py), written in the same transaction, sent after
commit."""

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.audit.services import audit_log
from samhandling.core.tokens import new_token

from .drafts import build_draft, parent_for
from .emails import (
    queue_confirm_mail,
    queue_declined_mail,
    queue_published_mail,
    queue_receipt_mail,
)
from .models import MailKind, MailStatus, Proposal, ProposalKind, ProposalMail, ProposalStatus

TEXT_LIMIT = 5000
REPEAT_WINDOW = dt.timedelta(minutes=10)
# The confirmation link in a sent e-mail's stored text, blanked once it has been used.
STORED_LINK = re.compile(r"https?://\S+/send-inn/stadfest/[\w-]+/")


class ProposalRefused(Exception):
    """A rule says no; `message` says why, in words for the visitor."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def unconfirmed_days() -> int:
    return getattr(settings, "PROPOSALS_UNCONFIRMED_DAYS", 7)


def kinds_accepted(*, site) -> list[str]:
    """The kinds the site has a place for (a news index, an event index)."""
    root = site.root_page
    return [kind for kind in ProposalKind.values if parent_for(kind=kind, root=root) is not None]


def proposal_submit(
    *,
    site,
    kind: str,
    title: str,
    text: str,
    name: str,
    email: str,
    language: str,
    date: dt.date | None = None,
    time: dt.time | None = None,
    place: str = "",
    link: str = "",
    organisation=None,
    organisation_other: str = "",
    now: dt.datetime | None = None,
) -> tuple[Proposal, str]:
    """Save an unconfirmed proposal and queue the e-mail with its confirmation link. Returns the
    proposal and the token of the link (only its hash is stored; "" when the same form was
    sent again and no new link was made)."""
    now = now or timezone.now()
    if kind not in kinds_accepted(site=site):
        raise ProposalRefused("kind", _("This site does not take proposals of this kind."))
    if kind == ProposalKind.DATE and date is None:
        raise ProposalRefused("date", _("Give the date."))
    if not text.strip() or len(text) > TEXT_LIMIT:
        raise ProposalRefused("text", _("Write the text, at most 5,000 characters."))
    token, token_hash = new_token()
    days = unconfirmed_days()
    with transaction.atomic():
        repeated = _repeated(site=site, email=email, title=title, text=text, now=now)
        if repeated is not None:
            return repeated, ""
        proposal = Proposal.objects.create(
            site=site,
            kind=kind,
            title=title.strip(),
            text=text.strip(),
            date=date,
            time=time if date else None,
            place=place.strip(),
            link=link.strip(),
            name=name.strip(),
            organisation=organisation,
            organisation_other="" if organisation else organisation_other.strip(),
            email=email.strip(),
            language=language or "nn",
            token_hash=token_hash,
            created_at=now,
            link_expires_at=now + dt.timedelta(days=days),
        )
        audit_log(instance=proposal, action="samhandling.proposal.create", public=True)
        queue_confirm_mail(proposal=proposal, token=token, days=days)
    return proposal, token


def _repeated(*, site, email: str, title: str, text: str, now: dt.datetime) -> Proposal | None:
    """The same form sent again (a double click, a reload) while the first waits for its
    confirmation: no second proposal. Within REPEAT_WINDOW nothing more is sent (the first
    e-mail is on its way); after it, the link is sent again (a new one: only hashes are kept)."""
    same = (
        Proposal.objects.select_for_update()
        .filter(
            site=site,
            email__iexact=email.strip(),
            title=title.strip(),
            text=text.strip(),
            status=ProposalStatus.UNCONFIRMED,
            link_expires_at__gt=now,
        )
        .order_by("-created_at")
        .first()
    )
    if same is None:
        return None
    last = same.mails.filter(kind=MailKind.CONFIRM).order_by("-created").first()
    if last is None or now - last.created > REPEAT_WINDOW:
        token, same.token_hash = new_token()
        same.link_expires_at = now + dt.timedelta(days=unconfirmed_days())
        same.save(update_fields=["token_hash", "link_expires_at"])
        queue_confirm_mail(proposal=same, token=token, days=unconfirmed_days())
    return same


def link_expired(proposal: Proposal, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        proposal.status == ProposalStatus.UNCONFIRMED
        and proposal.link_expires_at is not None
        and now > proposal.link_expires_at
    )


def _community_of(site):
    from samhandling.organisations.models import HealthCommunity

    return HealthCommunity.objects.filter(site=site).select_related("site").first()


def proposal_confirm(*, proposal: Proposal, now: dt.datetime | None = None) -> Proposal:
    """Confirm the e-mail address: the proposal becomes a draft page in the secretariat's
    workflow, and the proposer gets a receipt. A second confirmation changes nothing."""
    from .workflow import secretariat_workflow

    now = now or timezone.now()
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().select_related("site").get(pk=proposal.pk)
        if proposal.status != ProposalStatus.UNCONFIRMED:
            return proposal
        if link_expired(proposal, now):
            raise ProposalRefused(
                "expired",
                _("The link has expired and the proposal was not confirmed. Send it again."),
            )
        parent = parent_for(kind=proposal.kind, root=proposal.site.root_page)
        community = _community_of(proposal.site)
        if parent is None or community is None:
            raise ProposalRefused(
                "place", _("This site no longer takes proposals of this kind. Nothing was saved.")
            )
        page = build_draft(proposal=proposal, parent=parent)
        secretariat_workflow(community=community).start(page, None)
        proposal.status = ProposalStatus.PENDING
        proposal.confirmed_at = now
        proposal.page = page
        proposal.save(update_fields=["status", "confirmed_at", "page"])
        _forget_sent_links(proposal)
        audit_log(
            instance=proposal,
            action="samhandling.proposal.confirm",
            fields=["status"],
            data={"page": page.pk},
            public=True,
        )
        queue_receipt_mail(proposal=proposal)
    return proposal


def _forget_sent_links(proposal: Proposal) -> None:
    """Once the link has done its work, the stored copy of the e-mail no longer holds it."""
    mails = ProposalMail.objects.filter(proposal=proposal, kind=MailKind.CONFIRM)
    for mail in mails.exclude(status=MailStatus.SENDING):
        ProposalMail.objects.filter(pk=mail.pk).update(body=STORED_LINK.sub("[…]", mail.body))


def proposal_published(*, page, now: dt.datetime | None = None) -> Proposal | None:
    """The proposal's page was published: the proposer is told once, with its address."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("site")
            .filter(page_id=page.pk)
            .exclude(status=ProposalStatus.UNCONFIRMED)
            .first()
        )
        if proposal is None or proposal.status == ProposalStatus.PUBLISHED:
            return proposal
        proposal.status = ProposalStatus.PUBLISHED
        proposal.decided_at = now
        proposal.decision_reason = ""
        proposal.save(update_fields=["status", "decided_at", "decision_reason"])
        audit_log(instance=proposal, action="samhandling.proposal.publish", fields=["status"])
        url = page.get_full_url() or ""
        if not proposal.mails.filter(kind=MailKind.PUBLISHED).exists():
            queue_published_mail(proposal=proposal, url=url)
    return proposal


def proposal_declined(*, page, reason: str, now: dt.datetime | None = None) -> Proposal | None:
    """The secretariat requested changes (declined) in the workflow: the proposer is told the
    reason the secretariat wrote in the comment."""
    now = now or timezone.now()
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update()
            .select_related("site")
            .filter(page_id=page.pk, status=ProposalStatus.PENDING)
            .first()
        )
        if proposal is None:
            return None
        proposal.status = ProposalStatus.DECLINED
        proposal.decided_at = now
        proposal.decision_reason = (reason or "").strip()[:2000]
        proposal.save(update_fields=["status", "decided_at", "decision_reason"])
        audit_log(
            instance=proposal,
            action="samhandling.proposal.decline",
            fields=["status", "decision_reason"],
        )
        queue_declined_mail(proposal=proposal)
    return proposal
