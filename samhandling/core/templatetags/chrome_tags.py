"""The layout's chrome (base.html): the header (brand, search, language switch, main menu), the
footer's contact and about sections and its newsletter form.

What they show is the same on every page of a site in one language, except for a few values of
the request: which menu item is the current page's (`aria-current`), the address the language
switch goes back to (`next`), the search box's value and the newsletter form's signed time
(form guard). So each is rendered once per process and structure version (`immutable_noting`:
a change to the site's structure renders it again, and a page still notes the tags its
rendering noted, for the page cache) with markers where those values go, and each request only
fills them in (`_Kept.fill`). Anything unusual (a context whose community or home page is not
the request's) renders in full."""

import secrets

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Context
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samhandling.core.form_guard import form_stamp
from samhandling.core.fragment_cache import immutable_noting
from samhandling.core.sites import community_for_request, site_for_request, site_root_for_request
from samhandling.core.structure_cache import cached

register = template.Library()

HEAD_ASSETS = "core/includes/head_assets.html"
HEADER = "core/includes/site_header.html"
FOOTER_START = "core/includes/site_footer_start.html"
NEWSLETTER_FORM = "newsletters/includes/footer_form.html"

# Markers for the values filled in per request: a token no page can contain by chance.
_TOKEN = "samhandling-slot-" + secrets.token_hex(8)


def _marker(name: str) -> str:
    return f"{_TOKEN}{name}{_TOKEN}"


class _Kept:
    """A rendered fragment cut at its markers: literal text and the names of the slots."""

    def __init__(self, html: str):
        self.pieces = tuple(html.split(_TOKEN))  # even: literal text; odd: a slot's name

    def fill(self, values: dict) -> str:
        pieces = list(self.pieces)
        for index in range(1, len(pieces), 2):
            pieces[index] = values[pieces[index]]
        return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703 - escaped pieces


class _PathOnly:
    """The request as the language switch sees it when kept: its address is a marker."""

    def __init__(self, request):
        self._request = request

    def get_full_path(self) -> str:
        return _marker("next")

    def __getattr__(self, name):
        return getattr(self._request, name)


def _render(context, name: str, values: dict) -> str:
    found = context.template.engine.get_template(name)
    return found.render(Context(values, autoescape=context.autoescape))


def _is_the_requests(context, request) -> bool:
    """True if the context's community and home page are the request's (they come from the
    context processor), so that a fragment kept per site is what the page would render."""
    return context.get("community") is community_for_request(request) and context.get(
        "site_root"
    ) is site_root_for_request(request)


def _key_parts(request) -> tuple:
    site = site_for_request(request)
    community = community_for_request(request)
    root = site_root_for_request(request)
    return (
        getattr(site, "pk", None),
        getattr(community, "pk", None),
        getattr(root, "pk", None),
        get_language(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


# --- the head's style sheets and script ----------------------------------------------------------
# Their addresses change only with the static files (a new deployment, a new process) or with
# the settings (tests): kept per STATIC_URL and storage, forgotten when a setting changes.
_head_assets: dict = {}


@receiver(setting_changed)
def _forget_head_assets(**_kwargs) -> None:
    _head_assets.clear()


@register.simple_tag(takes_context=True)
def head_assets(context) -> str:
    """The `<link>`s and `<script>` of every page's head, with their static addresses."""
    key = (settings.STATIC_URL, settings.STORAGES.get("staticfiles", {}).get("BACKEND"))
    html = _head_assets.get(key)
    if html is None:
        html = _head_assets[key] = mark_safe(  # noqa: S308  # nosec B308 B703 - a rendered template
            _render(context, HEAD_ASSETS, {})
        )
    return html


# --- the header -----------------------------------------------------------------------------------
def _menu(context) -> list[dict]:
    """The main menu's items as `samhandling_tags.main_menu` reads them (cached with the
    structure): pk, path, title, url, lang."""
    from samhandling.core.templatetags.samhandling_tags import _menu_items

    root = context.get("site_root")
    if root is None:
        return []
    return cached("menu", root.pk, build=lambda: _menu_items(root, context))


def _current_attr(page, item_pk: int, item_path: str) -> str:
    """` aria-current="page"` on the current page's item, `"true"` on its section's."""
    path = getattr(page, "path", "") if page is not None else ""
    if not path.startswith(item_path):
        return ""
    return format_html(' aria-current="{}"', "page" if page.pk == item_pk else "true")


def _header_values(context, request, menu, current_attrs, search_query) -> dict:
    return {
        "community": context.get("community"),
        "interface_languages": context.get("interface_languages", settings.LANGUAGES),
        "request": request,
        "search_query": search_query,
        "menu_pages": [
            {
                "url": item["url"],
                "title": item["title"],
                "lang": item.get("lang", ""),
                "current_attr": current_attr,
            }
            for item, current_attr in zip(menu, current_attrs, strict=True)
        ],
    }


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context.get("request")
    page = context.get("page")
    search_query = context.get("search_query")
    if request is None or not _is_the_requests(context, request):
        menu = _menu(context)
        attrs = [_current_attr(page, item["pk"], item["path"]) for item in menu]
        values = _header_values(context, request, menu, attrs, search_query)
        return _render(context, HEADER, values)

    def build():
        menu = _menu(context)
        slots = [
            mark_safe(_marker(f"current{index}"))  # noqa: S308  # nosec B308 B703 - a marker
            for index in range(len(menu))
        ]
        values = _header_values(context, _PathOnly(request), menu, slots, _marker("search"))
        items = tuple((item["pk"], item["path"]) for item in menu)
        return _Kept(_render(context, HEADER, values)), items

    kept, items = immutable_noting("chrome-header", *_key_parts(request), build=build)
    values = {
        "next": conditional_escape(request.get_full_path()),
        "search": conditional_escape(search_query) if search_query else "",
    }
    for index, (pk, path) in enumerate(items):
        values[f"current{index}"] = _current_attr(page, pk, path)
    return kept.fill(values)


# --- the footer -----------------------------------------------------------------------------------
@register.simple_tag(takes_context=True)
def site_footer_start(context) -> str:
    """The footer's contact and about sections: nothing of the request but its site."""
    request = context.get("request")
    values = {"community": context.get("community"), "request": request}
    if request is None or not _is_the_requests(context, request):
        return _render(context, FOOTER_START, values)

    def build():
        return _Kept(_render(context, FOOTER_START, values)), ()

    kept, _nothing = immutable_noting("chrome-footer", *_key_parts(request), build=build)
    return kept.fill({})


@register.simple_tag(takes_context=True)
def footer_newsletter_form(context) -> str:
    """The newsletter form in the footer, with a signed time of its own on every page."""
    request = context.get("request")
    if request is None:
        return _render(context, NEWSLETTER_FORM, {})

    def build():
        values = {"form_stamp_slot": _marker("stamp")}
        return _Kept(_render(context, NEWSLETTER_FORM, values)), ()

    kept, _nothing = immutable_noting("chrome-newsletter", *_key_parts(request), build=build)
    return kept.fill({"stamp": conditional_escape(form_stamp())})


# --- the breadcrumbs ------------------------------------------------------------------------------
def _crumb_items(context, page) -> str:
    """The `<li>` of each ancestor from the site's home page down to the page's parent, as
    core/includes/breadcrumbs.html rendered them."""
    from samhandling.core.templatetags.samhandling_tags import breadcrumbs, lang_attr

    request = context.get("request")
    return mark_safe(  # noqa: S308  # nosec B308 B703 - format_html escapes every value
        "".join(
            format_html(
                '<li><a class="ds-link" href="{}"{}>{}</a></li>',
                crumb.get_url(request=request),
                lang_attr(crumb),
                crumb.title,
            )
            for crumb in breadcrumbs(context, page)
        )
    )


@register.simple_tag(takes_context=True)
def breadcrumb_items(context, page) -> str:
    """The ancestors' part of the breadcrumbs (empty on the home page): the same for every
    request of a page in one language, so kept per process and structure version (a page
    renamed or moved is a structure change) with the tags its rendering noted."""
    request = context.get("request")
    if page is None or request is None or not _is_the_requests(context, request):
        return _crumb_items(context, page) if page is not None else ""
    return immutable_noting(
        "chrome-crumbs", *_key_parts(request), page.pk, build=lambda: _crumb_items(context, page)
    )
