"""What a template does to a value, as functions, for tags that build a page's long lists in
Python (`format_html` and the template's own nodes cost more than the list's markup).

`value_html(value)` gives what `{{ value }}` renders in a template that autoescapes, and
`linebreaks_html(text)` what `{{ text|linebreaks }}` renders, character for character, without
Django's lazy-text wrappers around `escape` and `linebreaks` (which check every argument of every
call for a lazy string)."""

import html
import re

from django.template.defaultfilters import linebreaks_filter
from django.utils.formats import localize

_NEWLINES = re.compile(r"\r\n|\r")  # django.utils.text.normalize_newlines
_PARAGRAPHS = re.compile(r"\n{2,}")  # django.utils.html.linebreaks


def value_html(value) -> str:
    """`{{ value }}` (`render_value_in_context`): localized, then escaped unless marked safe."""
    kind = type(value)
    if kind is str:  # not marked safe, nothing to localize
        return html.escape(value)
    if kind is int and -1000 < value < 1000:  # localize gives str(value): no thousands to group
        return str(value)
    value = localize(value)
    if not isinstance(value, str):
        value = str(value)  # a lazy translation, a number localize left alone, …
    if hasattr(value, "__html__"):  # conditional_escape: marked safe, kept as it is
        return value.__html__()
    return html.escape(value)


def linebreaks_html(text) -> str:
    """`{{ text|linebreaks }}` in a template that autoescapes: the text escaped, a paragraph per
    blank line, `<br>` per line break."""
    if type(text) is not str:  # marked safe, lazy or not text: as the filter does it
        return linebreaks_filter(text, autoescape=True)
    paragraphs = _PARAGRAPHS.split(_NEWLINES.sub("\n", text))
    return "\n\n".join(
        "<p>" + html.escape(paragraph).replace("\n", "<br>") + "</p>" for paragraph in paragraphs
    )
