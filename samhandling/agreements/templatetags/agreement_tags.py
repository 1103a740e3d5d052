"""The long lists of the agreement page, made in Python.

An agreement names every party once or twice (who has adopted the newest version and the one in
force, who has not): some fifty list items, each with a link, a date and a body. Rendered by a
template loop, the variable lookups, filters and tag calls per item were the largest part of
the page's rendering; here each item is one `format_html` (escaping as the template did) with
the same markup, character for character, as the loop it replaces."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from samhandling.core.templatetags.samhandling_tags import iso, long_date
from samhandling.organisations.templatetags.organisation_tags import organisation_link

register = template.Library()

# The text between the loop's tags in the template it replaces, around each item.
_ADOPTED_ITEM = (
    '\n      <li>{} <span class="adoption-list__meta">{}<time datetime="{}">{}</time>'
    "</span></li>\n      "
)
_NO_BODY = mark_safe("")  # nosec B308 - an empty string


@register.simple_tag(takes_context=True)
def adopted_items(context, adoptions) -> str:
    """The list items of the parties that have adopted (Adoption rows): the party's link, the
    body that adopted and the date."""
    return format_html_join(
        "",
        _ADOPTED_ITEM,
        (
            (
                organisation_link(context, adoption.organisation),
                format_html("{}, ", adoption.body) if adoption.body else _NO_BODY,
                iso(adoption.adopted_on),
                long_date(adoption.adopted_on),
            )
            for adoption in adoptions
        ),
    )


@register.simple_tag(takes_context=True)
def missing_items(context, organisations) -> str:
    """The list items of the parties that have not adopted (Organisations): their links."""
    return format_html_join(
        "", "<li>{}</li>", ((organisation_link(context, o),) for o in organisations)
    )
