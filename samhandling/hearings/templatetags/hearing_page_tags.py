"""Tags of the public hearing page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from samhandling.core.sites import site_for_request
from samhandling.organisations.public_selectors import organisation_url
from samhandling.organisations.templatetags.organisation_tags import organisation_name

register = template.Library()


@register.simple_tag(takes_context=True)
def invited_organisation_items(context, organisations) -> str:
    """`<li>{% organisation_link organisation %}</li>` for each organisation, one after the other.

    A hearing invites up to a hundred organisations or so; rendering the loop in the template
    (a tag per item that looks the site up again each time) was a good part of the page's time,
    so the items are made here, with the site looked up once. The same HTML."""
    request = context.get("request")
    site = site_for_request(request) if request is not None else None
    items = []
    for organisation in organisations:
        name = organisation_name(organisation)
        url = organisation_url(site=site, organisation_id=organisation.pk) if site else ""
        link = format_html('<a class="ds-link" href="{}">{}</a>', url, name) if url else name
        items.append(f"<li>{link}</li>")
    # bandit B308/B703 (mark_safe): each name and address is escaped by format_html above.
    return mark_safe("".join(items))  # noqa: S308  # nosec B308 B703
