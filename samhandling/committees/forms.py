"""Admin forms of the committees app: the meeting editor, and the secretariat's follow-up
screen."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .agenda import ITEM_MINUTES_BEFORE_HELD, has_text
from .choices import FollowUpStatus

FOLLOWS_UP_OTHER_COMMITTEE = _("Choose a case of this committee: this one is another's.")


class MeetingPageForm(WagtailAdminPageForm):
    """The meeting editor. Says, next to the field, that an agenda item of a meeting that has
    not been held cannot have minutes or a decision (MeetingPage.clean checks the same when the
    page is saved, and the meeting-level fields), and that a case can only follow up a case of
    the same committee."""

    def clean(self):
        from .services import meeting_is_held

        cleaned_data = super().clean()
        items = self.formsets.get("agenda_items")
        if items is None:
            return cleaned_data
        items.errors  # noqa: B018 (validates the agenda items, so their cleaned_data is there)
        forms_kept = [
            form
            for form in items.forms
            if hasattr(form, "cleaned_data") and not items._should_delete_form(form)
        ]
        committee = getattr(self, "parent_page", None)
        for form in forms_kept:
            case = form.cleaned_data.get("follows_up")
            if case is not None and committee is not None and case.committee_id != committee.pk:
                form.add_error("follows_up", FOLLOWS_UP_OTHER_COMMITTEE)
        start = cleaned_data.get("start")
        if start is None or meeting_is_held(start=start):
            return cleaned_data
        for form in forms_kept:
            for name in ("minutes", "decision"):
                if has_text(form.cleaned_data.get(name)):
                    form.add_error(name, ITEM_MINUTES_BEFORE_HELD)
        return cleaned_data


class FollowUpFilterForm(forms.Form):
    committee = forms.TypedChoiceField(label=_("Committee"), required=False, coerce=int)
    state = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, committees, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [("", _("All committees"))] + [
            (committee.pk, committee.title) for committee in committees
        ]
        self.fields["state"].choices = [("", _("All"))] + list(states.items())


class FollowUpForm(forms.Form):
    """One decision's follow-up, from a row of the follow-up screen."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    owner = forms.CharField(label=_("Responsible"), max_length=200)
    due = forms.DateField(label=_("Due"), required=False, input_formats=["%Y-%m-%d"])
