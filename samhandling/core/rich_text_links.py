"""Links to pages in rich text, made as Wagtail makes them and kept with the site's structure.

Wagtail's `PageLinkHandler` reads every linked page (`specific()`: a query per page type, every
column) and its translation in the active language on each request that shows the text, to
write `<a href="…">`. What it writes depends only on the linked pages' places and addresses (a
structure change: `structure_cache.structure_changed`), the active language and the URL
configuration, so it is kept per set of linked pages under the structure version, with the
page-cache tags its making noted (`fragment_cache.cached_noting`: a page showing the link is
purged when the linked page moves, as before)."""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from wagtail.rich_text.pages import PageLinkHandler

from .fragment_cache import cached_noting


class KeptPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        ids = tuple(str(attrs.get("id")) for attrs in attrs_list)

        def build() -> tuple[str, ...]:
            return tuple(super(KeptPageLinkHandler, cls).expand_db_attributes_many(attrs_list))

        return list(
            cached_noting(
                "rich-text-page-links",
                get_language(),
                get_urlconf() or settings.ROOT_URLCONF,
                get_script_prefix(),
                *ids,
                build=build,
            )
        )
