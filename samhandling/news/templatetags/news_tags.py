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
