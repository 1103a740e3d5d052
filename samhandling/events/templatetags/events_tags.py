"""Template helpers for events: the state of an event (badge and words)."""

from django import template

from ..selectors import event_state as compute_state

register = template.Library()


@register.simple_tag
def event_state(event):
    return compute_state(event=event)
