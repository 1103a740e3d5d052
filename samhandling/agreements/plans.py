"""Rows of pages: the milestones of an agreement's revision plan and the measures (tiltak) of an
action plan. Their state (late, overdue) is computed against a given day, so tests can pin it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel
from wagtail.models import Orderable

from samhandling.committees.agenda import decided_cases

from .choices import OPEN_MEASURE_STATUSES, MeasureStatus, MilestoneState

FUTURE_DONE_MESSAGE = _("The done date cannot be in the future.")
OWNER_MISSING_MESSAGE = _("Choose the organisation or the committee that owns the measure.")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


class Milestone(Orderable):
    agreement = ParentalKey(
        "agreements.AgreementPage",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=255)
    due = models.DateField(_("due date"))
    done_on = models.DateField(
        _("done date"), null=True, blank=True, help_text=_("Empty: not done yet.")
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("due"), FieldPanel("done_on")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": FUTURE_DONE_MESSAGE})

    def state(self, *, today: datetime.date | None = None) -> str:
        if self.done_on:
            return MilestoneState.DONE
        if self.due < _today(today):
            return MilestoneState.LATE
        return MilestoneState.UPCOMING


class Measure(Orderable):
    plan = ParentalKey(
        "agreements.ActionPlanPage",
        verbose_name=_("action plan"),
        on_delete=models.CASCADE,
        related_name="measures",
    )
    title = models.CharField(_("title"), max_length=255)
    theme = models.CharField(
        _("theme or priority group"),
        max_length=200,
        blank=True,
        help_text=_("Measures with the same theme are listed together."),
    )
    description = models.TextField(_("description"), blank=True)
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_committee = models.ForeignKey(
        "committees.CommitteePage",
        verbose_name=_("owner (committee)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeasureStatus.choices,
        default=MeasureStatus.NOT_STARTED,
    )
    decision = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("decided in meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The committee meeting whose decision is behind the measure."),
    )
    decision_case = models.ForeignKey(
        "committees.AgendaItemNumber",
        verbose_name=_("decided in case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=decided_cases,
        help_text=_("The case whose decision is behind the measure, if it is in Samhandling."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("theme"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("owner_organisation"), FieldPanel("owner_committee")]),
        FieldRowPanel([FieldPanel("deadline"), FieldPanel("status")]),
        FieldRowPanel(
            [PageChooserPanel("decision", "committees.MeetingPage"), FieldPanel("decision_case")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.owner_organisation_id and not self.owner_committee_id:
            raise ValidationError({"owner_organisation": OWNER_MISSING_MESSAGE})

    @property
    def owner(self):
        return self.owner_committee or self.owner_organisation

    def is_overdue(self, *, today: datetime.date | None = None) -> bool:
        return (
            self.status in OPEN_MEASURE_STATUSES
            and self.deadline is not None
            and self.deadline < _today(today)
        )
