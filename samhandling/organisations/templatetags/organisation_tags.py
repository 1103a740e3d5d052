"""Wherever a public page names an organisation: `{% organisation_link organisation %}` links the
name to the organisation's page on the current site (plain text when it has none there), with its
Sámi name marked in its own language. No query per organisation: the site's organisations are
read once per request (structure cache)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from samhandling.core.sites import site_for_request
from samhandling.organisations.public_selectors import organisation_url, sami_language

register = template.Library()


@register.simple_tag
def organisation_name(organisation) -> str:
    """The display name, its Sámi part in a span with its language (WCAG 3.1.2)."""
    if organisation is None:
        return ""
    if not organisation.sami_name:
        return format_html("{}", organisation.name)
    return format_html(
        '{} – <span lang="{}">{}</span>',
        organisation.name,
        sami_language(organisation),
        organisation.sami_name,
    )


@register.simple_tag(takes_context=True)
def organisation_link(context, organisation, css_class="ds-link") -> str:
    """The organisation's name as a link to its page on this site, or the name alone. A page
    that names the same organisation again (an agreement's adoptions, version after version)
    reuses the link made for it earlier in the request."""
    if organisation is None:
        return ""
    request = context.get("request")
    if request is None:
        return _link(None, organisation, css_class)
    made = request.__dict__.setdefault("_samhandling_organisation_links", {})
    key = (
        organisation.pk,
        organisation.name,
        organisation.sami_name,
        organisation.municipality_number,
        css_class,
        get_language(),
    )
    link = made.get(key)
    if link is None:
        link = made[key] = _link(site_for_request(request), organisation, css_class)
    return link


def _link(site, organisation, css_class: str) -> str:
    name = organisation_name(organisation)
    url = organisation_url(site=site, organisation_id=organisation.pk) if site else ""
    if not url:
        return name
    return format_html('<a class="{}" href="{}">{}</a>', css_class, url, name)


@register.simple_tag
def organisation_link_on_site(organisation, site, css_class="") -> str:
    """For the admin (on any host): the name linked to the organisation's page on `site`, as
    a full address on that site's host, or the name alone when it has no page there."""
    if organisation is None:
        return ""
    name = organisation_name(organisation)
    url = organisation_url(site=site, organisation_id=organisation.pk) if site else ""
    if not url:
        return name
    return format_html('<a class="{}" href="{}{}">{}</a>', css_class, site.root_url, url, name)
