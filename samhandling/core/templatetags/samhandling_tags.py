"""Template helpers: Norwegian date and time spans, navigation and breadcrumbs, the language of
parts of a page."""

from datetime import date, datetime
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _time(value: datetime) -> str:
    return formats.date_format(value, "TIME_FORMAT")


@register.filter
def long_date(value) -> str:
    """30. oktober 2023 (nn/nb) or 30 October 2023 (en)."""
    if not value:
        return ""
    local = _local(value)
    day = local.date() if isinstance(local, datetime) else local
    return _long_date(day, get_language())


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """Formatting a date walks Django's localized formats each time: a page listing a hundred
    dates formats each (day, language) once per process. DATE_FORMAT shows no time of day."""
    return formats.date_format(day, "DATE_FORMAT")


@register.simple_tag
def timespan(start: datetime, end: datetime | None = None) -> str:
    """30. oktober 2023 kl. 12.00–15.30; across days both ends get their date."""
    if not start:
        return ""
    start = _local(start)
    if not isinstance(start, datetime):
        return long_date(start)
    clock = "" if get_language() == "en" else _("kl.") + " "
    text = f"{long_date(start)} {clock}{_time(start)}"
    if end:
        end = _local(end)
        if end.date() == start.date():
            text += f"–{_time(end)}"
        else:
            text += f" – {long_date(end)} {clock}{_time(end)}"
    return text


@register.filter
def iso(value) -> str:
    if isinstance(value, datetime):
        return _local(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def _menu_items(root, context) -> list[dict]:
    from samhandling.core.visibility import public_live

    request = context.get("request")
    return [
        {
            "pk": page.pk,
            "path": page.path,
            "title": page.title,
            "url": page.get_url(request),
            "lang": page.locale.language_code,
        }
        for page in public_live(root.get_children().in_menu()).select_related("locale")
    ]


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level menu pages (`url`, `title`), each with `aria_current`: "page" or "true" (in
    its section)."""
    from samhandling.core.structure_cache import cached

    root = context.get("site_root")
    if root is None:
        return []
    page = context.get("page")
    path = getattr(page, "path", "") if page is not None else ""
    return [
        {
            "url": item["url"],
            "title": item["title"],
            "lang": item.get("lang", ""),
            "aria_current": ("page" if page.pk == item["pk"] else "true")
            if path.startswith(item["path"])
            else "",
        }
        for item in cached("menu", root.pk, build=lambda: _menu_items(root, context))
    ]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the site's home page down to (not including) the page."""
    root = context.get("site_root")
    if root is None or page is None or page.pk == root.pk:
        return []
    from samhandling.core.structure_cache import cached

    return cached(
        "breadcrumbs",
        root.pk,
        page.pk,
        build=lambda: list(
            page.get_ancestors().filter(depth__gte=root.depth).live().select_related("locale")
        ),
    )


def _language_of(value) -> str:
    """The language code of a page (its Wagtail locale), of a menu item (its `lang`) or a code."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("lang", "")
    content_language = getattr(value, "content_language", None)
    if content_language:
        return content_language
    locale_id = getattr(value, "locale_id", None)
    if locale_id is not None:  # a plain Page: its locale's code without reading the locale
        from samhandling.core.locales import language_code

        return language_code(locale_id)
    locale = getattr(value, "locale", None)
    return getattr(locale, "language_code", "") or ""


@register.filter
def lang_attr(value) -> str:
    """` lang="nn"` when a piece of content (a page, a menu item, a language code) is in another
    language than the interface around it (WCAG 3.1.2, language of parts); else nothing.

    The interface language is the one the request activated; `<html lang>` carries it."""
    language = _language_of(value)
    if not language or language == get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def in_own_language(text, value) -> str:
    """The text (e.g. a page title inside an interface sentence) in a span with the language of
    `value`, where that differs from the interface; otherwise the text, escaped as usual."""
    attr = lang_attr(value)
    if not attr:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", attr, text)


@register.filter
def ds_control(bound) -> str:
    """A form field or one option of a radio group rendered with Designsystemet's `ds-input`
    class (styled radio buttons and checkboxes), keeping the attributes Django gives it
    (required, aria-invalid, aria-describedby)."""
    if hasattr(bound, "as_widget"):  # a BoundField: a checkbox, for instance
        return bound.as_widget(attrs={"class": "ds-input"})
    attrs = bound.data.setdefault("attrs", {})
    classes = attrs.get("class", "").split()
    if "ds-input" not in classes:
        attrs["class"] = " ".join([*classes, "ds-input"])
    return bound.tag()


_LOGO = '{% load wagtailimages_tags %}{% image logo height-48 alt="" class="site-brand__logo" %}'


@register.simple_tag
def community_logo(community) -> str:
    """The community's logo in the header, as `{% image … height-48 %}` renders it; kept with the
    structure (saving an image or a community changes its version), so that a page does not
    look up the rendition every time."""
    from django.template import engines

    from samhandling.core.fragment_cache import cached_noting

    logo_id = getattr(community, "logo_id", None)
    if not logo_id:
        return ""

    def build() -> str:  # a SafeString (kept as one: the cache pickles it)
        return engines["django"].from_string(_LOGO).render({"logo": community.logo})

    return cached_noting("community-logo", community.pk, logo_id, build=build)
