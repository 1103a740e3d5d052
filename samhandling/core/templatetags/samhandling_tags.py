"""Template helpers: Norwegian date and time spans, navigation and breadcrumbs."""

from datetime import date, datetime

from django import template
from django.utils import formats, timezone
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
    return formats.date_format(_local(value), "DATE_FORMAT")


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
    request = context.get("request")
    return [
        {"pk": page.pk, "path": page.path, "title": page.title, "url": page.get_url(request)}
        for page in root.get_children().live().public().in_menu()
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
        build=lambda: list(page.get_ancestors().filter(depth__gte=root.depth).live()),
    )
