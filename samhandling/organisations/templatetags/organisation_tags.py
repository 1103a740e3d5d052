"""Wherever a public page names an organisation: `{% organisation_link organisation %}` links the
name to the organisation's page on the current site (plain text when it has none there), with its
Sámi name marked in its own language. No query per organisation: the site's organisations are
read once per request (structure cache)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from samhandling.core.sites import site_for_request
from samhandling.organisations.public_selectors import (
    organisation_paths,
    organisation_url,
    sami_language,
)

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
    return organisation_linker(context, css_class)(organisation)


def organisation_linker(context, css_class="ds-link"):
    """`organisation_link(context, organisation, css_class)` as a function of the organisation,
    for a list of them: the request's links made so far, its site and the language are looked
    up once for the list rather than once per name. The organisation: anything with its `pk`,
    `name`, `sami_name` and `municipality_number` (an instance, or a row of those columns)."""
    request = context.get("request")
    if request is None:
        return lambda organisation: _link(None, organisation, css_class) if organisation else ""
    made = request.__dict__.setdefault("_samhandling_organisation_links", {})
    language = get_language()
    paths = []  # the site's organisations' paths, looked up on the first link not made before

    def link(organisation) -> str:
        if organisation is None:
            return ""
        key = (
            organisation.pk,
            organisation.name,
            organisation.sami_name,
            organisation.municipality_number,
            css_class,
            language,
        )
        made_link = made.get(key)
        if made_link is None:
            if not paths:
                paths.append(organisation_paths(site=site_for_request(request)))
            made_link = made[key] = _link_to(
                paths[0].get(organisation.pk, ""), organisation, css_class
            )
        return made_link

    return link


def _name(organisation) -> str:
    """`organisation_name(organisation)`, for an organisation that is not None."""
    name = conditional_escape(organisation.name)
    # bandit B703 (SafeString): every value is escaped by `conditional_escape`.
    if not organisation.sami_name:
        return SafeString(name)  # nosec B703
    return SafeString(  # nosec B703
        f'{name} – <span lang="{conditional_escape(sami_language(organisation))}">'
        f"{conditional_escape(organisation.sami_name)}</span>"
    )


def _link(site, organisation, css_class: str) -> str:
    url = organisation_url(site=site, organisation_id=organisation.pk) if site else ""
    return _link_to(url, organisation, css_class)


def _link_to(url: str, organisation, css_class: str) -> str:
    name = _name(organisation)
    if not url:
        return name
    # format_html('<a class="{}" href="{}">{}</a>', css_class, url, name), without its lookups.
    # bandit B703 (SafeString): the class and address escaped here, the name by `_name`.
    return SafeString(
        f'<a class="{conditional_escape(css_class)}" href="{conditional_escape(url)}">{name}</a>'
    )  # nosec B703


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
