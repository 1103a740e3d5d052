"""The e-mails to a proposer, in the language of the form: the confirmation link, the receipt
after confirming, and the secretariat's decision (published with the page's address, or declined
with the reason given in Wagtail's workflow). Queued in the proposals' outbox (mail.py)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .mail import queue_mail
from .models import MailKind


def site_root_url(site) -> str:
    return site.root_url.rstrip("/")


def confirm_url(*, site, token: str) -> str:
    return site_root_url(site) + reverse("proposals:link", args=[token])


def _community_name(site) -> str:
    from samhandling.organisations.models import HealthCommunity

    community = HealthCommunity.objects.filter(site=site).first()
    return community.name if community else site.site_name or ""


def _queue(*, proposal, kind: str, subject: str, template: str, **context):
    site = proposal.site
    with translation.override(proposal.language):
        community = _community_name(site)
        body = render_to_string(
            template,
            {"proposal": proposal, "community": community, "site_url": site_root_url(site)}
            | context,
        )
        # A fixed sentence and the community's name: nothing the proposer typed.
        subject = f"{subject} – {community}" if community else str(subject)
    return queue_mail(
        proposal=proposal,
        kind=kind,
        site=site,
        to_email=proposal.email,
        language=proposal.language,
        subject=subject,
        body=body,
    )


def queue_confirm_mail(*, proposal, token: str, days: int):
    return _queue(
        proposal=proposal,
        kind=MailKind.CONFIRM,
        subject=_("Confirm your proposal"),
        template="proposals/emails/confirm.txt",
        link=confirm_url(site=proposal.site, token=token),
        days=days,
    )


def queue_receipt_mail(*, proposal):
    return _queue(
        proposal=proposal,
        kind=MailKind.RECEIPT,
        subject=_("We have your proposal"),
        template="proposals/emails/receipt.txt",
    )


def queue_published_mail(*, proposal, url: str):
    return _queue(
        proposal=proposal,
        kind=MailKind.PUBLISHED,
        subject=_("Your proposal is published"),
        template="proposals/emails/published.txt",
        url=url,
    )


def queue_declined_mail(*, proposal):
    return _queue(
        proposal=proposal,
        kind=MailKind.DECLINED,
        subject=_("Your proposal was not published"),
        template="proposals/emails/declined.txt",
    )
