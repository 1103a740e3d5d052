"""The secretariat's forms: the hearing page's period check, and the board's forms (an extended
deadline, a reminder, withholding and blanking, the summaries)."""

import calendar
import datetime as dt
import uuid

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from samhandling.organisations.models import Organisation


def months_after(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_is_short(*, opens_on: dt.date, deadline: dt.date) -> bool:
    """Under the norm of three months."""
    return deadline < months_after(opens_on, 3)


def period_is_too_short(*, opens_on: dt.date, deadline: dt.date) -> bool:
    """Under six weeks: allowed only in special cases that are explained."""
    from .pages import MINIMUM_WEEKS

    return deadline - opens_on < dt.timedelta(weeks=MINIMUM_WEEKS)


def period_warning(*, opens_on: dt.date, deadline: dt.date) -> str:
    """The warning the editor sees after saving a hearing with a period under three months."""
    if not (opens_on and deadline) or not period_is_short(opens_on=opens_on, deadline=deadline):
        return ""
    weeks = (deadline - opens_on).days // 7
    return gettext(
        "The hearing period is %(weeks)s weeks. The norm is three months, and never less than "
        "six weeks; a shorter period must be explained."
    ) % {"weeks": weeks}


class HearingPageForm(WagtailAdminPageForm):
    """The hearing page's editor: a period under six weeks needs a reason, a deadline must come
    after the opening."""

    def clean(self):
        cleaned = super().clean()
        opens_on = cleaned.get("opens_on")
        deadline = cleaned.get("deadline")
        if opens_on and not deadline:
            from .pages import default_deadline

            deadline = default_deadline(opens_on)
            cleaned["deadline"] = deadline
        if not (opens_on and deadline):
            return cleaned
        if deadline <= opens_on:
            self.add_error("deadline", gettext("The deadline must be after the opening day."))
        elif (
            period_is_too_short(opens_on=opens_on, deadline=deadline)
            and not (cleaned.get("short_period_reason") or "").strip()
        ):
            self.add_error(
                "short_period_reason",
                gettext(
                    "The period is shorter than six weeks. That is allowed only in special "
                    "cases, and the reason must be given here."
                ),
            )
        return cleaned


class ExtensionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    deadline = forms.DateField(
        label=_("New deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        ).order_by("name")


class ReminderForm(forms.Form):
    """One press of the reminder button: the key makes a second send of this form a no-op."""

    key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class WithholdForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withholding"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BlankForm(forms.Form):
    part = forms.ChoiceField(label=_("Part to blank"), choices=())
    reason = forms.CharField(
        label=_("Reason for blanking"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(f"{part}:{target}", label) for part, target, label in parts]

    def part_and_target(self) -> tuple[str, str]:
        part, _sep, target = self.cleaned_data["part"].partition(":")
        return part, target


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class RegisterResponseForm(forms.Form):
    """A response received by letter or e-mail, typed in by the secretariat."""

    kind = forms.ChoiceField(label=_("Responds"), choices=())
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    organisation_name = forms.CharField(
        label=_("Organisation (not in the list)"), max_length=200, required=False
    )
    name = forms.CharField(label=_("Name of the sender"), max_length=200)
    role = forms.CharField(label=_("Role or title"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"))
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    no_comments = forms.BooleanField(label=_("No comments (ingen merknader)"), required=False)
    decision_reference = forms.CharField(label=_("Decided by"), max_length=300, required=False)
    decision_date = forms.DateField(
        label=_("Decision date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    general_answer = forms.CharField(
        label=_("General answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, hearing, **kwargs):
        from .choices import ResponderKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ResponderKind.choices
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)
        self.section_keys = []
        for section in hearing.draft_sections:
            name = f"section_{section.key}"
            self.fields[name] = forms.CharField(
                label=section.label,
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.section_keys.append((section.key, name))

    def section_answers(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(name, "") for key, name in self.section_keys}
