"""Tags of the search page (`core/search.html`): its repeated parts, the results and the options
of the filters, made in Python. A node per variable, condition and loop of the template cost
more than the rest of the page; these give the same HTML as the loops they replaced
(`tests/search/test_search_tags.py` renders both): every value escaped as `{{ }}` escapes it,
the translation as `{% translate %}` gives it."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from samhandling.core.html_values import value_html as _v
from samhandling.core.templatetags.samhandling_tags import iso, long_date

register = template.Library()

_SEPARATOR = '<span class="search-result__separator" aria-hidden="true"> › </span>'


def _result_item(result, interface_language, in_words: str) -> str:
    language = result.language
    lang = f' lang="{_v(language)}"' if language and language != interface_language else ""
    when = ""
    if result.date:
        when = f' <time datetime="{_v(iso(result.date))}">{_v(long_date(result.date))}</time>'
    context = ""
    if result.context:
        links = _SEPARATOR.join(
            f'<a class="ds-link" href="{_v(url)}"{lang}>{_v(title)}</a>'
            for title, url in result.context
        )
        context = (
            '<p class="ds-paragraph search-result__context" data-size="sm">'
            f'<span class="search-result__context-label">{in_words}</span> {links}</p>'
        )
    snippet = ""
    if result.snippet:
        snippet = (
            f'<p class="ds-paragraph search-result__snippet" data-size="sm"{lang}>'
            f"{_v(result.snippet)}</p>"
        )
    return (
        '\n      <li class="item-list__item search-result">\n'
        '        <p class="ds-paragraph search-result__meta" data-size="sm">'
        '<span class="ds-tag search-result__type" data-color="neutral">'
        f"{_v(result.kind_label)}</span>{when}</p>\n"
        '        <h2 class="ds-heading search-result__title" data-size="xs">'
        f'<a class="ds-link" href="{_v(result.url)}"{lang}>{_v(result.title)}</a></h2>\n'
        f"        {context}\n        {snippet}\n      </li>\n    "
    )


@register.simple_tag
def search_result_items(results, interface_language) -> str:
    """The found entries (`SearchEntry`s with their `snippet`) as the items of the results list,
    each in its own language (`lang`) where that is not the interface's."""
    in_words = gettext("In:")  # {% translate "In:" %}: the tag does not escape a translation
    html = "".join(_result_item(result, interface_language, in_words) for result in results)
    # bandit B308/B703 (mark_safe): every value is escaped by _v above.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


@register.simple_tag
def search_facet_options(facets) -> str:
    """The options of a filter (`Facet`s: value, label, count, selected)."""
    html = "".join(
        f'<option value="{_v(facet.value)}"{" selected" if facet.selected else ""}>'
        f"{_v(facet.label)} ({_v(facet.count)})</option>"
        for facet in facets
    )
    # bandit B308/B703 (mark_safe): every value is escaped by _v above.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
