"""Forms of the personal data pages: one e-mail field, and the admin's look-up and erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.form_guard import HONEYPOT_FIELD, STAMP_FIELD


class EmailField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail address"))
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Enter your e-mail address."),
                "invalid": _("Enter a valid e-mail address, like name@example.no."),
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean(value).strip().lower()


# Fields a public form may carry besides its own: the CSRF token, and those of the shared abuse
# guard (honeypot, fill time; samhandling/core/form_guard.py).
ALLOWED_EXTRA_FIELDS = {"csrfmiddlewaretoken", HONEYPOT_FIELD, STAMP_FIELD}


class DataRequestForm(forms.Form):
    """The public request: an e-mail address and nothing else."""

    email = EmailField(
        help_text=_("We send a private link to this address. It works for a limited time.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "class": "ds-input", "inputmode": "email"}
        )
        self.unexpected = self.is_bound and bool(set(self.data) - {"email", *ALLOWED_EXTRA_FIELDS})

    def clean(self):
        cleaned = super().clean()
        if self.unexpected:
            raise forms.ValidationError(_("The form had fields it does not ask for."))
        return cleaned


class EraseConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, erase my personal data. I understand that it cannot be undone."),
        error_messages={"required": _("Tick the box to confirm, or go back.")},
    )


class AdminLookupForm(forms.Form):
    email = EmailField()


class AdminEraseForm(forms.Form):
    email = EmailField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_(
            "For example: request by e-mail of 3 December. Do not write the person's name or "
            "address."
        ),
        error_messages={"required": _("Write why the data is erased.")},
    )
