"""The public forms of the subscriber side: subscribe (the page's and the footer's) and the
preference page. They only check input; the services (subscribing.py) do the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.ids import parse_id
from samhandling.core.text import SafeTextFormMixin

from .subscribing import SubscribeRefused, normalise_email

LANGUAGE_CHOICES = [("nn", "Nynorsk"), ("nb", "Bokmål"), ("en", "English")]


class ListsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        # A number no row can have is a wrong choice, not a database error (core/ids.py).
        for pk in value:
            if parse_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        return obj.name


class EmailAddressField(forms.CharField):
    """An address checked by the service's own rule (one message for every kind of bad input;
    no max_length, so that 10,000 characters get the same clear message)."""

    widget = forms.EmailInput(
        attrs={"class": "ds-input", "autocomplete": "email", "spellcheck": "false"}
    )

    def clean(self, value):
        # The service's rule covers control characters too, with the address's own message.
        value = self.to_python(value)
        self.validate(value)
        try:
            return normalise_email(value)
        except SubscribeRefused as refused:
            raise forms.ValidationError(refused.message, code="invalid") from None


class SubscribeForm(SafeTextFormMixin, forms.Form):
    email = EmailAddressField(label=_("E-mail address"))
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    lists = ListsField(
        label=_("Lists"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one list."),
            "invalid_choice": _("Choose among the lists shown."),
            "invalid_pk_value": _("Choose among the lists shown."),
        },
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists
        self.fields["email"].error_messages["required"] = _("Write your e-mail address.")


class PreferencesForm(SafeTextFormMixin, forms.Form):
    lists = ListsField(
        label=_("Lists"),
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("Choose among the lists shown."),
            "invalid_pk_value": _("Choose among the lists shown."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists

    def clean_lists(self):
        lists = self.cleaned_data.get("lists")
        if not lists:
            raise forms.ValidationError(
                _(
                    "Choose at least one list. To receive nothing, use “Unsubscribe from all” "
                    "below."
                ),
                code="required",
            )
        return lists
