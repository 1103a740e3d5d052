"""News articles of a site, newest first."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema

from samhandling.news.models import NewsArticlePage

from .common import (
    DateRange,
    ObjectId,
    Paging,
    SiteFilter,
    get_or_404,
    list_of,
    page_url,
    pages_of_site,
    paginate,
    resolve_site,
    responses,
)

router = Router(tags=["news"])
IMAGE_SPEC = "width-1000"  # as the article page shows it


class ImageOut(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str
    credit: str


class NewsOut(Schema):
    id: int
    title: str
    lead: str
    date: date
    url: str
    language: str
    image: ImageOut | None


class NewsDetailOut(NewsOut):
    body: str = Field(description="HTML, as on the article page.")


NewsList = list_of(NewsOut, "NewsList")


def news_of_site(site) -> QuerySet:
    return (
        pages_of_site(NewsArticlePage, site)
        .select_related("image", "locale")
        .order_by("-date", "-first_published_at", "-pk")
    )


def _image(article: NewsArticlePage, request) -> ImageOut | None:
    if article.image is None:
        return None
    rendition = article.image.get_rendition(IMAGE_SPEC)
    return ImageOut(
        url=request.build_absolute_uri(rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=article.alt_text,
        caption=article.image_caption,
        credit=article.credit,
    )


def _news_fields(article: NewsArticlePage, request) -> dict:
    return {
        "id": article.pk,
        "title": article.title,
        "lead": article.lead,
        "date": article.date,
        "url": page_url(article, request),
        "language": article.locale.language_code,
        "image": _image(article, request),
    }


@router.get("/news", response=responses(NewsList), summary="News of a site")
def list_news(
    request,
    response: HttpResponse,
    paging: Query[Paging],
    where: Query[SiteFilter],
    dates: Query[DateRange],
):
    """Published news articles of the site, newest first; `from` and `to` filter on the
    article's date."""
    articles = dates.apply(news_of_site(resolve_site(request, where.site)), "date")
    return paginate(
        request, response, articles, paging, convert=lambda a: NewsOut(**_news_fields(a, request))
    )


@router.get("/news/{id:article_id}", response=responses(NewsDetailOut), summary="One news article")
def get_news(request, where: Query[SiteFilter], article_id: int = ObjectId()):
    article = get_or_404(news_of_site(resolve_site(request, where.site)), pk=article_id)
    return NewsDetailOut(**_news_fields(article, request), body=str(article.body))
