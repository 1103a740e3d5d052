"""Reads of comments on sections: what each section shows (one query for a whole hearing), the
private link's comment, and the secretariat's lists and counts."""

from collections import defaultdict

from django.db.models import Count

from samhandling.core.compiled_lists import compiled_list

from .choices import CommentStatus
from .comments import SectionComment
from .responses import hash_token

PUBLIC_FIELDS = ("pk", "hearing_id", "section_key", "name", "text", "published_at")


def published_comments_by_section(*, hearing) -> dict[str, list[SectionComment]]:
    """The published comments of a hearing by section key, oldest first: one query (its SQL
    compiled once, `core.compiled_lists`)."""
    by_section: dict[str, list[SectionComment]] = defaultdict(list)
    comments = compiled_list(
        "hearings.comments.published",
        (),
        lambda hearing_id: (
            SectionComment.objects.filter(hearing_id=hearing_id, status=CommentStatus.PUBLISHED)
            .only(*PUBLIC_FIELDS)
            .order_by("section_key", "published_at", "pk")
        ),
        hearing_id=hearing.pk,
    )
    for comment in comments:
        by_section[comment.section_key].append(comment)
    return dict(by_section)


def published_comment_counts(*, hearing) -> dict[str, int]:
    """The number of published comments per section key (one query, no rows fetched)."""
    rows = (
        SectionComment.objects.filter(hearing_id=hearing.pk, status=CommentStatus.PUBLISHED)
        .values("section_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["section_key"]: row["n"] for row in rows}


def comment_for_token(*, token: str) -> SectionComment | None:
    if not token or len(token) > 100:
        return None
    return (
        SectionComment.objects.select_related("hearing")
        .filter(token_hash=hash_token(token))
        .first()
    )


def comments_for_moderation(*, hearing, status: str = ""):
    """A hearing's confirmed comments (and unconfirmed ones when asked for), newest first."""
    comments = SectionComment.objects.filter(hearing_id=hearing.pk).select_related("moderated_by")
    if status:
        comments = comments.filter(status=status)
    else:
        comments = comments.exclude(status=CommentStatus.UNCONFIRMED)
    return comments.order_by("-created_at", "-pk")


def status_counts(*, hearing) -> dict[str, int]:
    rows = (
        SectionComment.objects.filter(hearing_id=hearing.pk)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}


def pending_comment_count(*, hearing=None) -> int:
    comments = SectionComment.objects.filter(status=CommentStatus.PENDING)
    if hearing is not None:
        comments = comments.filter(hearing_id=hearing.pk)
    return comments.count()


def hearings_with_comments(*, hearings):
    """The given hearings (a page queryset) with their numbers of pending and published comments,
    those with any comments first."""
    from django.db.models import Q

    return hearings.annotate(
        pending_comments=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
        published_comments=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED)),
    ).order_by("-pending_comments", "-opens_on")


def comments_of_email(*, email: str):
    return SectionComment.objects.filter(email__iexact=email.strip())
