"""Forms of the secretariat's contact pages in the admin."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .reminders import NOTE_MAX_LENGTH

LANGUAGE_CHOICES = [("nn", "Nynorsk"), ("nb", "Bokmål"), ("en", "English")]


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=LANGUAGE_CHOICES,
        help_text=_("Used when the municipality has not chosen nynorsk or bokmål."),
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = community.members.order_by("name")
        self.fields["language"].initial = community.default_language


class RemindForm(forms.Form):
    # One press of the button: a second send of the same form (a double click, a reload) sends
    # nothing more.
    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    note = forms.CharField(
        label=_("Note to add (optional)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
