from django.db.models import QuerySet
from wagtail.models import Page

from samhandling.core.visibility import public_live


def latest_news(*, root: Page, limit: int | None = None) -> QuerySet:
    from .models import NewsArticlePage

    articles = (
        public_live(NewsArticlePage.objects.descendant_of(root))
        .select_related("image", "locale")
        .order_by("-date", "-first_published_at")
    )
    return articles[:limit] if limit else articles
