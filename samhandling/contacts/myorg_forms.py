"""The forms of "Min organisasjon": sign up a colleague, give a seat to another person, and
answer a hearing on the organisation's behalf (the public response form without who answers and
the e-mail address: the contact is logged in)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.text import SafeTextFormMixin
from samhandling.hearings.forms import HearingResponseForm


def _attrs(autocomplete: str = "", **extra) -> dict:
    attrs = {"class": "ds-input", **extra}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs


class PersonForm(SafeTextFormMixin, forms.Form):
    name = forms.CharField(
        label=_("The participant's name"),
        max_length=200,
        widget=forms.TextInput(attrs=_attrs("off")),
    )
    email = forms.EmailField(
        label=_("The participant's e-mail"),
        max_length=254,
        help_text=_("The confirmation and the private link to the sign-up are sent here."),
        widget=forms.EmailInput(attrs=_attrs("off")),
    )
    job_title = forms.CharField(
        label=_("Job title (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_attrs("off")),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class ColleagueSignupForm(PersonForm):
    field_order = ["event", "name", "email", "job_title", "consent"]

    event = forms.TypedChoiceField(
        label=_("Event"), coerce=int, widget=forms.Select(attrs={"class": "ds-input"})
    )
    consent = forms.BooleanField(
        label=_("The colleague knows about the sign-up and agrees that it is stored."),
        error_messages={"required": _("Confirm that the colleague agrees to the sign-up.")},
    )

    def __init__(self, *args, events=(), **kwargs):
        """`events`: the events open for sign-up, as (id, title) pairs."""
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Choose the event")), *events]
        self.order_fields(self.field_order)


class ReplaceForm(PersonForm):
    pass


class ContactResponseForm(HearingResponseForm):
    """The response form for a contact: the organisation and the address are known; a private
    person's phone and address do not apply."""

    def __init__(self, *args, hearing, **kwargs):
        super().__init__(*args, hearing=hearing, change=True, **kwargs)
        for name in ("phone", "address"):
            del self.fields[name]
        self.fields["name"].help_text = _("Published with the response as the person who sent it.")
        # The receipt's address: the account's, filled in; asked for when the identity provider
        # gave none (ID-porten and Ansattporten give no e-mail address), then kept on the account.
        self.fields["email"] = forms.EmailField(
            label=_("E-mail"),
            max_length=254,
            help_text=_("The receipt is sent here. It is never published."),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
