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


# What a teaser (news/includes/article_teaser.html) shows of an article: its link, date, lead and
# image (read in full with it); the body and the rest of the page row are not read for a list.
TEASER_FIELDS = (
    "id",
    "title",
    "path",
    "depth",
    "url_path",
    "locale",
    "live",
    "date",
    "lead",
    "image",
)


def news_teasers(*, root: Page, limit: int | None = None) -> QuerySet:
    """`latest_news` with only the columns a teaser shows."""
    articles = latest_news(root=root).only(*TEASER_FIELDS)
    return articles[:limit] if limit else articles


def teasers_without_images(*, root: Page, limit: int) -> list:
    """`news_teasers(root=root, limit=limit)` as a list, for a list that shows no images (the
    home page's): without the image and locale joined, its SQL compiled once per process."""
    from samhandling.committees.compiled_lists import compiled_list
    from samhandling.core.visibility import hidden_paths

    from .models import NewsArticlePage

    def build(*, path, depth):
        articles = NewsArticlePage.objects.filter(path__startswith=path, depth__gt=depth)
        articles = public_live(articles).only(*TEASER_FIELDS)
        return articles.order_by("-date", "-first_published_at")[:limit]

    restricted, _unpublished, _aliases = hidden_paths()  # all `public_live` reads of them
    return compiled_list(
        "news-teasers-without-images",
        (limit, tuple(restricted)),
        build,
        path=root.path,
        depth=root.depth,
    )
