"""Template helpers for committee pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def person_url(context, structure, person) -> str:
    """The person's page on the committee structure page, or empty without one."""
    if structure is None or person is None:
        return ""
    # The structure page's own address once per page, not once per member.
    urls = context.render_context.setdefault("committee_structure_urls", {})
    if structure.pk not in urls:
        urls[structure.pk] = structure.get_url(context.get("request"))
    return urls[structure.pk] + structure.reverse_subpage("person", args=[person.pk])
