"""Template helpers for events: the state of an event (badge and words), and the lists of events
and the program made in Python (`event_list`, `event_program`)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from ..selectors import event_state as compute_state

register = template.Library()


@register.simple_tag
def event_state(event):
    return compute_state(event=event)


def _state_badge(state) -> str:
    """What events/includes/state_badge.html renders (with its closing newline)."""
    return format_html(
        '<span class="ds-tag event-state event-state--{}" data-color="{}">{}</span>\n',
        state.code,
        state.colour,
        state.label,
    )


@register.simple_tag(takes_context=True)
def event_list(context, events) -> str:
    """What events/includes/event_list.html renders (kept as the reference for the markup), made
    in Python: the events index's and series page's longest loop. Byte for byte the same markup,
    escaped and translated as the template did."""
    from wagtail.templatetags.wagtailcore_tags import pageurl

    from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, timespan

    out = ['\n<ul class="item-list event-list">\n  ']
    for event in events:
        lang = lang_attr(event)
        place = event.place
        lead = event.lead
        out.append(
            format_html(
                '\n  <li class="item-list__item event-list__item">'
                '\n    <a class="ds-link item-list__title" href="{}"{}>{}</a>'
                "\n    {}"
                '\n    <p class="ds-paragraph item-list__meta" data-size="sm">'
                '<time datetime="{}">{}</time>{}</p>'
                "\n    {}\n  </li>\n  ",
                pageurl(context, event),
                lang,
                event.title,
                _state_badge(compute_state(event=event)),
                iso(event.start),
                timespan(event.start, event.end),
                format_html(" · {}", place) if place else "",
                format_html('<p class="ds-paragraph" data-size="sm"{}>{}</p>', lang, lead)
                if lead
                else "",
            )
        )
    out.append("\n</ul>\n")
    return mark_safe("".join(out))  # noqa: S308 - all escaped  # nosec B308 B703


def _hour_minute(value) -> str:
    """`{{ value|time:"H.i" }}` of a time of day (no time zone to apply to it)."""
    return f"{value.hour:02d}.{value.minute:02d}"


@register.simple_tag
def event_program(page) -> str:
    """What events/includes/program.html renders (kept as the reference for the markup), made in
    Python: a long program is the event page's longest loop. Byte for byte the same markup,
    escaped and translated as the template did."""
    from samhandling.core.templatetags.samhandling_tags import lang_attr

    lang = lang_attr(page)
    out = [
        format_html(
            '\n<section class="event-section program" aria-labelledby="program-heading">'
            '\n  <h2 id="program-heading" class="ds-heading" data-size="md">{}</h2>\n  ',
            gettext("Program"),
        )
    ]
    for block in page.program:
        value = block.value
        if block.block_type == "part":
            out.append(
                format_html(
                    '\n    \n      <h3 class="ds-heading program__part" data-size="sm"{}>{}</h3>'
                    '\n      <ul class="program__items"{}>\n        ',
                    lang,
                    value.get("heading"),
                    lang,
                )
            )
            for item in value.get("items"):
                time, speaker = item.get("time"), item.get("speaker")
                out.append(
                    format_html(
                        '\n        <li class="program__item">{}<span class="program__title">{}'
                        "</span>{}</li>\n        ",
                        format_html(
                            '<span class="program__time"><time>{}</time></span> ',
                            _hour_minute(time),
                        )
                        if time
                        else "",
                        item.get("title"),
                        format_html('<span class="program__speaker">{}</span>', speaker)
                        if speaker
                        else "",
                    )
                )
            out.append("\n      </ul>\n    \n  ")
        else:
            time = value.get("time")
            out.append(
                format_html(
                    '\n    \n      <p class="ds-paragraph program__break"{}>{}{}</p>\n    \n  ',
                    lang,
                    format_html("<time>{}</time> ", _hour_minute(time)) if time else "",
                    value.get("text"),
                )
            )
    out.append("\n  ")
    if page.program_may_change:
        note = page.program_note
        out.append(
            format_html(
                '<p class="ds-paragraph program__note"{}>{}</p>',
                lang if note else "",
                note if note else gettext("The program may change."),
            )
        )
    out.append("\n</section>\n")
    return mark_safe("".join(out))  # noqa: S308 - all escaped  # nosec B308 B703
