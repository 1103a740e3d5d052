"""The e-mails about a comment on a section: the confirmation link, and the secretariat's
decision (published, or declined with the reason). Written in the language of the form the
comment was sent from, and queued in the hearings' outbox (sent once, after commit)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .choices import CommentStatus, MailKind
from .mail import queue_mail


def site_root(hearing) -> str:
    """The root URL of the hearing's site (from Wagtail's cached site paths)."""
    parts = hearing.get_url_parts()
    return (parts[1] or "") if parts else ""


def comment_link_url(*, hearing, token: str) -> str:
    return site_root(hearing) + reverse("hearings:comment_link", args=[token])


def _context(comment) -> dict:
    hearing = comment.hearing
    section = hearing.section(comment.section_key)
    return {
        "comment": comment,
        "hearing": hearing,
        "section_label": section.label if section else "",
        "hearing_url": hearing.get_full_url() or "",
    }


def queue_confirm_mail(*, comment, token: str):
    from .pages import settings_confirm_hours

    with translation.override(comment.language):
        context = {
            **_context(comment),
            "link": comment_link_url(hearing=comment.hearing, token=token),
            "hours": settings_confirm_hours(),
        }
        subject = _("Confirm your comment: %(hearing)s") % {"hearing": comment.hearing.title}
        body = render_to_string("hearings/emails/comment_confirm.txt", context)
    return queue_mail(
        kind=MailKind.COMMENT_CONFIRM,
        hearing=comment.hearing,
        comment=comment,
        to_email=comment.email,
        language=comment.language,
        subject=subject,
        body=body,
    )


def queue_decision_mail(*, comment):
    published = comment.status == CommentStatus.PUBLISHED
    with translation.override(comment.language):
        if published:
            subject = _("Your comment is published: %(hearing)s")
        else:
            subject = _("Your comment is not published: %(hearing)s")
        subject = subject % {"hearing": comment.hearing.title}
        body = render_to_string(
            "hearings/emails/comment_decision.txt",
            {**_context(comment), "published": published},
        )
    return queue_mail(
        kind=MailKind.COMMENT_DECISION,
        hearing=comment.hearing,
        comment=comment,
        to_email=comment.email,
        language=comment.language,
        subject=subject,
        body=body,
    )
