"""`{% form_stamp %}`: the signed time a public form is shown (see core/form_guard.py)."""

from django import template

from samhandling.core.form_guard import form_stamp as new_stamp

register = template.Library()


@register.simple_tag
def form_stamp() -> str:
    return new_stamp()
