"""A form renderer that makes select widgets in Python (`SELECTS_IN_PYTHON`, for a form's
`renderer`): Django's templates for a select include one template per option and per option's
attributes, which cost more than the rest of a filter form together. The markup is what the
templates render; every other widget goes to the project's form renderer."""

import html

from django import forms
from django.forms.renderers import get_default_renderer
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe


def _value(value) -> str:
    """`{{ value }}` (`render_value_in_context`: localized, escaped unless marked safe)."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _string(value) -> str:
    """`{{ value|stringformat:'s' }}` (the filter keeps a value marked safe as it is)."""
    text = "%s" % value  # noqa: UP031 - what `stringformat:'s'` does
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_value(name)}" + ("" if value is True else f'="{_string(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> str:
    """What django/forms/widgets/select.html (an include per option, and per option's
    attributes) renders for a select widget's context, as the form renderer gives it (stripped)."""
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            # django/forms/widgets/select_option.html, with its file's last line break
            parts.append(
                f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    # bandit B308/B703 (mark_safe): every value is escaped above, as the templates escape it.
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


class SelectsInPython:
    """The form renderer (`FORM_RENDERER`) with the select widgets made by `select_html`: the
    same markup, without rendering a template per option. Anything else goes to the renderer."""

    def __getattr__(self, name):
        return getattr(get_default_renderer(), name)

    def render(self, template_name, context, request=None):
        if template_name == forms.Select.template_name and context.get("widget"):
            widget = context["widget"]
            if widget.get("template_name") == forms.Select.template_name:
                return select_html(widget)
        return get_default_renderer().render(template_name, context, request=request)


SELECTS_IN_PYTHON = SelectsInPython()
