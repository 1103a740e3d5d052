"""Template tags that put input on the events app's pages without the events app knowing it:
the event page's published summaries and input, and the "Send input" section of the manage page."""

from django import template
from django.urls import reverse

from ..selectors import public_input, public_series_input, registration_inputs
from ..services import input_closes_at, input_window_open

register = template.Library()


@register.inclusion_tag("inputs/includes/event_input.html")
def event_input(event):
    return public_input(event=event)


@register.inclusion_tag("inputs/includes/series_input.html")
def series_input(series):
    return public_series_input(series=series)


@register.inclusion_tag("inputs/includes/manage_input.html", takes_context=True)
def manage_input(context, registration, event):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    token = (match.kwargs.get("token") if match else "") or ""
    return {
        "send_url": reverse("inputs:send", args=[token]) if token else "",
        "is_open": registration.is_active and input_window_open(event=event),
        "closes_at": input_closes_at(event=event),
        "inputs": registration_inputs(registration=registration),
    }


@register.inclusion_tag("inputs/includes/past_event_input.html", takes_context=True)
def past_event_input(context, event):
    """On the "link has expired" page of a past event: input may still be sent for a while."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    token = (match.kwargs.get("token") if match else "") or ""
    is_open = bool(token) and input_window_open(event=event)
    return {
        "send_url": reverse("inputs:send", args=[token]) if is_open else "",
        "closes_at": input_closes_at(event=event),
    }
