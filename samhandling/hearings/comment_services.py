"""Comments on a section of a hearing's draft: submitted by anyone with a name and an e-mail
address, confirmed through a private link (only the token's hash is stored), then published at
once or after moderation, as the hearing is configured (`HearingPage.comment_moderation`).

The secretariat publishes, declines (with a reason) or unpublishes (with a reason); who did it,
when and why are kept on the comment and in the audit log, and the commenter is told in the
language of the form. Every e-mail goes through the hearings' outbox (`mail.queue_mail`), written
in the transaction that caused it and sent once after commit."""

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samhandling.audit.services import audit_log, audit_log_deleted

from .choices import CommentModeration, CommentStatus, HearingState, MailKind, MailStatus
from .comment_emails import queue_confirm_mail, queue_decision_mail
from .comments import SectionComment
from .mail import HearingMail
from .pages import HearingPage, settings_confirm_hours
from .responses import new_token

TEXT_LIMIT = 5000
REASON_LIMIT = 1000
# The confirmation link in a sent e-mail's stored text, blanked once it has been used.
STORED_LINK = re.compile(r"https?://\S+/hoyring/kommentar/[\w-]+/")
USED_LINK = "[…]"


class CommentRefused(Exception):
    """A rule says no; `message` says why, in words for the visitor or the secretariat."""

    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


def accepts_comments(hearing: HearingPage, now: dt.datetime | None = None) -> bool:
    """Comments are taken while the hearing is open (by its dates, and no outcome recorded) and
    its comments on sections are not turned off."""
    return hearing.comments_enabled and hearing.state_at(now) == HearingState.OPEN


def _refuse_unless_open(hearing: HearingPage, now: dt.datetime) -> None:
    if not hearing.comments_enabled:
        raise CommentRefused("disabled", _("This hearing does not take comments on sections."))
    if not accepts_comments(hearing, now):
        raise CommentRefused(
            "closed",
            _("The hearing is not open for comments now. Nothing was saved."),
        )


def comment_submit(
    *,
    hearing: HearingPage,
    section_key: str,
    name: str,
    email: str,
    text: str,
    language: str,
    now: dt.datetime | None = None,
) -> tuple[SectionComment, str]:
    """Save an unconfirmed comment and queue the e-mail with its confirmation link. Returns the
    comment and the token of the link (only its hash is stored)."""
    now = now or timezone.now()
    _refuse_unless_open(hearing, now)
    if hearing.section(section_key) is None:
        raise CommentRefused("section", _("The hearing has no such section."))
    if not text.strip():
        raise CommentRefused("empty", _("Write a comment."))
    if len(text) > TEXT_LIMIT:
        raise CommentRefused("long", _("The comment is too long."))
    token, token_hash = new_token()
    with transaction.atomic():
        comment = SectionComment.objects.create(
            hearing=hearing,
            section_key=section_key,
            name=name.strip(),
            email=email.strip(),
            text=text.strip(),
            language=language or "nn",
            token_hash=token_hash,
            created_at=now,
            link_expires_at=now + dt.timedelta(hours=settings_confirm_hours()),
        )
        audit_log(instance=comment, action="samhandling.comment.create", public=True)
        queue_confirm_mail(comment=comment, token=token)
    return comment, token


def link_expired(comment: SectionComment, now: dt.datetime | None = None) -> bool:
    """An unconfirmed comment's link works until it expires; once confirmed it keeps showing
    the comment's state until the hearing closes."""
    now = now or timezone.now()
    if comment.status == CommentStatus.UNCONFIRMED:
        return comment.link_expires_at is not None and now > comment.link_expires_at
    return False


def comment_confirm(*, comment: SectionComment, now: dt.datetime | None = None) -> SectionComment:
    """Confirm the e-mail address: the comment waits for moderation, or is published at once
    when the hearing moderates afterwards. A second confirmation changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        comment = SectionComment.objects.select_for_update().get(pk=comment.pk)
        if comment.status != CommentStatus.UNCONFIRMED:
            return comment
        if link_expired(comment, now):
            raise CommentRefused(
                "expired",
                _("The link has expired and the comment was not confirmed. Send it again."),
            )
        hearing = HearingPage.objects.get(pk=comment.hearing_id)
        _refuse_unless_open(hearing, now)
        comment.confirmed_at = now
        if hearing.comment_moderation == CommentModeration.AFTER:
            comment.status = CommentStatus.PUBLISHED
            comment.published_at = now
        else:
            comment.status = CommentStatus.PENDING
        comment.save(update_fields=["status", "confirmed_at", "published_at"])
        _forget_sent_links(comment)
        audit_log(
            instance=comment,
            action="samhandling.comment.confirm",
            fields=["status"],
            data={"status": comment.status},
            public=True,
        )
    return comment


def _forget_sent_links(comment: SectionComment) -> None:
    """The outbox keeps what it sent; once the link has done its work, its text is blanked there,
    so that the stored e-mail holds no working link (the comment stores only the token's hash)."""
    sent = HearingMail.objects.filter(
        comment=comment, kind=MailKind.COMMENT_CONFIRM, status=MailStatus.SENT
    )
    for mail in sent:
        HearingMail.objects.filter(pk=mail.pk).update(body=STORED_LINK.sub(USED_LINK, mail.body))


def comments_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete the comments whose link expired unconfirmed (they were never published), with the
    e-mails about them; each is noted in the audit log by its id. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = SectionComment.objects.select_for_update().filter(
            status=CommentStatus.UNCONFIRMED, link_expires_at__lt=now
        )
        ids = list(expired.values_list("pk", flat=True))
        if not ids:
            return 0
        HearingMail.objects.filter(comment_id__in=ids).delete()
        SectionComment.objects.filter(pk__in=ids).delete()
        audit_log_deleted(model=SectionComment, pks=ids, action="samhandling.comment.purge")
    return len(ids)


def _moderate(
    *,
    comment: SectionComment,
    actor,
    action: str,
    allowed_from: tuple[str, ...],
    to_status: str,
    reason: str,
    now: dt.datetime | None,
) -> SectionComment:
    now = now or timezone.now()
    reason = (reason or "").strip()
    if len(reason) > REASON_LIMIT:
        raise CommentRefused("reason_long", _("The reason is too long."))
    if to_status == CommentStatus.REJECTED and not reason:
        raise CommentRefused("reason", _("Give a reason; the commenter is told it."))
    with transaction.atomic():
        comment = SectionComment.objects.select_for_update().get(pk=comment.pk)
        if comment.status not in allowed_from:
            raise CommentRefused(
                "state",
                _("The comment is “%(status)s”; this cannot be done to it now.")
                % {"status": comment.get_status_display()},
            )
        comment.status = to_status
        comment.published_at = now if to_status == CommentStatus.PUBLISHED else None
        comment.moderated_by = actor
        comment.moderated_at = now
        comment.moderation_reason = reason
        comment.save(
            update_fields=[
                "status",
                "published_at",
                "moderated_by",
                "moderated_at",
                "moderation_reason",
            ]
        )
        audit_log(
            instance=comment,
            action=action,
            actor=actor,
            fields=["status", "moderation_reason"] if reason else ["status"],
            data={"hearing": comment.hearing_id},
        )
        queue_decision_mail(comment=comment)
    return comment


def comment_publish(
    *, comment: SectionComment, actor=None, reason: str = "", now: dt.datetime | None = None
) -> SectionComment:
    """Publish a confirmed comment (waiting for moderation, or declined before)."""
    return _moderate(
        comment=comment,
        actor=actor,
        action="samhandling.comment.publish",
        allowed_from=(CommentStatus.PENDING, CommentStatus.REJECTED),
        to_status=CommentStatus.PUBLISHED,
        reason=reason,
        now=now,
    )


def comment_reject(
    *, comment: SectionComment, actor=None, reason: str, now: dt.datetime | None = None
) -> SectionComment:
    """Decline a comment that waits for moderation; the reason is required and sent."""
    return _moderate(
        comment=comment,
        actor=actor,
        action="samhandling.comment.reject",
        allowed_from=(CommentStatus.PENDING,),
        to_status=CommentStatus.REJECTED,
        reason=reason,
        now=now,
    )


def comment_unpublish(
    *, comment: SectionComment, actor=None, reason: str, now: dt.datetime | None = None
) -> SectionComment:
    """Take a published comment down; the reason is required and sent."""
    return _moderate(
        comment=comment,
        actor=actor,
        action="samhandling.comment.unpublish",
        allowed_from=(CommentStatus.PUBLISHED,),
        to_status=CommentStatus.REJECTED,
        reason=reason,
        now=now,
    )


MODERATION_ACTIONS = {
    "publish": comment_publish,
    "reject": comment_reject,
    "unpublish": comment_unpublish,
}
