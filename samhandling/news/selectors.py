from django.db.models import QuerySet
from wagtail.models import Page


def latest_news(*, root: Page, limit: int | None = None) -> QuerySet:
    from .models import NewsArticlePage

    articles = (
        NewsArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .select_related("image", "locale")
        .order_by("-date", "-first_published_at")
    )
    return articles[:limit] if limit else articles
