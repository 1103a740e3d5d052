"""The hearings index's filter renders its selects in Python (`core.select_renderer`): the same
markup as Django's form renderer gives from its templates, chosen or not, valid or not, in each
language."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.utils import translation

from samhandling.core.select_renderer import SELECTS_IN_PYTHON
from samhandling.hearings.filters import HearingFilterForm

TRICKY = "<b>Ål & «sø»</b> \"'"


def rendered(form) -> list[str]:
    return [str(field) for field in form] + [str(form.errors), form.as_div()]


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
@pytest.mark.parametrize(
    "data",
    [None, {"status": "open"}, {"status": "closed", "ar": "2026"}, {"status": "x", "ar": "1"}],
)
def test_the_filter_renders_as_django_renders_it(language, data):
    with translation.override(language):
        ours = HearingFilterForm(data, years=[2027, 2026])
        theirs = HearingFilterForm(data, years=[2027, 2026], renderer=get_default_renderer())
        assert ours.renderer is SELECTS_IN_PYTHON
        assert ours.is_valid() == theirs.is_valid()
        assert rendered(ours) == rendered(theirs)
        assert "<option" in rendered(ours)[0]


class Grouped(forms.Form):
    choice = forms.ChoiceField(
        choices=[("", "—"), (TRICKY, [("a", TRICKY), ("b", "B")]), ("c", 3)],
        widget=forms.Select(attrs={"data-x": TRICKY, "disabled": True, "hidden": False}),
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")])


@pytest.mark.parametrize("data", [None, {"choice": "b", "many": ["a", "b"]}])
def test_groups_and_attributes_render_as_django_renders_them(data):
    ours = Grouped(data, renderer=SELECTS_IN_PYTHON)
    theirs = Grouped(data, renderer=get_default_renderer())
    assert rendered(ours) == rendered(theirs)
    assert "<optgroup" in str(ours["choice"])
