"""The news feed's address for a page's templates: the Atom feed of the site's news index."""

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def news_feed_url(context, index=None) -> str:
    """The Atom feed of `index`, or of the first news index of the request's site; "" if none."""
    from samhandling.core.fragment_cache import cached_noting
    from samhandling.core.sites import site_root_for_request

    request = context.get("request")
    if request is None:
        return ""
    if not index:  # none given (a template variable that is not set comes as "")
        root = site_root_for_request(request)
        if root is None:
            return ""
        # The same on every page of the site: kept with the structure (the index's address).
        return cached_noting(
            "news-feed-url",
            root.pk,
            get_language(),
            request.get_host(),
            build=lambda: _first_index_feed_url(root, request),
        )
    return _feed_url(index, request)


def _first_index_feed_url(root, request) -> str:
    from samhandling.core import page_cache_tags

    from ..models import NewsIndexPage

    # A news index published later changes the address: purge the pages that showed none.
    page_cache_tags.tag(page_cache_tags.type_tag(NewsIndexPage, root.path))
    index = NewsIndexPage.objects.descendant_of(root).live().order_by("path").first()
    return _feed_url(index, request) if index is not None else ""


def _feed_url(index, request) -> str:
    url = index.get_url(request)
    return url + index.reverse_subpage("atom") if url else ""


@register.simple_tag(takes_context=True)
def article_teaser(context, article, heading_level=3, show_image=False) -> str:
    """What news/includes/article_teaser.html renders (kept as the reference for the markup),
    made in Python: a list of teasers spent most of its time including that template once per
    article. Byte for byte the same markup, escaped as the template did."""
    from django.template.defaultfilters import truncatewords
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from wagtail.templatetags.wagtailcore_tags import pageurl

    from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, long_date

    image = ""
    if show_image and article.image:
        image = mark_safe(teaser_image(article.image))  # noqa: S308 - made by Wagtail  # nosec B308 B703
    if heading_level == 2:
        opening, closing = '<h2 class="ds-heading teaser__title" data-size="sm">', "</h2>"
    else:
        opening, closing = '<h3 class="ds-heading teaser__title" data-size="xs">', "</h3>"
    lead = ""
    if article.lead:
        lead = format_html(
            '<p class="ds-paragraph" data-size="sm">{}</p>', truncatewords(article.lead, 30)
        )
    return format_html(
        '\n<article class="teaser"{}>\n  {}\n  <div class="teaser__body">\n    {}'
        '<a class="ds-link" href="{}">{}</a>{}'
        '\n    <p class="ds-paragraph teaser__meta" data-size="sm">'
        '<time datetime="{}">{}</time></p>\n    {}\n  </div>\n</article>\n',
        lang_attr(article),
        image,
        mark_safe(opening),  # noqa: S308 - fixed markup  # nosec B308 B703
        pageurl(context, article),
        article.title,
        mark_safe(closing),  # noqa: S308 - fixed markup  # nosec B308 B703
        iso(article.date),
        long_date(article.date),
        lead,
    )


TEASER_IMAGE = "fill-320x180"


def teaser_image(image) -> str:
    """The teaser's `<img>` of the image (`{% image article.image fill-320x180 alt="" class=… %}`);
    its rendition is kept with the structure (`core.images.SiteImage.get_rendition`)."""
    from wagtail.images.models import Filter
    from wagtail.images.shortcuts import get_rendition_or_not_found

    rendition = get_rendition_or_not_found(image, Filter(spec=TEASER_IMAGE))
    return str(rendition.img_tag({"alt": "", "class": "teaser__image"}))
