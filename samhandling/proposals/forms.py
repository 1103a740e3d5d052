"""The public form "Send us news or a date"."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from samhandling.core.text import SafeTextFormMixin
from samhandling.events.forms import OTHER, OptionsSelect
from samhandling.organisations.models import Organisation

from .models import ProposalKind
from .services import TEXT_LIMIT


def _attrs(autocomplete: str = "", **extra) -> dict:
    attrs = {"class": "ds-input", **extra}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs


class ProposalForm(SafeTextFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you send?"),
        choices=ProposalKind.choices,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs=_attrs())
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_LIMIT,
        help_text=_("At most 5,000 characters. Write plain text; a blank line starts a paragraph."),
        error_messages={
            "max_length": _(
                "The text is too long: at most %(limit_value)d characters (it has "
                "%(show_value)d). Shorten it, or give a link to the whole text."
            )
        },
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 8}),
    )
    date = forms.DateField(
        label=_("Date"),
        required=False,
        help_text=_("Required for a date. For example 30.10.2023."),
        input_formats=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"],
        widget=forms.DateInput(attrs=_attrs(type="date"), format="%Y-%m-%d"),
    )
    time = forms.TimeField(
        label=_("Time (optional)"),
        required=False,
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(attrs=_attrs(type="time"), format="%H:%M"),
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_attrs()),
    )
    link = forms.URLField(
        label=_("Link (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("An address with more about it, beginning with https://."),
        widget=forms.URLInput(attrs=_attrs("url")),
    )
    name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs=_attrs("name"))
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"), widget=OptionsSelect(attrs={"class": "ds-input"})
    )
    organisation_other = forms.CharField(
        label=_("Other organisation"),
        help_text=_("Only if your organisation is not in the list."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=_attrs("organization")),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm the proposal, and tell you when the secretariat has "
            "decided. The address is never published."
        ),
        widget=forms.EmailInput(attrs=_attrs("email")),
    )

    def __init__(self, *args, organisations=(), kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [
            ("", _("Choose your organisation")),
            *[(str(pk), label) for pk, label in organisations],
            (OTHER, _("Other organisation (write its name below)")),
        ]
        if kinds is not None:
            field = self.fields["kind"]
            field.choices = [choice for choice in field.choices if choice[0] in kinds]
            if len(field.choices) == 1:
                field.initial = field.choices[0][0]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write the text."), code="required")
        return text

    def clean(self):
        cleaned = super().clean()
        date_missing = cleaned.get("kind") == ProposalKind.DATE and not cleaned.get("date")
        if date_missing and "date" not in self.errors:
            self.add_error("date", _("Give the date of the meeting, conference or deadline."))
        choice = cleaned.get("organisation")
        if choice == OTHER:
            cleaned["organisation"] = None
            if not cleaned.get("organisation_other") and "organisation_other" not in self.errors:
                self.add_error("organisation_other", _("Write the name of your organisation."))
        elif choice:
            cleaned["organisation"] = Organisation.objects.filter(pk=int(choice)).first()
            cleaned["organisation_other"] = ""
            if cleaned["organisation"] is None:
                field = self.fields["organisation"]
                self.add_error(
                    "organisation", field.error_messages["invalid_choice"] % {"value": choice}
                )
        return cleaned
