"""Tags of the public hearing page: its long repeated lists made in Python.

A hearing can have a hundred invited organisations, tens of sections with their comments and
hundreds of responses; rendering those loops in the template (an include per section, a tag per
organisation, a node per variable) was most of the page's time. These tags give the same HTML
as the templates they replaced (`tests/hearings/test_page_tags.py` renders both): every value
escaped as `{{ }}` escapes it, translations as `{% translate %}` / `{% blocktranslate %}` give
them."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from wagtail.templatetags.wagtailcore_tags import pageurl

from samhandling.core.html_values import linebreaks_html as _linebreaks
from samhandling.core.html_values import value_html as _v
from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, long_date
from samhandling.organisations.templatetags.organisation_tags import organisation_linker

register = template.Library()


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
        f"{_linebreaks(comment.text)}</div>\n"
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
            text = _linebreaks(item.part.text)
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


class _Words:
    """The fixed words of the response list, translated once for the list, not per response."""

    def __init__(self):
        self.received = gettext("received %(date)s")
        self.late = gettext("Late")
        self.no_comments = gettext("No comments")
        self.decided_by = gettext("Decided by")
        self.blanked = gettext("Blanked by the secretariat: %(reason)s")
        self.about_sections = gettext("About the sections")
        self.answers = gettext("Answers to the questions")
        self.attachments = gettext("Attachments")

    def blanked_part(self, reason, element="p", css="ds-paragraph hearing-blanked") -> str:
        # {% blocktranslate with reason=… %}Blanked by the secretariat: {{ reason }}{% end… %}
        text = self.blanked % {"reason": _v(reason)}
        return f'<{element} class="{css}">{text}</{element}>'


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


def _meta(response, words: _Words) -> str:
    meta = _v(response.kind_label)
    if response.received_at:
        meta += " · " + words.received % {"date": _v(long_date(response.received_at))}
    if response.late:
        meta += f' <span class="ds-tag" data-color="warning">{words.late}</span>'
    if response.no_comments:
        meta += f' <span class="ds-tag" data-color="neutral">{words.no_comments}</span>'
    return meta


def _decided(response, words: _Words) -> str:
    if not response.decision_reference:
        return ""
    date = f", {_v(long_date(response.decision_date))}" if response.decision_date else ""
    return (
        f'<p class="ds-paragraph" data-size="sm">{words.decided_by}: '
        f"{_v(response.decision_reference)}{date}</p>"
    )


def _general(response, words: _Words) -> str:
    if response.general.blanked:
        return words.blanked_part(response.general.blanked)
    if response.general.text:
        return f'<div class="hearing-response__text">{_linebreaks(response.general.text)}</div>'
    return ""


def _part(part, words: _Words) -> str:
    if part.blanked:
        return words.blanked_part(part.blanked)
    return _linebreaks(part.text)


def _about_sections(response, page_lang, words: _Words) -> str:
    if not response.section_list:
        return ""
    rows = "".join(
        f'\n    <dt><a class="ds-link" href="#del-{_v(section.number)}"{page_lang}>'
        f"{_v(section.label)}</a></dt>\n    <dd>{_part(part, words)}</dd>\n    "
        for section, part in response.section_list
    )
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{words.about_sections}</h4>\n'
        f'  <dl class="hearing-response__sections">\n    {rows}\n  </dl>\n  '
    )


def _answers(response, page_lang, words: _Words) -> str:
    if not response.answers:
        return ""
    rows = []
    for answer in response.answers:
        reason = ""
        if answer.reason.blanked:
            reason = words.blanked_part(answer.reason.blanked)
        elif answer.reason.text:
            reason = _linebreaks(answer.reason.text)
        rows.append(
            f"\n    <dt{page_lang}>{_v(answer.question)}</dt>\n"
            f"    <dd><strong>{_v(answer.choice_label)}</strong>{reason}</dd>\n    "
        )
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{words.answers}</h4>\n'
        f'  <dl class="hearing-response__sections">\n    {"".join(rows)}\n  </dl>\n  '
    )


def _attachments(response, words: _Words) -> str:
    if not response.attachments:
        return ""
    rows = []
    for attachment in response.attachments:
        if attachment.blanked:
            shown = words.blanked_part(attachment.blanked, "span", "hearing-blanked")
        else:
            shown = (
                f'<a class="ds-link" href="{_v(attachment.url)}">{_v(attachment.name)}</a> '
                f'<span class="hearing-file-meta">({_v(filesizeformat(attachment.size))})</span>'
            )
        rows.append(f"\n    <li>{shown}</li>\n    ")
    return (
        f'\n  <h4 class="ds-heading" data-size="2xs">{words.attachments}</h4>\n'
        f'  <ul class="ds-list">\n    {"".join(rows)}\n  </ul>\n  '
    )


def _response_item(response, page_lang, link, words: _Words) -> str:
    if response.withheld:
        body = _withheld(response)
    else:
        if response.kind == "organisation" and response.organisation:
            name = link(response.organisation)
        else:
            name = _v(response.name)
        body = (
            f'\n  <h3 class="ds-heading" data-size="xs">{name}</h3>\n'
            '  <p class="ds-paragraph hearing-response__meta" data-size="sm">'
            f"{_meta(response, words)}</p>\n"
            f"  {_decided(response, words)}\n  {_general(response, words)}\n"
            f"  {_about_sections(response, page_lang, words)}\n"
            f"  {_answers(response, page_lang, words)}\n"
            f"  {_attachments(response, words)}\n  "
        )
    return f'\n<li class="hearing-response" id="svar-{_v(response.id)}">\n  {body}\n</li>\n'


@register.simple_tag(takes_context=True)
def published_response_items(context, responses, page) -> str:
    """The published responses (`publication.PublishedResponse`) as the list items of the
    hearing page: what the loop in the template `hearing_response.html` showed (each
    organisation's name by `{% organisation_link %}`, its linker made once for the list)."""
    page_lang = lang_attr(page)
    link = organisation_linker(context)
    words = _Words()
    html = "".join(_response_item(response, page_lang, link, words) for response in responses)
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


# --- The parts of the hearing page around the lists ----------------------------------------------


def _state_tag(state, label, colour) -> str:
    """What the template `hearing_state.html` gave, with its file's last line break."""
    return (
        f'<span class="ds-tag hearing-state hearing-state--{_v(state)}"'
        f' data-color="{_v(colour)}">{_v(label)}</span>\n'
    )


def _days_left(days: int) -> str:
    """What the template `hearing_days_left.html` gave, with its file's last line break."""
    text = ngettext("%(days)s day left", "%(days)s days left", days) % {"days": _v(days)}
    return f'<span class="hearing-days-left">{text}</span>\n'


def _time(day) -> str:
    return f'<time datetime="{_v(iso(day))}">{_v(long_date(day))}</time>'


def _page_link(context, page) -> str:
    url = conditional_escape(pageurl(context, page))
    return f'<a class="ds-link" href="{url}"{lang_attr(page)}>{_v(page.title)}</a>'


def _decision(page, decision, lang) -> str:
    note = f"<span{lang}>{_v(page.decision_note)}</span>" if page.decision_note else ""
    links = []
    for link, words in ((decision["case"], "Decided in"), (decision["version"], "Adopted as")):
        shown = ""
        if link:
            shown = (
                f'<span class="hearing-decision-link">{gettext(words)} '
                f'<a class="ds-link" href="{_v(link.url)}">{_v(link.label)}</a></span>'
            )
        links.append(shown)
    return (
        f"\n  <dt>{gettext('Decision')}</dt>\n"
        f"  <dd>{note}\n    {links[0]}\n    {links[1]}\n  </dd>\n  "
    )


@register.simple_tag(takes_context=True)
def hearing_facts(context) -> str:
    """The facts of the hearing at the top of its page: its state (and days left while open),
    period, agreement, rounds and decision. The page's context (`hearing_page_context`)."""
    page = context["page"]
    state = context.get("state", "")  # a variable the context lacks renders as ""
    lang = lang_attr(page)
    days = f" {_days_left(page.days_left)}" if context.get("is_open") else ""
    state_tag = _state_tag(state, context.get("state_label", ""), context.get("state_colour", ""))
    ics = conditional_escape(reverse("hearings:hearing_ics", args=[page.pk]))
    parts = [
        f'\n<dl class="hearing-facts">\n  <dt>{gettext("State")}</dt>\n'
        f"  <dd>{state_tag}{days}</dd>\n"
        f"  <dt>{gettext('Opens')}</dt><dd>{_time(page.opens_on)}</dd>\n"
        f"  <dt>{gettext('Deadline')}</dt><dd>{_time(page.deadline)} "
        f'<a class="ds-link hearing-ics" href="{ics}">'
        f"{gettext('Add the deadline to your calendar (.ics)')}</a></dd>\n  "
    ]
    if page.short_period_reason:
        parts.append(
            f"<dt>{gettext('Why the period is short')}</dt>"
            f"<dd{lang}>{_v(page.short_period_reason)}</dd>"
        )
    parts.append("\n  ")
    agreement = context.get("agreement")
    if agreement:
        # {% blocktranslate with version=… %}version “{{ version }}”{% endblocktranslate %}
        version = gettext("version “%(version)s”") % {"version": _v(page.agreement_version.label)}
        parts.append(
            f"<dt>{gettext('On hearing')}</dt><dd>"
            f'<a class="ds-link" href="{_v(agreement.url)}"{lang}>{_v(agreement.label)}</a>, '
            f"{version}</dd>"
        )
    parts.append("\n  ")
    earlier = context.get("earlier_round")
    if earlier:
        parts.append(f"<dt>{gettext('Earlier round')}</dt><dd>{_page_link(context, earlier)}</dd>")
    parts.append("\n  ")
    later = context.get("later_rounds")
    if later:
        links = ", ".join(_page_link(context, round_page) for round_page in later)
        parts.append(f"<dt>{gettext('Later round')}</dt><dd>{links}</dd>")
    parts.append("\n  ")
    if state == "decided":
        parts.append(_decision(page, context["decision"], lang))
    parts.append("\n</dl>\n")
    # bandit B308/B703 (mark_safe): every value is escaped by _v or conditional_escape above.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


def _question_fields(question) -> tuple:
    """(pk, text, help text) of a question: a row of `selectors.questions`, or an instance (a
    preview shows the questions being edited)."""
    if isinstance(question, dict):
        return question["pk"], question["text"], question["help_text"]
    return question.pk, question.text, question.help_text


@register.simple_tag
def hearing_questions(questions, page) -> str:
    """The hearing's questions as the items of their list."""
    lang = lang_attr(page)
    items = []
    for question in questions:
        pk, text, help_text = _question_fields(question)
        helps = ""
        if help_text:
            helps = f'<span class="hearing-questions__help"{lang}>{_v(help_text)}</span>'
        items.append(f'<li id="sporsmal-{_v(pk)}"><span{lang}>{_v(text)}</span>{helps}</li>')
    # bandit B308/B703 (mark_safe): every value is escaped by _v above.
    return mark_safe("".join(items))  # noqa: S308  # nosec B308 B703


@register.simple_tag
def draft_contents(draft, page) -> str:
    """The draft's sections (`DraftView`s) as the items of its table of contents."""
    lang = lang_attr(page)
    items = "".join(
        f'<li><a class="ds-link" href="#{_v(item.anchor)}"{lang}>{_v(item.section.label)}</a></li>'
        for item in draft
    )
    # bandit B308/B703 (mark_safe): every value is escaped by _v above.
    return mark_safe(items)  # noqa: S308  # nosec B308 B703


@register.simple_tag(takes_context=True)
def hearing_responses(context) -> str:
    """The responses section: that they are published later, that there are none, or the
    published responses (`published_response_items`). The page's context."""
    responses = context.get("published_responses")
    if not context.get("responses_public"):
        later = gettext("The responses are published after the deadline.")
        shown = f'<p class="ds-paragraph">{later}</p>'
    elif not responses:
        shown = f'<p class="ds-paragraph">{gettext("No responses have been published.")}</p>'
    else:
        count = len(responses)
        text = ngettext(
            "%(count)s response has been received.",
            "%(count)s responses have been received.",
            count,
        ) % {"count": _v(count)}
        items = published_response_items(context, responses, context["page"])
        shown = (
            f'<p class="ds-paragraph">{text}</p>\n'
            f'  <ul class="hearing-responses">\n    {items}\n\n  </ul>'
        )
    # bandit B308/B703 (mark_safe): every value is escaped by _v or the tags above.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        '\n<section class="hearing__section" aria-labelledby="responses-heading">\n'
        f'  <h2 id="responses-heading" class="ds-heading" data-size="md">'
        f"{gettext('Responses')}</h2>\n  \n  {shown}\n  \n</section>\n"
    )


@register.simple_tag(takes_context=True)
def invited_bodies(context, invited) -> str:
    """The invited bodies' section (`selectors.InvitedBodies`), when there are any."""
    count = invited.count
    if not count:
        return "\n\n"
    text = ngettext(
        "%(count)s body is invited to answer. Anyone else may answer too.",
        "%(count)s bodies are invited to answer. Anyone else may answer too.",
        count,
    ) % {"count": _v(count)}
    organisations = invited_organisation_items(context, invited.organisations)
    others = "".join(f"<li>{_v(name)}</li>" for name in invited.others)
    # bandit B308/B703 (mark_safe): every value is escaped by _v or the linker above.
    return mark_safe(  # noqa: S308  # nosec B308 B703
        '\n\n<section class="hearing__section" aria-labelledby="invited-heading">\n'
        '  <h2 id="invited-heading" class="ds-heading" data-size="md">'
        f"{gettext('Invited bodies')}</h2>\n"
        f'  <p class="ds-paragraph">{text}</p>\n'
        '  <details class="ds-details">\n'
        f"    <summary>{gettext('Show the invited bodies')}</summary>\n"
        '    <div>\n      <ul class="hearing-invited">\n'
        f"        {organisations}\n        {others}\n"
        "      </ul>\n    </div>\n  </details>\n</section>\n\n"
    )
