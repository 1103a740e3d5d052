"""Agenda items (saker) of a meeting, with case papers, minutes, decision and follow-up, and the
ledger of case numbers ("Sak 12/2023"): numbered per committee and year, never handed out twice."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from samhandling.core.blocks import DocumentLinkBlock

from .choices import FollowUpState, FollowUpStatus

TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
MINUTES_BEFORE_HELD = _("Minutes cannot be published before the meeting has been held.")
ITEM_MINUTES_BEFORE_HELD = _(
    "Minutes and decisions cannot be written before the meeting has been held."
)


def has_text(html: str | None) -> bool:
    """Whether rich text holds anything a reader would see (an empty editor leaves "<p></p>")."""
    return bool(html) and (bool(strip_tags(html).strip()) or "<embed" in html)


class AgendaItemNumber(models.Model):
    """One row per case number ever handed out. Rows outlive their agenda items, which is what
    keeps a deleted item's number from being given out again."""

    committee = models.ForeignKey(
        "committees.CommitteePage",
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="agenda_numbers",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    key = models.UUIDField(_("key"), unique=True, editable=False)
    meeting = models.ForeignKey(
        "committees.MeetingPage",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # "SSU 9/2023 Rapportering på avvik", kept up to date whenever the case's item is saved
    # (published), so that a list of cases needs no more queries.
    label = models.CharField(_("case"), max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("case number")
        verbose_name_plural = _("case numbers")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "number"],
                name="committees_agenda_number_unique_per_committee_year",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"{self.number}/{self.year}"


def follow_up_state(*, status: str, due, today=None) -> FollowUpState:
    """The one rule for the state a follow-up is shown with, on the meeting page, the committee's
    follow-up list and the secretariat's screen: done when recorded as done, overdue when open
    and past its due date (Europe/Oslo), else open."""
    if status == FollowUpStatus.DONE:
        return FollowUpState.DONE
    if due is not None and due < (today or timezone.localdate()):
        return FollowUpState.OVERDUE
    return FollowUpState.OPEN


def decided_cases():
    """Cases with a decision (for "the decision behind" a measure of an action plan)."""
    return {"key__in": AgendaItem.objects.exclude(decision="").values("key")}


def follow_up_cases():
    """What a later case may follow up: cases whose decision is marked for follow-up."""
    return {"key__in": AgendaItem.objects.filter(follow_up=True).values("key")}


class CaseNumberPanel(FieldPanel):
    """The case number as "12/2023", read-only."""

    class BoundPanel(FieldPanel.BoundPanel):
        @cached_property
        def value_from_instance(self):
            return self.instance.case_number or "–"


class AgendaItem(Orderable):
    meeting = ParentalKey(
        "committees.MeetingPage",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    # Filled in on save by services.agenda_item_number_assign; `key` identifies the item across
    # revisions (Wagtail re-creates child rows when a revision is published).
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    committee = models.ForeignKey(
        "committees.CommitteePage",
        verbose_name=_("committee"),
        null=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, editable=False)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)

    title = models.CharField(_("title"), max_length=255)
    description = RichTextField(
        _("case summary"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("What the case is about."),
    )
    papers = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name=_("case papers"),
        help_text=_("Shown to the public only when the committee's papers are public."),
    )
    minutes = RichTextField(_("minutes"), blank=True, features=TEXT_FEATURES)
    decision = RichTextField(_("decision"), blank=True, features=TEXT_FEATURES)

    follow_up = models.BooleanField(_("follow up the decision"), default=False)
    follow_up_owner = models.CharField(_("responsible for follow-up"), max_length=200, blank=True)
    follow_up_due = models.DateField(_("follow-up due date"), null=True, blank=True)
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=10,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.OPEN,
    )
    # A reference to the case's number, not to the item: items are re-created on publishing,
    # numbers are not.
    follows_up = models.ForeignKey(
        AgendaItemNumber,
        verbose_name=_("follows up case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_items",
        limit_choices_to=follow_up_cases,
        help_text=_(
            "An earlier decision of the committee, marked for follow-up, that this case reports on."
        ),
    )

    panels = [
        # Given when the meeting is saved, and never given to another case.
        CaseNumberPanel("number", read_only=True, heading=_("Case")),
        FieldPanel("title"),
        FieldPanel("follows_up"),
        FieldPanel("description"),
        FieldPanel("papers"),
        FieldPanel("minutes"),
        FieldPanel("decision"),
        MultiFieldPanel(
            [
                FieldPanel("follow_up"),
                FieldRowPanel([FieldPanel("follow_up_owner"), FieldPanel("follow_up_due")]),
                FieldPanel("follow_up_status"),
            ],
            heading=_("Follow-up"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "number"],
                name="committees_agenda_item_unique_number",
            ),
        ]

    def __str__(self) -> str:
        if self.case_number:
            return f"{self.case_number} {self.title}"
        return self.title

    @property
    def case_number(self) -> str:
        """ "12/2023", or empty before the item is saved."""
        if self.number is None or self.year is None:
            return ""
        return f"{self.number}/{self.year}"

    @property
    def has_minutes(self) -> bool:
        return has_text(self.minutes) or has_text(self.decision)

    @property
    def follow_up_state(self) -> FollowUpState | str:
        """Open, overdue or done (see `follow_up_state`); empty when not marked for follow-up."""
        if not self.follow_up:
            return ""
        return follow_up_state(status=self.follow_up_status, due=self.follow_up_due)

    @property
    def follow_up_state_label(self) -> str:
        state = self.follow_up_state
        return FollowUpState(state).label if state else ""

    @property
    def is_overdue(self) -> bool:
        return self.follow_up_state == FollowUpState.OVERDUE

    def clean(self):
        super().clean()
        if self.follows_up_id and self.follows_up.key == self.key:
            raise ValidationError({"follows_up": _("A case cannot follow up itself.")})
        if self.follow_up:
            errors = {}
            if not self.decision:
                errors["follow_up"] = _("Write the decision before marking it for follow-up.")
            if not self.follow_up_owner:
                errors["follow_up_owner"] = _("Say who is responsible for the follow-up.")
            if errors:
                raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from .services import agenda_item_number_assign, agenda_item_number_label

        agenda_item_number_assign(item=self)
        super().save(*args, **kwargs)
        agenda_item_number_label(item=self)
