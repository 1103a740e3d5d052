from django import forms
from django.utils.translation import gettext_lazy as _


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("Six digits"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class VerificationForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("Six digits from your authenticator app, or one of your recovery codes"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class CurrentCodeForm(forms.Form):
    """The code that confirms a change of the second factor (on a page with more on it, so no
    autofocus)."""

    code = forms.CharField(
        label=_("A current code"),
        help_text=_(
            "Six digits from your authenticator app now, or one of your recovery codes (it is "
            "then used up)"
        ),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
