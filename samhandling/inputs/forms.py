"""Forms: the participant's input (public) and the secretariat's forms in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.text import SafeTextFormMixin
from samhandling.events.models import EventPage, EventSeriesPage

from .models import TEXT_MAX_LENGTH, InputStatus, Theme, Topic

TOO_LONG = _(
    "The input is too long: at most 10,000 characters. Shorten it, or send it in two parts."
)


def _text_field(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "class": "ds-input"}),
        error_messages={
            "required": _("Write your input before you send it."),
            "max_length": TOO_LONG,
        },
    )


class ParticipantInputForm(SafeTextFormMixin, forms.Form):
    text = _text_field(
        _("Your input"),
        _("What should the organisers take with them? At most 10,000 characters."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser may cut pasted text silently at maxlength; the server says it clearly.
        self.fields["text"].widget.attrs.pop("maxlength", None)
        self.fields["text"].widget.attrs["aria-describedby"] = "id_text_helptext"


def _events():
    return EventPage.objects.order_by("-start")


class GroupInputForm(SafeTextFormMixin, forms.Form):
    event = forms.ModelChoiceField(label=_("Event"), queryset=_events(), required=False)
    topic = forms.ModelChoiceField(
        label=_("or an open topic"), queryset=Topic.objects.all(), required=False
    )
    group = forms.ChoiceField(label=_("Group"))
    text = _text_field(_("Input"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = _events()
        self.fields["group"].choices = [(g, g) for g in groups]

    def clean(self):
        data = super().clean()
        if bool(data.get("event")) == bool(data.get("topic")):
            raise forms.ValidationError(_("Choose an event or a topic."))
        return data


class InputFilterForm(forms.Form):
    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)
    series = forms.ModelChoiceField(
        label=_("Series"), queryset=EventSeriesPage.objects.order_by("title"), required=False
    )
    event = forms.ModelChoiceField(label=_("Event"), queryset=_events(), required=False)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "—"), *InputStatus.choices], required=False
    )
    group = forms.ChoiceField(label=_("Group"), required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = EventSeriesPage.objects.order_by("title")
        self.fields["event"].queryset = _events()
        self.fields["group"].choices = [("", "—"), *[(g, g) for g in groups]]


class InputEditForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(label=_("Status"), choices=InputStatus.choices)
    hearing = forms.ModelChoiceField(label=_("Used in hearing"), queryset=None, required=False)
    published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args, **kwargs):
        from samhandling.hearings.pages import HearingPage

        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = HearingPage.objects.order_by("title")


class MergeForm(forms.Form):
    kept = forms.IntegerField(label=_("Keep this input (number)"), min_value=1)


class SummaryForm(SafeTextFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Summary"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    published = forms.BooleanField(label=_("Published"), required=False)
