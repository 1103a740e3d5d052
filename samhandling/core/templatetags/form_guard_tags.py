"""`{% form_stamp %}`: the signed time a public form is shown (see core/form_guard.py)."""

from django import template

from samhandling.core.form_guard import form_stamp as new_stamp

register = template.Library()


@register.simple_tag(takes_context=True)
def form_stamp(context) -> str:
    """A new stamp; or, where a form is rendered once to be kept (`chrome_tags`), the marker
    each page replaces with a new stamp of its own (`form_stamp_slot`)."""
    return context.get("form_stamp_slot") or new_stamp()
