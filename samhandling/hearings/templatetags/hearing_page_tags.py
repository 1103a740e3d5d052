"""Tags of the public hearing page: its long repeated lists made in Python.

A hearing can have a hundred invited organisations, tens of sections with their comments and
hundreds of responses; rendering those loops in the template (an include per section, a tag per
organisation, a node per variable) was most of the page's time. These tags give the same HTML
as the templates they replaced (`tests/hearings/test_page_tags.py` renders both): every value
escaped as `{{ }}` escapes it, translations as `{% translate %}` / `{% blocktranslate %}` give
them."""

import html

from django import template
from django.template.defaultfilters import filesizeformat, linebreaks_filter
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from wagtail.templatetags.wagtailcore_tags import pageurl

from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, long_date
from samhandling.organisations.templatetags.organisation_tags import (
    organisation_link,
    organisation_linker,
)

register = template.Library()


def _v(value) -> str:
    """`{{ value }}` in a template that autoescapes (`render_value_in_context`)."""
    if type(value) is str:  # not marked safe, nothing to localize: escaped (`escape`)
        return html.escape(value)
    value = localize(value)
    if not isinstance(value, str):
        value = str(value)
    return conditional_escape(value)


def _blanked(reason) -> str:
    # {% blocktranslate with reason=… %}Blanked by the secretariat: {{ reason }}{% end… %}
    return gettext("Blanked by the secretariat: %(reason)s") % {"reason": _v(reason)}


@register.simple_tag(takes_context=True)
def invited_organisation_items(context, organisations) -> str:
    """`<li>{% organisation_link organisation %}</li>` for each organisation (an Organisation or
    anything with its `pk`, `name`, `sami_name` and `municipality_number`), one after the other,
    with the site and its organisations' addresses looked up once."""
    link = organisation_linker(context)
    # bandit B308/B703 (mark_safe): the linker escapes each name and address.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        "".join(f"<li>{link(organisation)}</li>" for organisation in organisations)
    )


def _comment_item(comment) -> str:
    when = ""
    if comment.published_at:
        when = (
            f', <time datetime="{_v(iso(comment.published_at))}">'
            f"{_v(long_date(comment.published_at))}</time>"
        )
    return (
        '\n        <li class="hearing-section-comments__item">\n'
        f'          <p class="ds-paragraph" data-size="sm"><strong>{_v(comment.name)}</strong>'
        f"{when}</p>\n"
        '          <div class="hearing-section-comments__text">'
        f"{linebreaks_filter(comment.text, autoescape=True)}</div>\n"
        "        </li>\n        "
    )


def _section_comments(hearing, section, comments, *, is_open: bool) -> str:
    count = len(comments)
    if count:
        shown = (
            '\n  <details class="ds-details">\n    <summary>'
            + ngettext("%(n)s comment", "%(n)s comments", count) % {"n": _v(count)}
            + '<span class="ds-sr-only"> '
            + gettext("on %(section)s") % {"section": _v(section.label)}
            + "</span></summary>\n    <div>\n"
            + '      <ol class="ds-list hearing-section-comments__list">\n        '
            + "".join(_comment_item(comment) for comment in comments)
            + "\n      </ol>\n    </div>\n  </details>\n  "
        )
    else:
        shown = f'\n  <p class="ds-paragraph" data-size="sm">{gettext("No comments yet.")}</p>\n  '
    link = ""
    if hearing.comments_enabled and is_open:
        url = conditional_escape(reverse("hearings:comment", args=[hearing.pk, section.key]))
        link = (
            f'<p class="ds-paragraph" data-size="sm"><a class="ds-link" href="{url}">'
            f"{gettext('Comment on this section')}"
            f'<span class="ds-sr-only">: {_v(section.label)}</span></a></p>'
        )
    return (
        f'<div class="hearing-section-comments" id="kommentarar-{_v(section.key)}">\n'
        f"  \n  {shown}\n  \n  {link}\n</div>\n"
    )


@register.simple_tag
def section_comments(hearing, section, comments) -> str:
    """What `hearings/includes/section_comments.html` shows: the published comments under a
    section of the draft (or that there are none), and the link to comment while it is open."""
    html = _section_comments(
        hearing, section, comments, is_open=hearing.comments_enabled and hearing.state == "open"
    )
    # bandit B308/B703 (mark_safe): every value is escaped by _v or linebreaks above.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def _section_responses(responses) -> str:
    if not responses:
        return ""
    said = []
    for item in responses:
        if item.part.blanked:
            text = f'<p class="ds-paragraph hearing-blanked">{_blanked(item.part.blanked)}</p>'
        else:
            text = linebreaks_filter(item.part.text, autoescape=True)
        said.append(
            '\n        <li class="hearing-said__item">'
            f"<strong>{_v(item.response.name)}</strong>{text}</li>\n      "
        )
    count = len(responses)
    summary = ngettext(
        "%(count)s response about this section", "%(count)s responses about this section", count
    ) % {"count": _v(count)}
    return (
        '\n  <details class="ds-details hearing-section-responses">\n'
        f"    <summary>{summary}</summary>\n"
        '    <div>\n      <ul class="hearing-said">\n      '
        + "".join(said)
        + "\n      </ul>\n    </div>\n  </details>\n  "
    )


@register.simple_tag
def draft_sections(draft, page) -> str:
    """The draft's sections (`DraftView`s), each with what the responses and comments said about
    it: what the loop in `hearings/includes/hearing_section.html` showed."""
    page_lang = lang_attr(page)
    # The page's state once, not once per section (`hearing.state` works it out each time).
    is_open = page.comments_enabled and page.state == "open"
    parts = []
    for item in draft:
        anchor = _v(item.anchor)
        section = item.section
        parts.append(
            f'\n<section class="hearing-draft-section" id="{anchor}"'
            f' aria-labelledby="{anchor}-heading">\n'
            f'  <h3 id="{anchor}-heading" class="ds-heading" data-size="sm"{page_lang}>'
            f"{_v(section.label)}</h3>\n"
            f'  <div class="rich-text"{page_lang}>{_v(section.text)}</div>\n  '
            f"{_section_responses(item.responses)}\n  "
            f"{_section_comments(page, section, item.comments, is_open=is_open)}\n</section>\n"
        )
    # bandit B308/B703 (mark_safe): every value is escaped by _v or linebreaks above.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def _withheld(response) -> str:
    reason = _v(response.withheld_reason)
    if response.name:
        text = gettext("A response from %(name)s is withheld: %(reason)s") % {
            "name": _v(response.name),
            "reason": reason,
        }
    else:
        text = gettext("A response from a private person is withheld: %(reason)s") % {
            "reason": reason
        }
    return f'\n  <p class="ds-paragraph hearing-blanked">{text}</p>\n  '


def _meta(response) -> str:
    meta = _v(response.kind_label)
    if response.received_at:
        received = gettext("received %(date)s") % {"date": _v(long_date(response.received_at))}
        meta += f" · {received}"
    if response.late:
        meta += f' <span class="ds-tag" data-color="warning">{gettext("Late")}</span>'
    if response.no_comments:
        meta += f' <span class="ds-tag" data-color="neutral">{gettext("No comments")}</span>'
    return meta


def _decided(response) -> str:
    if not response.decision_reference:
        return ""
    date = f", {_v(long_date(response.decision_date))}" if response.decision_date else ""
    return (
        f'<p class="ds-paragraph" data-size="sm">{gettext("Decided by")}: '
        f"{_v(response.decision_reference)}{date}</p>"
    )


def _general(response) -> str:
    if response.general.blanked:
        return f'<p class="ds-paragraph hearing-blanked">{_blanked(response.general.blanked)}</p>'
    if response.general.text:
        text = linebreaks_filter(response.general.text, autoescape=True)
        return f'<div class="hearing-response__text">{text}</div>'
    return ""


def _part(part) -> str:
    if part.blanked:
        return f'<p class="ds-paragraph hearing-blanked">{_blanked(part.blanked)}</p>'
    return linebreaks_filter(part.text, autoescape=True)


def _about_sections(response, page_lang) -> str:
    if not response.section_list:
        return ""
    rows = "".join(
        f'\n    <dt><a class="ds-link" href="#del-{_v(section.number)}"{page_lang}>'
        f"{_v(section.label)}</a></dt>\n    <dd>{_part(part)}</dd>\n    "
        for section, part in response.section_list
    )
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{gettext("About the sections")}</h4>\n'
        f'  <dl class="hearing-response__sections">\n    {rows}\n  </dl>\n  '
    )


def _answers(response, page_lang) -> str:
    if not response.answers:
        return ""
    rows = []
    for answer in response.answers:
        reason = ""
        if answer.reason.blanked:
            reason = (
                f'<p class="ds-paragraph hearing-blanked">{_blanked(answer.reason.blanked)}</p>'
            )
        elif answer.reason.text:
            reason = linebreaks_filter(answer.reason.text, autoescape=True)
        rows.append(
            f"\n    <dt{page_lang}>{_v(answer.question)}</dt>\n"
            f"    <dd><strong>{_v(answer.choice_label)}</strong>{reason}</dd>\n    "
        )
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{gettext("Answers to the questions")}</h4>\n'
        f'  <dl class="hearing-response__sections">\n    {"".join(rows)}\n  </dl>\n  '
    )


def _attachments(response) -> str:
    if not response.attachments:
        return ""
    rows = []
    for attachment in response.attachments:
        if attachment.blanked:
            shown = f'<span class="hearing-blanked">{_blanked(attachment.blanked)}</span>'
        else:
            shown = (
                f'<a class="ds-link" href="{_v(attachment.url)}">{_v(attachment.name)}</a> '
                f'<span class="hearing-file-meta">({_v(filesizeformat(attachment.size))})</span>'
            )
        rows.append(f"\n    <li>{shown}</li>\n    ")
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{gettext("Attachments")}</h4>\n'
        f'  <ul class="ds-list">\n    {"".join(rows)}\n  </ul>\n  '
    )


def _response_item(context, response, page_lang) -> str:
    if response.withheld:
        body = _withheld(response)
    else:
        if response.kind == "organisation" and response.organisation:
            name = organisation_link(context, response.organisation)
        else:
            name = _v(response.name)
        body = (
            f'\n  <h3 class="ds-heading" data-size="xs">{name}</h3>\n'
            '  <p class="ds-paragraph hearing-response__meta" data-size="sm">'
            f"{_meta(response)}</p>\n"
            f"  {_decided(response)}\n  {_general(response)}\n"
            f"  {_about_sections(response, page_lang)}\n  {_answers(response, page_lang)}\n"
            f"  {_attachments(response)}\n  "
        )
    return f'\n<li class="hearing-response" id="svar-{_v(response.id)}">\n  {body}\n</li>\n'


@register.simple_tag(takes_context=True)
def published_response_items(context, responses, page) -> str:
    """The published responses (`publication.PublishedResponse`) as the list items of the
    hearing page: what the loop in `hearings/includes/hearing_response.html` showed."""
    page_lang = lang_attr(page)
    html = "".join(_response_item(context, response, page_lang) for response in responses)
    # bandit B308/B703 (mark_safe): every value is escaped by _v, linebreaks or the tags above.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def _listed_hearing(context, item) -> str:
    hearing = item.page
    lang = lang_attr(hearing)
    state = (
        f'<span class="ds-tag hearing-state hearing-state--{_v(item.state)}"'
        f' data-color="{_v(item.colour)}">{_v(item.state_label)}</span>\n'
    )
    days = ""
    if item.is_open:
        left = hearing.days_left
        text = ngettext("%(days)s day left", "%(days)s days left", left) % {"days": _v(left)}
        days = f' · <span class="hearing-days-left">{text}</span>\n'
    lead = ""
    if hearing.lead:
        lead = f'<p class="ds-paragraph" data-size="sm"{lang}>{_v(hearing.lead)}</p>'
    url = conditional_escape(pageurl(context, hearing))
    return (
        '\n  <li class="item-list__item hearing-list__item">\n'
        f'    <a class="ds-link item-list__title" href="{url}"{lang}>{_v(hearing.title)}</a>\n'
        f"    {state}\n"
        f'    <p class="ds-paragraph item-list__meta" data-size="sm">{_v(gettext("Period"))}: '
        f'<time datetime="{_v(iso(hearing.opens_on))}">{_v(long_date(hearing.opens_on))}</time> – '
        f'<time datetime="{_v(iso(hearing.deadline))}">{_v(long_date(hearing.deadline))}</time>'
        f"{days}</p>\n"
        f"    {lead}\n  </li>\n  "
    )


@register.simple_tag(takes_context=True)
def hearing_list(context, hearings) -> str:
    """The hearings of the index (`ListedHearing`s) as its list: what the loop in
    `hearings/includes/hearing_list.html` showed (an include per hearing for its state and the
    days left), without its file's last line break."""
    items = "".join(_listed_hearing(context, item) for item in hearings)
    # bandit B308/B703 (mark_safe): every value is escaped by _v or conditional_escape above.
    return mark_safe(f'\n<ul class="item-list hearing-list">\n  {items}\n</ul>')  # noqa: S308  # nosec B308 B703
