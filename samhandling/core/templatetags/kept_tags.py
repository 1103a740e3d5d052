"""`{% kept_for_page "name" %}…{% endkept_for_page %}`: a part of a page's template rendered once
per process and structure version, for each page, published revision, language and host, and
then reused (`fragment_cache.immutable_noting`: the tags its rendering noted are noted again, so
the page cache purges a page that shows it as before).

Wrap only what depends on nothing but the published content of pages and the site's structure:
the page's StreamField blocks (links to pages, images, documents, rich text), a list of the
latest articles; never anything that changes with time (upcoming events), with records other
than pages, images, documents, organisations and sites, or with the visitor. What such a part
reads should be read lazily (`SimpleLazyObject` in the context), so that a kept part reads
nothing. Publishing a page, and saving an image or a document, change the structure
version (`structure_cache.connect_signals`), so such a part is rendered afresh after any edit.
A preview renders in full, as does a page that is not the one served (no live revision).

Wagtail's `{% wagtailpagecache %}` keys a part the same way, but keeps it in the shared cache (a
round trip and an unpickling for each part) and would hide from the page cache the records the
part shows (their tags are noted only when the part is rendered)."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samhandling.core.fragment_cache import immutable_noting

register = template.Library()


class KeptForPageNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        page = context.get("page")
        revision = getattr(page, "live_revision_id", None)
        if request is None or revision is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)

        def build():
            return mark_safe(self.nodelist.render(context))  # noqa: S308  # nosec B308 B703 - rendered by the template engine, which escapes

        return immutable_noting(
            f"kept-for-page:{self.name}",
            page.pk,
            revision,
            get_language(),
            request.get_host(),
            build=build,
        )


@register.tag
def kept_for_page(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name")
    nodelist = parser.parse(("endkept_for_page",))
    parser.delete_first_token()
    return KeptForPageNode(bits[1][1:-1], nodelist)
