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

    counts_label = conditional_escape(gettext("Members by whom they represent"))

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
