"""The public sign-up form and the form on the private manage page."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from samhandling.core.compiled_queries import first_by
from samhandling.core.select_renderer import SELECTS_IN_PYTHON
from samhandling.core.structure_cache import cached
from samhandling.core.text import SafeTextFormMixin
from samhandling.organisations.models import Organisation

from .models import RegistrationKind

OTHER = "other"
TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
TEXT_LIMIT = 1000


def plain_text(value: str) -> None:
    if value and TAG.search(value):
        raise ValidationError(
            _("Please write plain text: the field cannot contain HTML tags."), code="html"
        )


def _attrs(autocomplete: str = "", **extra) -> dict:
    attrs = {"class": "ds-input", **extra}
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return attrs


class OptionsSelect(forms.Select):
    """A <select> whose options are written in Python rather than one template each: the
    organisation list has a hundred options or more, and every sign-up page renders it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option["value"] is None else option["value"],
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def organisation_field_choices(organisations) -> tuple:
    """The organisation field's options for the (id, name) pairs, in the active language: a
    tuple of pairs of strings, unchanged by anyone, so that it can be kept between requests."""
    return (
        ("", str(_("Choose your organisation"))),
        *((str(pk), str(label)) for pk, label in organisations),
        (OTHER, str(_("Other organisation (write its name below)"))),
    )


class RegistrationDetailsForm(SafeTextFormMixin, forms.Form):
    """What a participant may also change later on the manage page. (`RegistrationForm`, the
    sign-up, inherits it; `SafeTextFormMixin` refuses control characters in every text field.)"""

    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        validators=[plain_text],
        widget=forms.TextInput(attrs=_attrs("name")),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[plain_text],
        widget=forms.TextInput(attrs=_attrs("tel", type="tel")),
    )
    organisation = forms.ChoiceField(
        label=_("Organisation"),
        widget=OptionsSelect(attrs={"class": "ds-input"}),
    )
    organisation_other = forms.CharField(
        label=_("Other organisation"),
        help_text=_("Only if your organisation is not in the list."),
        max_length=200,
        required=False,
        validators=[plain_text],
        widget=forms.TextInput(attrs=_attrs("organization")),
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        required=False,
        validators=[plain_text],
        widget=forms.TextInput(attrs=_attrs("organization-title")),
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"),
        max_length=TEXT_LIMIT,
        required=False,
        validators=[plain_text],
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 2}),
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        help_text=_("For example a hearing loop, step-free access or an interpreter."),
        max_length=TEXT_LIMIT,
        required=False,
        validators=[plain_text],
        widget=forms.Textarea(attrs={"class": "ds-input", "rows": 2}),
    )

    def __init__(self, *args, organisations=(), choices=None, **kwargs):
        """`organisations`: the (id, name) pairs to choose from, e.g. `organisation_choices()`;
        or `choices`, what `organisation_field_choices` made of them (kept between requests)."""
        super().__init__(*args, **kwargs)
        if choices is None:
            choices = organisation_field_choices(organisations)
        field = self.fields["organisation"]
        # Already in the form `ChoiceField.choices` would normalise them to (a tuple of pairs
        # of strings): set as they are, so that a hundred organisations are not normalised
        # again on every request. The field still accepts only these values.
        field._choices = field.widget._choices = choices

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("organisation")
        if choice == OTHER:
            cleaned["organisation"] = None
            if not cleaned.get("organisation_other") and "organisation_other" not in self.errors:
                self.add_error("organisation_other", _("Write the name of your organisation."))
        elif choice:
            # One of the choices (the field has checked that); read it only now, when sent.
            # From the structure cache, as the choices are (saving or deleting an organisation
            # forgets both): one query fewer on every sign-up and refusal in a rush.
            cleaned["organisation"] = cached(
                "organisation",
                int(choice),
                build=lambda: first_by(Organisation, value=int(choice)),
            )
            cleaned["organisation_other"] = ""
            if cleaned["organisation"] is None:  # deleted since the list was read
                field = self.fields["organisation"]
                self.add_error(
                    "organisation", field.error_messages["invalid_choice"] % {"value": choice}
                )
        return cleaned


class RegistrationForm(RegistrationDetailsForm):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send the confirmation and a private link to change or cancel here."),
        widget=forms.EmailInput(attrs=_attrs("email")),
    )
    kind = forms.ChoiceField(
        label=_("I am signing up as"),
        choices=[
            (RegistrationKind.PARTICIPANT, _("Participant")),
            (RegistrationKind.SPEAKER, _("Speaker or contributor in the program")),
            (RegistrationKind.PRESS, _("Press (journalist or photographer)")),
        ],
        initial=RegistrationKind.PARTICIPANT,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser stores these details to run the event, and deletes "
            "them afterwards."
        ),
        error_messages={"required": _("Tick the box to agree, or we cannot sign you up.")},
    )

    field_order = [
        "name",
        "email",
        "phone",
        "organisation",
        "organisation_other",
        "job_title",
        "kind",
        "dietary_needs",
        "accessibility_needs",
        "consent",
    ]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class EventFilterForm(forms.Form):
    """The events listing's filter: a series and a town, both optional (GET, no JavaScript)."""

    serie = forms.ChoiceField(label=_("Series"), required=False)
    stad = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, *args, series=(), places=(), **kwargs):
        kwargs.setdefault("renderer", SELECTS_IN_PYTHON)
        super().__init__(*args, **kwargs)
        self.fields["serie"].choices = [
            ("", _("All series")),
            *[(str(page.pk), page.title) for page in series],
        ]
        self.fields["stad"].choices = [("", _("All places")), *[(p, p) for p in places]]
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"
            field.error_messages["invalid_choice"] = _(
                "We do not know that choice; all events are shown."
            )
