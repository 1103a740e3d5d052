"""`core.html_values` gives what Django's template gives for `{{ value }}` and
`{{ text|linebreaks }}`, for every kind of value the page tags pass it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from samhandling.core.html_values import linebreaks_html, value_html

TRICKY = "<b>Ål & «sø»</b> \"'"
VALUES = [
    TRICKY,
    "",
    mark_safe(TRICKY),  # noqa: S308 - a value marked safe is kept as it is
    0,
    -999,
    999,
    1000,
    -123456,
    1234567,
    True,
    None,
    1.5,
    Decimal("1234.50"),
    dt.date(2027, 1, 17),
    gettext_lazy("Page"),
    mark_safe("<i>x</i>"),
]
TEXTS = [
    "",
    TRICKY,
    "Første\nAndre <linje>\n\nNy",
    "a\r\nb\rc\n\n\n\nd",
    "\n\nstart",
    mark_safe("<b>safe</b>\n\nx"),
    None,
    12,
]


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_value_html_is_what_the_template_renders(language):
    template = engines["django"].from_string("{{ value }}")
    with translation.override(language):
        for value in VALUES:
            assert value_html(value) == template.render({"value": value}), value


def test_linebreaks_html_is_what_the_filter_renders():
    template = engines["django"].from_string("{{ text|linebreaks }}")
    for text in TEXTS:
        assert linebreaks_html(text) == template.render({"text": text}), text
