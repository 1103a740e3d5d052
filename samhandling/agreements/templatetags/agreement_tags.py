"""The lists and parts of the agreement and action plan pages, made in Python.

An agreement names every party once or twice (who has adopted the newest version and the one in
force, who has not): some fifty list items, each with a link, a date and a body; and it lists its
sub-agreements, its revision plan and its versions. Rendered by template loops, the variable
lookups, filters and tag calls per item were the largest part of the page's rendering; here each
item is one `format_html` (escaping as the template did: `{% translate %}` escaped, the sentence
of a `{% blocktranslate %}` as it is with its values escaped) with the same markup, character
for character, as the loop it replaces."""

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext
from wagtail.templatetags.wagtailcore_tags import pageurl, richtext

from samhandling.agreements.fragments import filled, share_bar
from samhandling.agreements.reads import choice_label, status_label
from samhandling.core.html_values import value_html
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


def _format_html(format_string: str, *values) -> SafeString:
    """Django's `format_html`, each value escaped by `_escaped`: the same markup, without the
    cost of Django's lazy checks on every value of every list item."""
    # bandit B703 (SafeString): every value is escaped.
    return SafeString(format_string.format(*[_escaped(value) for value in values]))  # nosec B703


def _format_html_join(separator: str, format_string: str, values) -> SafeString:
    """Django's `format_html_join` (`format_html` of each tuple of values, joined)."""
    joined = separator.join([_format_html(format_string, *each) for each in values])
    return SafeString(joined)  # nosec B703 - each part made by format_html


@register.simple_tag(takes_context=True)
def adopted_items(context, adoptions) -> str:
    """The list items of the parties that have adopted (Adoption rows, or `AdoptionRow`s): the
    party's link, the body that adopted and the date."""
    return _adopted_items(organisation_linker(context), adoptions)


def _adopted_items(link, adoptions) -> str:
    """`adopted_items`, with the request's `organisation_linker`. Each date is formatted once."""
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
    return _missing_items(organisation_linker(context), organisations)


def _missing_items(link, organisations) -> str:
    return mark_safe("".join([f"<li>{link(o)}</li>" for o in organisations]))  # noqa: S308 - links made escaped  # nosec B308 B703


_SUB_AGREEMENT_ITEM = (
    '\n      <li class="sub-agreements__item"><a class="ds-link" href="{}"{}>{}</a>{}</li>\n      '
)


@register.simple_tag(takes_context=True)
def sub_agreement_items(context, sub_agreements) -> str:
    """The list items of the sub-agreements ((page, newest version or None) pairs): a link to
    each, with its newest version's label and status."""
    return _format_html_join(
        "",
        _SUB_AGREEMENT_ITEM,
        (
            (
                pageurl(context, child),
                lang_attr(child),
                child.title,
                _format_html(
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
    due = filled(gettext("Due %(due)s"), due=long_date(milestone.due))
    if not milestone.done_on:
        return due
    done = filled(gettext("done %(done)s"), done=long_date(milestone.done_on))
    return _format_html("{} · {}", due, done)


@register.simple_tag
def timeline_items(timeline, page_lang) -> str:
    """The list items of the revision plan (TimelineEntry): state, title, dates, description;
    `page_lang`: the page's `lang_attr`, for the texts written in the page's language."""
    return _format_html_join(
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
                _format_html(
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
    return _format_html_join(
        "",
        _VERSION_ROW,
        (
            (
                _format_html('<a class="ds-link" href="{}">{}</a>', v.document.url, v.label)
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
        owner = _format_html(
            '<a class="ds-link" href="{}"{}>{}</a>',
            pageurl(context, committee),
            lang_attr(committee),
            committee.title,
        )
    else:
        owner = _format_html("{}", measure.owner_organisation.display_name)
    return _format_html("<dt>{}</dt><dd>{}</dd>", gettext("Responsible"), owner)


def _deadline(measure) -> str:
    if not measure.deadline:
        return _NO_BODY
    return _format_html(
        '<dt>{}</dt><dd><time datetime="{}">{}</time></dd>',
        gettext("Deadline"),
        iso(measure.deadline),
        long_date(measure.deadline),
    )


def _decided_in(context, measure) -> str:
    case = measure.decision_case
    if case and case.meeting.live:
        return _format_html(
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
        return _format_html(
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
    overdue = _format_html(' <strong class="measure__overdue">{}</strong>', gettext("Overdue"))
    items = []
    for row in rows:
        measure = row.measure
        items.append(
            _format_html(
                _MEASURE_ITEM,
                " measure--overdue" if row.overdue else "",
                page_lang,
                measure.title,
                _MEASURE_COLOURS.get(measure.status, "info"),
                choice_label(type(measure), "status", measure.status),
                overdue if row.overdue else _NO_BODY,
                _format_html('<p class="ds-paragraph"{}>{}</p>', page_lang, measure.description)
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
        in_force = _format_html(
            '<dt>{}</dt><dd><time datetime="{}">{}</time></dd>',
            gettext("In force from"),
            iso(version.in_force_from),
            long_date(version.in_force_from),
        )
    document = _NO_BODY
    if version.document:
        document = _format_html(
            '<dt>{}</dt><dd><a class="ds-link" href="{}">{} ({})</a></dd>',
            gettext("Document"),
            version.document.url,
            version.document.title,
            version.document.file_extension.upper(),
        )
    text = _NO_BODY
    if version.text:
        text = _format_html(
            '<div class="rich-text version-text"{}>{}</div>',
            lang_attr(page),
            richtext(version.text),
        )
    return _format_html(
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


# --- Shares, adoptions, action plans and hearings of the agreement page -----------------------

# A list of parties longer than this is collapsed behind its count.
_OPEN_LIST_LENGTH = 6


@register.simple_tag
def share_bar_of(value, total, label="", color="") -> str:
    """`{% include "core/includes/share_bar.html" with value=… total=… label=… color=… %}`."""
    return share_bar(value, total, label, color)


@register.simple_tag
def adoption_share_bar(overview) -> str:
    """The share bar of the parties that have adopted the version (an `AdoptionOverview`),
    labelled "Adopted by 4 of 28 parties"."""
    sentence = filled(
        gettext("Adopted by %(adopted)s of %(total)s parties"),
        adopted=overview.adopted_count,
        total=overview.party_count,
    )
    return share_bar(overview.adopted_count, overview.party_count, sentence, "success")


def _party_list(heading_id: str, kind: str, heading: str, count: int, items: str, more, empty):
    """One of the two sections of `adoption_lists`: the heading with the count, and the list
    items (`items`, collapsed behind the summary `more()` when there are many) or, when there
    are none, the sentence `empty()`."""
    if count > _OPEN_LIST_LENGTH:
        opening = f'<details class="ds-details collapsed-list"><summary>{more()}</summary><div>'
        closing = "</div></details>"
    else:
        opening = closing = ""
    if count:
        body = (
            f'\n    {opening}\n    <ul class="adoption-list adoption-list--{kind}">'
            f"\n      {items}\n    </ul>\n    {closing}\n    "
        )
    else:
        body = f'\n    <p class="ds-paragraph">{conditional_escape(empty())}</p>\n    '
    return (
        f'\n  <section aria-labelledby="{heading_id}-{kind}">'
        f'\n    <h4 id="{heading_id}-{kind}" class="ds-heading" data-size="2xs">'
        f"{conditional_escape(heading)} ({count})</h4>\n    {body}\n  </section>"
    )


@register.simple_tag(takes_context=True)
def adoption_lists(context, overview, heading_id: str, hide_count: bool = False) -> str:
    """Who of the parties has adopted the version (an `AdoptionOverview`) and who has not,
    after the share bar of those that have unless `hide_count`; `heading_id`: a unique id
    prefix. (The markup `agreements/includes/adoptions.html` gave, included with these.)"""
    link = organisation_linker(context)
    heading_id = conditional_escape(heading_id)
    count = ""
    if not hide_count:
        count = (
            f'<div class="adoption-count" id="{heading_id}-count">'
            f"{adoption_share_bar(overview)}</div>"
        )
    adopted, missing = overview.adopted, overview.not_adopted
    have = _party_list(
        heading_id,
        "adopted",
        gettext("Have adopted"),
        len(adopted),
        _adopted_items(link, adopted) if adopted else "",
        lambda: filled(
            ngettext(
                "Show the %(counter)s who has adopted",
                "Show the %(counter)s who have adopted",
                len(adopted),
            ),
            counter=len(adopted),
        ),
        lambda: gettext("No party has adopted this version yet."),
    )
    have_not = _party_list(
        heading_id,
        "missing",
        gettext("Have not adopted yet"),
        len(missing),
        _missing_items(link, missing) if missing else "",
        lambda: filled(
            ngettext(
                "Show the %(counter)s who has not adopted",
                "Show the %(counter)s who have not adopted",
                len(missing),
            ),
            counter=len(missing),
        ),
        lambda: gettext("Every party has adopted this version."),
    )
    lists = f'\n\n{count}\n<div class="adoption-lists">{have}{have_not}\n</div>\n'
    return mark_safe(lists)  # noqa: S308 - every value escaped  # nosec B308 B703


@register.simple_tag
def version_share_items(shares) -> str:
    """The list items of the bars per version (`VersionShare`): how many of the parties have
    adopted each, labelled with the version's label and status."""
    items = []
    for share in shares:
        version = share.version
        label = filled(
            pgettext("version and its status", "%(version)s (%(status)s)"),
            version=version.label,
            status=status_label(version.status),
        )
        items.append(f"<li>{share_bar(share.adopted, share.total, label, 'success')}</li>")
    return mark_safe("".join(items))  # noqa: S308 - every value escaped  # nosec B308 B703


@register.simple_tag(takes_context=True)
def page_link_items(context, pages) -> str:
    """The list items of links to pages (the action plans near an agreement): each page's
    title, in its language where that is not the interface's."""
    return _format_html_join(
        "",
        '<li><a class="ds-link" href="{}"{}>{}</a></li>',
        ((pageurl(context, page), lang_attr(page), page.title) for page in pages),
    )


def _hearing_sentence(item) -> SafeString:
    hearing = item.page
    version, deadline = hearing.agreement_version.label, long_date(hearing.deadline)
    if item.state == "open":
        return filled(
            gettext("The version “%(version)s” is on hearing until %(deadline)s."),
            version=version,
            deadline=deadline,
        )
    if item.state == "upcoming":
        return filled(
            gettext("The version “%(version)s” goes on hearing from %(opens)s until %(deadline)s."),
            opens=long_date(hearing.opens_on),
            version=version,
            deadline=deadline,
        )
    return filled(
        gettext("The version “%(version)s” was on hearing until %(deadline)s."),
        version=version,
        deadline=deadline,
    )


@register.simple_tag(takes_context=True)
def agreement_hearing_notices(context, hearings) -> str:
    """What the agreement's hearings (`ListedHearing`, newest deadline first) say of its
    versions: "on hearing until …" (an alert while open or upcoming) or "was on hearing", with
    a link to the hearing. (The markup `hearings/includes/agreement_hearings.html` gave.)"""
    notices = []
    for item in hearings:
        hearing = item.page
        link = _format_html(
            '<a class="ds-link" href="{}"{}>{}</a>',
            pageurl(context, hearing),
            lang_attr(hearing),
            hearing.title,
        )
        sentence = _hearing_sentence(item)
        if item.state in ("open", "upcoming"):
            notice = (
                '<div class="ds-alert hearing-agreement" data-color="info">'
                f'<p class="ds-paragraph">{sentence} {link}</p></div>\n'
            )
        else:
            notice = f'<p class="ds-paragraph hearing-agreement">{sentence} {link}</p>'
        notices.append(f"\n{notice}\n")
    notices.append("\n")
    return mark_safe("".join(notices))  # noqa: S308 - every value escaped  # nosec B308 B703


# --- The action plan page ---------------------------------------------------------------------

_STATUS_SHARE_ITEM = (
    '\n      <li class="progress-shares__item progress-shares__item--{}" data-count="{}">{}</li>'
)


@register.simple_tag
def progress_share_items(progress) -> str:
    """The list items of the bars per status of an action plan's measures (`Progress`), then
    the bar of those overdue."""
    total = progress.total
    items = [
        _STATUS_SHARE_ITEM.format(
            conditional_escape(value), value_html(count), share_bar(count, total, label, color)
        )
        + "\n      "
        for value, label, count, color in progress.bars
    ]
    overdue = progress.overdue
    bar = share_bar(overdue, total, conditional_escape(gettext("Overdue")), "danger")
    items.append(_STATUS_SHARE_ITEM.format("overdue", value_html(overdue), bar))
    return mark_safe("".join(items))  # noqa: S308 - every value escaped  # nosec B308 B703


_THEME_SECTION = (
    '\n  <section aria-labelledby="theme-{0}" class="agreement__section">'
    '\n    <h2 id="theme-{0}" class="ds-heading" data-size="md">{1}</h2>'
    '\n    <ul class="measures">'
    "\n      {2}"
    "\n    </ul>"
    "\n  </section>\n  "
)


@register.simple_tag(takes_context=True)
def theme_sections(context, groups, page_lang) -> str:
    """A section per theme of an action plan's measures (`ThemeGroup`), or the sentence that it
    has none; `page_lang`: the page's `lang_attr`, for the texts written in its language."""
    if not groups:
        empty = conditional_escape(gettext("The plan has no measures yet."))
        return mark_safe(f'\n  <p class="ds-paragraph">{empty}</p>\n  ')  # noqa: S308 - escaped  # nosec B308 B703
    sections = []
    for number, group in enumerate(groups, start=1):
        if group.theme:
            heading = (
                f"<span{conditional_escape(page_lang)}>{conditional_escape(group.theme)}</span>"
            )
        else:
            heading = conditional_escape(gettext("Other measures"))
        items = measure_items(context, group.measures, page_lang)
        sections.append(_THEME_SECTION.format(number, heading, items))
    return mark_safe("".join(sections))  # noqa: S308 - every value escaped  # nosec B308 B703


@register.simple_tag
def measures_in_all(total: int) -> str:
    """ "6 measures in all."."""
    return filled(
        ngettext("%(total)s measure in all.", "%(total)s measures in all.", total), total=total
    )
