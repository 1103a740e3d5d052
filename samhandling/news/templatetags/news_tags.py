"""The news feed's address for a page's templates: the Atom feed of the site's news index."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def news_feed_url(context, index=None) -> str:
    """The Atom feed of `index`, or of the first news index of the request's site; "" if none."""
    from samhandling.core.sites import site_root_for_request

    from ..models import NewsIndexPage

    request = context.get("request")
    if request is None:
        return ""
    if not index:  # none given (a template variable that is not set comes as "")
        root = site_root_for_request(request)
        if root is None:
            return ""
        index = NewsIndexPage.objects.descendant_of(root).live().order_by("path").first()
        if index is None:
            return ""
    url = index.get_url(request)
    return url + index.reverse_subpage("atom") if url else ""
