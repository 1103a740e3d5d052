"""Published comments on the sections of a draft (a minimal version for the hearing page; the
comments work replaces it)."""

from .choices import CommentStatus
from .comments import SectionComment


def published_comments_by_section(*, hearing) -> dict[str, list[SectionComment]]:
    found: dict[str, list[SectionComment]] = {}
    comments = SectionComment.objects.filter(hearing=hearing, status=CommentStatus.PUBLISHED)
    for comment in comments.order_by("published_at", "pk"):
        found.setdefault(comment.section_key, []).append(comment)
    return found
