"""The lists of the agreement page, made in Python.

An agreement names every party once or twice (who has adopted the newest version and the one in
force, who has not): some fifty list items, each with a link, a date and a body; and it lists its
sub-agreements, its revision plan and its versions. Rendered by template loops, the variable
lookups, filters and tag calls per item were the largest part of the page's rendering; here each
item is one `format_html` (escaping as the template did: `{% translate %}` escaped, the sentence
of a `{% blocktranslate %}` as it is with its values escaped) with the same markup, character
for character, as the loop it replaces."""

from html import escape

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.templatetags.wagtailcore_tags import pageurl, richtext

from samhandling.agreements.reads import choice_label, status_label
from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, long_date
from samhandling.organisations.templatetags.organisation_tags import organisation_linker

register = template.Library()

# The text between the loop's tags in the template it replaces, around each item.
_ADOPTED_ITEM = (
    '\n      <li>{} <span class="adoption-list__meta">{}<time datetime="{}">{}</time>'
    "</span></li>\n      "
)
_NO_BODY = mark_safe("")  # noqa: S308 - empty  # nosec B308 B703


def _escaped(value) -> str:
    """`conditional_escape(value)` (as `format_html` escapes its values), without the lazy
    check Django's `escape` makes of each value: for the long lists."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


@register.simple_tag(takes_context=True)
def adopted_items(context, adoptions) -> str:
    """The list items of the parties that have adopted (Adoption rows, or `AdoptionRow`s): the
    party's link, the body that adopted and the date. Each date is formatted once."""
    link = organisation_linker(context)
    dates: dict = {}
    items = []
    for adoption in adoptions:
        day = adoption.adopted_on
        date = dates.get(day)
        if date is None:
            date = dates[day] = (_escaped(iso(day)), _escaped(long_date(day)))
        body = adoption.body
        items.append(
            _ADOPTED_ITEM.format(
                link(adoption.organisation),
                f"{_escaped(body)}, " if body else "",
                *date,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item escaped as format_html does  # nosec B308 B703


@register.simple_tag(takes_context=True)
def missing_items(context, organisations) -> str:
    """The list items of the parties that have not adopted (Organisations, or `PartyRow`s):
    their links."""
    link = organisation_linker(context)
    return mark_safe("".join([f"<li>{link(o)}</li>" for o in organisations]))  # noqa: S308 - links made escaped  # nosec B308 B703


def _sentence(message: str, **values) -> str:
    """`{% blocktranslate with name=value %}…{% endblocktranslate %}`: the translated sentence
    as it is (the template's own text), its values escaped."""
    sentence = gettext(message) % {name: conditional_escape(v) for name, v in values.items()}
    # As blocktranslate outputs it: the translation as it is, the values escaped.
    return mark_safe(sentence)  # noqa: S308  # nosec B308 B703


_SUB_AGREEMENT_ITEM = (
    '\n      <li class="sub-agreements__item"><a class="ds-link" href="{}"{}>{}</a>{}</li>\n      '
)


@register.simple_tag(takes_context=True)
def sub_agreement_items(context, sub_agreements) -> str:
    """The list items of the sub-agreements ((page, newest version or None) pairs): a link to
    each, with its newest version's label and status."""
    return format_html_join(
        "",
        _SUB_AGREEMENT_ITEM,
        (
            (
                pageurl(context, child),
                lang_attr(child),
                child.title,
                format_html(
                    ' <span class="sub-agreements__meta">{} · {}</span>',
                    version.label,
                    status_label(version.status),
                )
                if version
                else _NO_BODY,
            )
            for child, version in sub_agreements
        ),
    )


_TIMELINE_ITEM = (
    '\n      <li class="timeline__item timeline__item--{}">'
    '\n        <p class="ds-paragraph timeline__state"><span class="ds-tag" data-color="{}">{}'
    "</span></p>"
    '\n        <h3 class="ds-heading timeline__title" data-size="xs"{}>{}</h3>'
    '\n        <p class="ds-paragraph timeline__dates" data-size="sm">{}</p>'
    "\n        {}"
    "\n      </li>\n      "
)
_STATE_COLOURS = {"done": "success", "late": "danger"}


def _milestone_dates(milestone) -> str:
    due = _sentence("Due %(due)s", due=long_date(milestone.due))
    if not milestone.done_on:
        return due
    done = _sentence("done %(done)s", done=long_date(milestone.done_on))
    return format_html("{} · {}", due, done)


@register.simple_tag
def timeline_items(timeline, page_lang) -> str:
    """The list items of the revision plan (TimelineEntry): state, title, dates, description;
    `page_lang`: the page's `lang_attr`, for the texts written in the page's language."""
    return format_html_join(
        "",
        _TIMELINE_ITEM,
        (
            (
                entry.state,
                _STATE_COLOURS.get(entry.state, "neutral"),
                entry.state_label,
                page_lang,
                entry.milestone.title,
                _milestone_dates(entry.milestone),
                format_html(
                    '<p class="ds-paragraph"{}>{}</p>', page_lang, entry.milestone.description
                )
                if entry.milestone.description
                else _NO_BODY,
            )
            for entry in timeline
        ),
    )


_VERSION_ROW = (
    '\n        <tr><th scope="row">{}</th><td data-label="{}">{}</td><td data-label="{}">{}</td>'
    '<td data-label="{}">{}</td></tr>\n      '
)


@register.simple_tag
def version_rows(versions) -> str:
    """The rows of the table of versions: label (linked to its document), status, date and
    the date it is in force from."""
    status, dated, in_force = gettext("Status"), gettext("Version date"), gettext("In force from")
    return format_html_join(
        "",
        _VERSION_ROW,
        (
            (
                format_html('<a class="ds-link" href="{}">{}</a>', v.document.url, v.label)
                if v.document
                else v.label,
                status,
                status_label(v.status),
                dated,
                long_date(v.dated),
                in_force,
                long_date(v.in_force_from) if v.in_force_from else _NO_BODY,
            )
            for v in versions
        ),
    )


_MEASURE_ITEM = (
    '\n      <li class="measure{}">'
    '\n        <h3 class="ds-heading measure__title" data-size="xs"{}>{}</h3>'
    '\n        <p class="ds-paragraph measure__status">'
    '<span class="ds-tag" data-color="{}">{}</span>{}</p>'
    "\n        {}"
    '\n        <dl class="measure__facts">'
    "\n          {}"
    "\n          {}"
    "\n          {}"
    "\n        </dl>"
    "\n      </li>\n      "
)
_MEASURE_COLOURS = {"done": "success", "cancelled": "neutral"}


def _responsible(context, measure) -> str:
    if not measure.owner:
        return _NO_BODY
    committee = measure.owner_committee
    if committee:
        owner = format_html(
            '<a class="ds-link" href="{}"{}>{}</a>',
            pageurl(context, committee),
            lang_attr(committee),
            committee.title,
        )
    else:
        owner = format_html("{}", measure.owner_organisation.display_name)
    return format_html("<dt>{}</dt><dd>{}</dd>", gettext("Responsible"), owner)


def _deadline(measure) -> str:
    if not measure.deadline:
        return _NO_BODY
    return format_html(
        '<dt>{}</dt><dd><time datetime="{}">{}</time></dd>',
        gettext("Deadline"),
        iso(measure.deadline),
        long_date(measure.deadline),
    )


def _decided_in(context, measure) -> str:
    case = measure.decision_case
    if case and case.meeting.live:
        return format_html(
            '<dt>{}</dt><dd><a class="ds-link" href="{}#sak-{}-{}">{}</a> ({})</dd>',
            gettext("Decided in"),
            pageurl(context, case.meeting),
            case.number,
            case.year,
            case,
            case.meeting.title,
        )
    decision = measure.decision
    if decision and decision.live:
        return format_html(
            '<dt>{}</dt><dd><a class="ds-link" href="{}">{}</a></dd>',
            gettext("Decided in"),
            pageurl(context, decision),
            decision.title,
        )
    return _NO_BODY


@register.simple_tag(takes_context=True)
def measure_items(context, rows, page_lang) -> str:
    """The list items of an action plan's measures (MeasureRow): title, status (and overdue),
    description, who is responsible, the deadline and where it was decided; `page_lang`: the
    page's `lang_attr`, for the texts written in the page's language."""
    overdue = format_html(' <strong class="measure__overdue">{}</strong>', gettext("Overdue"))
    items = []
    for row in rows:
        measure = row.measure
        items.append(
            format_html(
                _MEASURE_ITEM,
                " measure--overdue" if row.overdue else "",
                page_lang,
                measure.title,
                _MEASURE_COLOURS.get(measure.status, "info"),
                choice_label(type(measure), "status", measure.status),
                overdue if row.overdue else _NO_BODY,
                format_html('<p class="ds-paragraph"{}>{}</p>', page_lang, measure.description)
                if measure.description
                else _NO_BODY,
                _responsible(context, measure),
                _deadline(measure),
                _decided_in(context, measure),
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - each item made by format_html  # nosec B308 B703


_VERSION_FACTS = (
    '\n<dl class="agreement-facts">'
    "\n  <dt>{}</dt><dd>{}</dd>"
    '\n  <dt>{}</dt><dd><span class="ds-tag version-status version-status--{}" data-color="{}">'
    "{}</span></dd>"
    '\n  <dt>{}</dt><dd><time datetime="{}">{}</time></dd>'
    "\n  {}"
    "\n  {}"
    "\n</dl>"
    "\n{}\n"
)
_VERSION_COLOURS = {"in_force": "success", "adopted": "success", "terminated": "danger"}


@register.simple_tag
def version_facts(version, page) -> str:
    """A version's facts (label, status, dates, document) and its text; `page`: the agreement,
    whose language the text is written in."""
    in_force = _NO_BODY
    if version.in_force_from:
        in_force = format_html(
            '<dt>{}</dt><dd><time datetime="{}">{}</time></dd>',
            gettext("In force from"),
            iso(version.in_force_from),
            long_date(version.in_force_from),
        )
    document = _NO_BODY
    if version.document:
        document = format_html(
            '<dt>{}</dt><dd><a class="ds-link" href="{}">{} ({})</a></dd>',
            gettext("Document"),
            version.document.url,
            version.document.title,
            version.document.file_extension.upper(),
        )
    text = _NO_BODY
    if version.text:
        text = format_html(
            '<div class="rich-text version-text"{}>{}</div>',
            lang_attr(page),
            richtext(version.text),
        )
    return format_html(
        _VERSION_FACTS,
        gettext("Version"),
        version.label,
        gettext("Status"),
        version.status,
        _VERSION_COLOURS.get(version.status, "info"),
        status_label(version.status),
        gettext("Version date"),
        iso(version.dated),
        long_date(version.dated),
        in_force,
        document,
        text,
    )
