"""Template tags of the contacts' admin includes."""

import uuid

from django import template

register = template.Library()


@register.simple_tag
def new_key() -> str:
    """A fresh key for a one-press form (the boards' reminder to the contacts)."""
    return str(uuid.uuid4())
