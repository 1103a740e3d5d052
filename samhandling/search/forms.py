"""The filters of the search page: type and year (GET, no JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import registry


class SearchFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False)
    aar = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", ""), *((k.name, k.plural) for k in registry.kinds())]
        self.fields["type"].error_messages["invalid_choice"] = _(
            "We do not know that type; results of every type are shown."
        )
        for name in ("invalid", "min_value", "max_value"):
            self.fields["aar"].error_messages[name] = _(
                "That is not a year we can narrow by; results of every year are shown."
            )

    def filters(self) -> tuple[str, int | None]:
        """(type, year) of the valid filters; an invalid one is left out."""
        if not self.is_bound:
            return "", None
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return data.get("type") or "", data.get("aar")
