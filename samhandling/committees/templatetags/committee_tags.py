"""Template helpers for committee pages."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def person_url(context, structure, person) -> str:
    """The person's page on the committee structure page, or empty without one."""
    if structure is None or person is None:
        return ""
    # The structure page's own address once per page, not once per member.
    urls = context.render_context.setdefault("committee_structure_urls", {})
    if structure.pk not in urls:
        urls[structure.pk] = structure.get_url(context.get("request"))
    return urls[structure.pk] + structure.reverse_subpage("person", args=[person.pk])


@register.simple_tag(takes_context=True)
def committee_tree(context, nodes) -> str:
    """What committees/includes/tree.html rendered (kept as the reference for the markup),
    made in Python: the template's loop over every committee with its link, counts and
    translated sentences was most of the committee index page's time. Byte for byte the same
    markup; values are escaped and localised as the template did (`render_value_in_context`)."""
    from django.template.base import render_value_in_context
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext, ngettext
    from wagtail.templatetags.wagtailcore_tags import pageurl

    from samhandling.core.templatetags.samhandling_tags import lang_attr

    # `{% translate "…" %}` of a literal is not escaped (a literal in a template is safe).
    counts_label = gettext("Members by whom they represent")

    def tree(nodes, nested: bool) -> list[str]:
        modifier = " committee-tree--nested" if nested else ""
        out = [f'\n<ul class="committee-tree{modifier}">\n  ']
        for node in nodes:
            page = node.page
            meta = conditional_escape(page.get_level_display())
            if node.total:
                sentence = ngettext("%(counter)s member", "%(counter)s members", node.total)
                meta += " · " + sentence % {"counter": render_value_in_context(node.total, context)}
            out.append(
                format_html(
                    '\n  <li class="committee-tree__item">\n    <div class="committee-tree__entry">'
                    '\n      <a class="ds-link committee-tree__title" href="{}"{}>{}</a>'
                    '\n      <p class="ds-paragraph committee-tree__meta" data-size="sm">{}</p>'
                    "\n      ",
                    pageurl(context, page),
                    lang_attr(page),
                    page.title,
                    mark_safe(meta),  # noqa: S308 - escaped parts, a translation  # nosec B308 B703
                )
            )
            if node.counts:
                out.append(
                    '\n      <ul class="committee-tree__counts"'
                    f' aria-label="{counts_label}">\n        '
                )
                for label, count in node.counts:
                    out.append(
                        f"<li>{render_value_in_context(label, context)}: "
                        f"{render_value_in_context(count, context)}</li>"
                    )
                out.append("\n      </ul>\n      ")
            out.append("\n    </div>\n    ")
            if node.children:
                out.extend(tree(node.children, True))
            out.append("\n  </li>\n  ")
        out.append("\n</ul>\n")
        return out

    return mark_safe("".join(tree(nodes, False)))  # noqa: S308 - all escaped  # nosec B308 B703


@register.simple_tag(takes_context=True)
def member_items(context, memberships, structure) -> str:
    """What committees/includes/member.html rendered for a group of members (kept as the
    reference for the markup), made in Python: the committee page's time went mostly to that
    loop. Byte for byte the same markup, escaped and translated as the template did."""
    from django.template.base import render_value_in_context
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext

    from samhandling.organisations.templatetags.organisation_tags import organisation_link

    out = ["\n"]
    for membership in memberships:
        person = membership.person
        url = person_url(context, structure, person)
        if url:
            name = format_html('<a class="ds-link member__name" href="{}">{}</a>', url, person.name)
        else:
            name = format_html('<span class="member__name">{}</span>', person.name)
        if person.title:
            name += format_html('<span class="member__title">, {}</span>', person.title)
        meta = ""
        organisation = membership.organisation
        if organisation:
            meta += conditional_escape(organisation_link(context, organisation))
        if membership.represents != "other":
            if organisation:
                meta += " · "
            group = render_value_in_context(membership.get_represents_display(), context)
            meta += gettext("Representing: %(group)s") % {"group": group}
        email = ""
        if person.public_email:
            email = format_html(
                '<a class="ds-link member__email" href="mailto:{}">{}</a>',
                person.public_email,
                person.public_email,
            )
        out.append(
            f'\n<li class="member">\n  {name}\n  <span class="member__meta">{meta}</span>'
            f"\n  {email}\n</li>"
        )
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308 - all escaped  # nosec B308 B703


@register.simple_tag(takes_context=True)
def meeting_list(context, meetings) -> str:
    """What committees/includes/meeting_list.html rendered (kept as the reference for the
    markup), made in Python: one of the committee page's and the archive's longest loops. Byte
    for byte the same markup, escaped and translated as the template did."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext
    from wagtail.templatetags.wagtailcore_tags import pageurl

    from samhandling.core.templatetags.samhandling_tags import iso, lang_attr, timespan

    out = ['\n<ul class="item-list">\n  ']
    for meeting in meetings:
        meta = ""
        if meeting.place:
            meta += format_html(" · {}", meeting.place)
        if meeting.minutes_published:
            meta += " · " + gettext("Minutes published")  # a literal: not escaped
        theme = ""
        if meeting.theme:
            theme = format_html(
                '<p class="ds-paragraph" data-size="sm">{}: {}</p>',
                mark_safe(gettext("Theme")),  # noqa: S308 - a literal  # nosec B308 B703
                meeting.theme,
            )
        out.append(
            format_html(
                '\n  <li class="item-list__item">'
                '\n    <a class="ds-link item-list__title" href="{}"{}>{}</a>'
                '\n    <p class="ds-paragraph item-list__meta" data-size="sm">'
                '<time datetime="{}">{}</time>{}</p>'
                "\n    {}\n  </li>\n  ",
                pageurl(context, meeting),
                lang_attr(meeting),
                meeting.title,
                iso(meeting.start),
                timespan(meeting.start, meeting.end),
                mark_safe(meta),  # noqa: S308 - escaped parts, a literal  # nosec B308 B703
                theme,
            )
        )
    out.append("\n</ul>\n")
    return mark_safe("".join(out))  # noqa: S308 - all escaped  # nosec B308 B703
