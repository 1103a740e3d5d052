"""Text that visitors type: no control characters.

A control character (U+0000–U+001F, U+007F–U+009F) is invisible, means nothing in a name or a
note, and breaks what the text is later written into (an XLSX export cannot hold it). The public
forms refuse them with a message; a text area still takes tabs and line breaks.

**Every public form** (sign-up, manage, and the forms later issues add) inherits
`SafeTextFormMixin` before `forms.Form`:

    class HearingResponseForm(SafeTextFormMixin, forms.Form): ...

It adds the right validator to each of the form's text fields (`CharField` and its subclasses,
`EmailField` included), so a field added later is covered without anyone remembering to.
Exports clean the text again on the way out (`samhandling.core.spreadsheets`).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

MESSAGE = _("Remove the invisible control characters from this field.")


def refuse_control_characters(value) -> None:
    """For one-line fields: no control characters at all (no tab or line break either)."""
    if isinstance(value, str) and _CONTROL.search(value):
        raise ValidationError(MESSAGE, code="control_characters")


def refuse_control_characters_multiline(value) -> None:
    """For text areas: no control characters other than tab, line feed and carriage return."""
    if isinstance(value, str) and _CONTROL_EXCEPT_LINES.search(value):
        raise ValidationError(MESSAGE, code="control_characters")


class SafeTextFormMixin:
    """Refuses control characters in every text field of the form (see the module's text)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(
                    refuse_control_characters_multiline if multiline else refuse_control_characters
                )
