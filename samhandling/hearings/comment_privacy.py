"""Comments on sections as a source of personal data (samhandling.privacy): a person finds their
comments by e-mail address, and erasure deletes them, with the e-mails about them.

Deleted rather than anonymised: a comment is a person's own words under their name, and text
without its author cannot be checked or answered, so nothing of it is kept. (Formal hearing
responses, which are case documents, are a source of their own.)"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samhandling.audit.services import audit_log_deleted
from samhandling.privacy.registry import PersonalDataSource, Record, register_source

from .choices import MailKind
from .comment_selectors import comments_of_email
from .comments import SectionComment


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def comment_records(*, email: str) -> list[Record]:
    from samhandling.core.templatetags.samhandling_tags import timespan

    records = []
    comments = comments_of_email(email=email).select_related("hearing").order_by("created_at", "pk")
    for comment in comments:
        hearing = comment.hearing
        section = hearing.specific.section(comment.section_key)
        fields = [
            (_("Hearing"), hearing.title),
            (_("Section of the draft"), section.label if section else comment.section_key),
            (_("Name"), comment.name),
            (_("E-mail"), comment.email),
            (_("Comment"), comment.text),
            (_("Status"), comment.get_status_display()),
            (_("Sent"), timespan(comment.created_at)),
        ]
        data = {
            "id": comment.pk,
            "hearing": {"id": hearing.pk, "title": hearing.title},
            "section_key": comment.section_key,
            "name": comment.name,
            "email": comment.email,
            "text": comment.text,
            "language": comment.language,
            "status": comment.status,
            "created_at": _iso(comment.created_at),
            "confirmed_at": _iso(comment.confirmed_at),
            "published_at": _iso(comment.published_at),
            "moderated_at": _iso(comment.moderated_at),
            "moderation_reason": comment.moderation_reason,
        }
        records.append(Record(title=hearing.title, fields=fields, data=data))
    return records


def comments_erase(*, email: str, now=None) -> dict[str, int]:
    """Delete the comments written with `email`, and the e-mails about them. Counts only."""
    from .mail import HearingMail

    email = (email or "").strip()
    counts = {"deleted": 0, "messages_deleted": 0}
    if not email:
        return counts
    with transaction.atomic():
        ids = list(comments_of_email(email=email).select_for_update().values_list("pk", flat=True))
        mails = HearingMail.objects.filter(
            comment_id__in=ids, kind__in=[MailKind.COMMENT_CONFIRM, MailKind.COMMENT_DECISION]
        )
        counts["messages_deleted"], _details = mails.delete()
        counts["deleted"], _details = SectionComment.objects.filter(pk__in=ids).delete()
        audit_log_deleted(model=SectionComment, pks=ids, action="samhandling.comment.erase")
    return counts


def register_comment_source() -> None:
    register_source(
        PersonalDataSource(
            key="hearing_comments",
            label=gettext_lazy("Comments on hearings"),
            find=comment_records,
            erase=comments_erase,
            purpose=gettext_lazy(
                "To publish your comment on a section of a draft with your name, and to send "
                "you the link to confirm it and the secretariat's decision."
            ),
            retention=lambda: _(
                "Kept with the hearing, until you ask for it to be deleted. The e-mail address "
                "is never published."
            ),
            order=60,
        )
    )
