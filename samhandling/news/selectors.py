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


class TeaserList:
    """`news_teasers(root=root)` for a paginator: counted and sliced through SQL compiled once
    per process (committees/compiled_lists.py), the same articles in the same order."""

    ordered = True  # by date, newest first

    def __init__(self, *, root: Page):
        self.root = root

    def _build(self, *, path, depth):
        from .models import NewsArticlePage

        articles = NewsArticlePage.objects.filter(path__startswith=path, depth__gt=depth)
        articles = public_live(articles).select_related("image", "locale")
        return articles.order_by("-date", "-first_published_at").only(*TEASER_FIELDS)

    def _key(self) -> tuple:
        from samhandling.core.visibility import hidden_paths

        restricted, _unpublished, _aliases = hidden_paths()  # all `public_live` reads of them
        return tuple(restricted)

    def count(self) -> int:
        from samhandling.core.compiled_lists import compiled_count

        return compiled_count(
            "news-teasers", self._key(), self._build, path=self.root.path, depth=self.root.depth
        )

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        from samhandling.core.compiled_lists import compiled_list

        if not isinstance(index, slice) or index.step is not None:
            return list(news_teasers(root=self.root))[index]
        start, stop = index.start or 0, index.stop

        def build(**values):
            return self._build(**values)[start:stop]

        # The slice is written into the SQL (LIMIT/OFFSET): part of the shape.
        return compiled_list(
            "news-teasers",
            (*self._key(), start, stop),
            build,
            path=self.root.path,
            depth=self.root.depth,
        )


def teasers_without_images(*, root: Page, limit: int) -> list:
    """`news_teasers(root=root, limit=limit)` as a list, for a list that shows no images (the
    home page's): without the image and locale joined, its SQL compiled once per process."""
    from samhandling.core.compiled_lists import compiled_list
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
