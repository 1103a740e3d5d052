"""The hearings index's filter: a state and a year, both optional (GET, no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samhandling.core.select_renderer import SELECTS_IN_PYTHON

from .choices import HearingState


class HearingFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("State"), required=False)
    ar = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        kwargs.setdefault("renderer", SELECTS_IN_PYTHON)
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All states")),
            (HearingState.OPEN.value, _("Open")),
            (HearingState.UPCOMING.value, _("Upcoming")),
            (HearingState.CLOSED.value, _("Closed (also processed and decided)")),
            (HearingState.PROCESSING.value, _("Being processed")),
            (HearingState.DECIDED.value, _("Decided")),
        ]
        self.fields["ar"].choices = [("", _("All years")), *[(str(y), str(y)) for y in years]]
        for field in self.fields.values():
            field.widget.attrs["class"] = "ds-input"
            field.error_messages["invalid_choice"] = _(
                "We do not know that choice; all hearings are shown."
            )
