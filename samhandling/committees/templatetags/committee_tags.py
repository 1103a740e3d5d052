"""Template helpers for committee pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def person_url(context, structure, person) -> str:
    """The person's page on the committee structure page, or empty without one."""
    if structure is None or person is None:
        return ""
    return structure.person_url(person, context.get("request"))
