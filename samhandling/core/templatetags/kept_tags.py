"""`{% kept_for_page "name" %}…{% endkept_for_page %}`: a part of a page's template rendered once
per process and structure version, for each page, published revision, language and host, and
then reused (`fragment_cache.immutable_noting`: the tags its rendering noted are noted again, so
the page cache purges a page that shows it as before).

Wrap only what depends on nothing but what changes the structure version when it changes
(`structure_cache.connect_signals`: publishing a page; saving a site, an organisation, an image,
a document, an agreement's version or adoption): the page's StreamField blocks (links to pages,
images, documents, rich text), a list of the latest articles, an agreement's status; never
records that change without (sign-ups, memberships, hearing responses), nothing that changes
with time unless it notes when (below), nothing of the visitor's. What such a part reads should
be read lazily (`SimpleLazyObject` in the context), so that a kept part reads nothing.
A part that notes when it changes by itself (a hearing opens or closes: the page cache's
moments) is rendered afresh once that moment has passed; `{% kept_for_page "name" daily %}` also
keeps a part only for the day (a milestone is late from the day after its date). A preview renders
in full, as does a page that is not the one served (no live revision).

Wagtail's `{% wagtailpagecache %}` keys a part the same way, but keeps it in the shared cache (a
round trip and an unpickling for each part) and would hide from the page cache the records the
part shows (their tags are noted only when the part is rendered)."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samhandling.core.fragment_cache import immutable_noting

register = template.Library()


class KeptForPageNode(template.Node):
    def __init__(self, name: str, nodelist, *, daily: bool = False):
        self.name = name
        self.nodelist = nodelist
        self.daily = daily

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
            timezone.localdate() if self.daily else "",
            build=build,
        )


@register.tag
def kept_for_page(parser, token):
    bits = token.split_contents()
    daily = bits[2:] == ["daily"]
    if len(bits) != 2 + daily or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f'{bits[0]} takes one quoted name, then "daily" or not')
    nodelist = parser.parse(("endkept_for_page",))
    parser.delete_first_token()
    return KeptForPageNode(bits[1][1:-1], nodelist, daily=daily)
