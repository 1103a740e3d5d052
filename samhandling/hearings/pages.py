"""Hearings (høyringar) as pages: an index per site and a page per hearing.

A hearing page holds the draft as numbered sections (`sections`, see blocks.py), the draft as a
document, the period, the invited bodies (høyringsinstansar), the questions asked, how responses
and comments are published, and what became of it (outcome, decision). Its state (upcoming, open,
closed, being processed, decided) follows from the dates and the outcome: `HearingPage.state`."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from samhandling.core.pages import BasePage

from .admin_forms import HearingPageForm
from .blocks import DraftStreamBlock
from .choices import CommentModeration, HearingState, Outcome, Publication, QuestionChoice

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
DEFAULT_WEEKS = 8
MINIMUM_WEEKS = 6
NORM_MONTHS = 3


def default_deadline(opens_on: dt.date) -> dt.date:
    """Eight weeks after the opening day (seed 000's broad hearing)."""
    return opens_on + dt.timedelta(weeks=DEFAULT_WEEKS)


def end_of_day(day: dt.date) -> dt.datetime:
    """The last moment of `day` in the site's time zone: a deadline is kept until midnight."""
    start_next = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(start_next) - dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class DraftSection:
    number: int
    key: str
    heading: str
    text: object  # RichText

    @property
    def label(self) -> str:
        return f"{self.number}. {self.heading}"


class HearingIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["hearings.HearingPage"]

    class Meta:
        verbose_name = _("hearings index")
        verbose_name_plural = _("hearings indexes")

    def get_context(self, request, *args, **kwargs):
        from .filters import HearingFilterForm
        from .selectors import hearing_groups, hearing_years, hearings_below

        context = super().get_context(request, *args, **kwargs)
        hearings = hearings_below(root=self, listed=True)
        form = HearingFilterForm(request.GET or None, years=hearing_years(hearings))
        state, year = "", None
        if form.is_bound and form.is_valid():
            state, year = form.cleaned_data["status"], form.cleaned_data["ar"]
        context["filter_form"] = form
        context["filtered"] = bool(state or year)
        context["groups"] = hearing_groups(hearings=hearings, state=state, year=year)
        context["hearing_count"] = len(hearings)
        return context


class HearingPage(BasePage):
    asked = RichTextField(
        _("what is asked"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("What the bodies are asked to answer, and how."),
    )
    sections = StreamField(
        DraftStreamBlock(),
        blank=True,
        verbose_name=_("the draft, section by section"),
        help_text=_(
            "Responses and comments can point at a section. Keep a section when you edit its "
            "text, so that what was said about it stays with it."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("the draft as a document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_on = models.DateField(_("opens"), default=timezone.localdate)
    deadline = models.DateField(
        _("deadline"),
        blank=True,
        help_text=_(
            "Responses are taken until the end of this day. Empty: eight weeks after the "
            "opening. The norm is three months, and never less than six weeks without a reason."
        ),
    )
    short_period_reason = models.TextField(
        _("reason for a period under six weeks"),
        blank=True,
        max_length=1000,
        help_text=_("Required when the period is shorter than six weeks; shown on the page."),
    )
    publication = models.CharField(
        _("publish responses"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.AFTER_DEADLINE,
    )
    comment_moderation = models.CharField(
        _("comments on sections"),
        max_length=10,
        choices=CommentModeration.choices,
        default=CommentModeration.BEFORE,
    )
    invite_members = models.BooleanField(
        _("invite every member organisation"),
        default=True,
        help_text=_("Every member organisation of this health community is an invited body."),
    )
    invited_others = models.TextField(
        _("other invited bodies"),
        blank=True,
        max_length=5000,
        help_text=_("Bodies that are not in the organisation registry, one per line."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    agreement_version = models.ForeignKey(
        "agreements.AgreementVersion",
        verbose_name=_("agreement version on hearing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hearings",
    )
    previous_round = models.ForeignKey(
        "hearings.HearingPage",
        verbose_name=_("earlier round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_rounds",
        help_text=_("The hearing of the same document that this round follows."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    decision_case = models.ForeignKey(
        "committees.AgendaItem",
        verbose_name=_("decided in case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hearings_decided",
    )
    decision_version = models.ForeignKey(
        "agreements.AgreementVersion",
        verbose_name=_("decided as agreement version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hearings_decided",
    )
    decision_note = models.CharField(_("decision, in short"), max_length=400, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("asked"),
        FieldPanel("sections"),
        FieldPanel("document"),
        InlinePanel("questions", heading=_("Hearing questions"), label=_("Question")),
    ]
    period_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline")]),
                FieldPanel("short_period_reason"),
            ],
            heading=_("Period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("invite_members"),
                InlinePanel("invited", label=_("Invited organisation")),
                FieldPanel("invited_others"),
            ],
            heading=_("Invited bodies"),
        ),
        MultiFieldPanel(
            [FieldPanel("publication"), FieldPanel("comment_moderation")],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("agreement_version"),
                PageChooserPanel("previous_round", "hearings.HearingPage"),
            ],
            heading=_("What is on hearing"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("outcome"),
                FieldPanel("decision_case"),
                FieldPanel("decision_version"),
                FieldPanel("decision_note"),
            ],
            heading=_("Outcome"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(period_panels, heading=_("Hearing")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("asked"),
        index.SearchField("sections"),
        index.FilterField("opens_on"),
        index.FilterField("deadline"),
    ]
    parent_page_types = ["hearings.HearingIndexPage"]
    subpage_types: list[str] = []
    base_form_class = HearingPageForm

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def get_context(self, request, *args, **kwargs):
        from .selectors import hearing_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(hearing_page_context(hearing=self, request=request))
        return context

    def save(self, *args, **kwargs):
        if self.deadline is None and self.opens_on:
            self.deadline = default_deadline(self.opens_on)
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        if self.deadline is None and self.opens_on:
            self.deadline = default_deadline(self.opens_on)
        super().full_clean(*args, **kwargs)

    # --- the period ----------------------------------------------------------------------------

    @property
    def period_days(self) -> int:
        return (self.deadline - self.opens_on).days

    @property
    def closes_at(self) -> dt.datetime:
        """The last moment a response counts (end of the deadline day, Europe/Oslo)."""
        return end_of_day(self.deadline)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        local = timezone.localtime(now).date()
        return self.opens_on <= local and now <= self.closes_at

    def state_at(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.outcome == Outcome.DECIDED:
            return HearingState.DECIDED
        if self.outcome == Outcome.PROCESSING:
            return HearingState.PROCESSING
        if timezone.localtime(now).date() < self.opens_on:
            return HearingState.UPCOMING
        if now <= self.closes_at:
            return HearingState.OPEN
        return HearingState.CLOSED

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def days_left(self) -> int:
        """Whole days left to answer, counting today (0 once closed)."""
        today = timezone.localdate()
        return max((self.deadline - today).days + 1, 0) if self.deadline >= today else 0

    @property
    def responses_public(self) -> bool:
        """Whether confirmed responses may be shown to the public now."""
        if self.publication == Publication.AT_ONCE:
            return True
        return timezone.now() > self.closes_at

    @property
    def comments_enabled(self) -> bool:
        return self.comment_moderation != CommentModeration.OFF

    # --- the draft -----------------------------------------------------------------------------

    @cached_property
    def draft_sections(self) -> list[DraftSection]:
        return [
            DraftSection(
                number=number,
                key=str(block.id),
                heading=block.value["heading"],
                text=block.value["text"],
            )
            for number, block in enumerate(self.sections, start=1)
            if block.block_type == "section"
        ]

    def section(self, key: str) -> DraftSection | None:
        return next((s for s in self.draft_sections if s.key == key), None)

    # --- invited bodies ------------------------------------------------------------------------

    @property
    def invited_other_names(self) -> list[str]:
        return [line.strip() for line in self.invited_others.splitlines() if line.strip()]


class HearingQuestion(Orderable):
    """A structured question (høyringsspørsmål): agree / partly / disagree, with a reason."""

    hearing = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("explanation"), max_length=500, blank=True)

    panels = [FieldPanel("text"), FieldPanel("help_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("hearing question")
        verbose_name_plural = _("hearing questions")

    def __str__(self) -> str:
        return self.text

    @staticmethod
    def choices():
        return QuestionChoice.choices


class InvitedOrganisation(Orderable):
    """An organisation from the registry invited besides (or instead of) the members."""

    hearing = ParentalKey(HearingPage, on_delete=models.CASCADE, related_name="invited")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("invited organisation")
        verbose_name_plural = _("invited organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "organisation"], name="hearings_invited_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


def settings_confirm_hours() -> int:
    return getattr(settings, "HEARINGS_CONFIRM_LINK_HOURS", 72)
