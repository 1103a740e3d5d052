"""Event pages: an index per site, series of events, and the events themselves."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from samhandling.core.blocks import ContentStreamBlock, LinkListBlock
from samhandling.core.fragment_cache import kept_instance
from samhandling.core.pages import BasePage

from .blocks import ProgramStreamBlock


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")
    DIGITAL = "digital", _("Digital")


class EventIndexPage(BasePage):
    """Lists the events of a site; offers the site's calendar feed."""

    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    subpage_types = ["events.EventSeriesPage", "events.EventPage"]
    parent_page_types = ["core.HomePage", "core.StandardPage"]

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def get_context(self, request, *args, **kwargs):
        from .forms import EventFilterForm
        from .selectors import (
            event_places,
            events_filtered,
            listed_events_below,
            series_below,
            split_upcoming_and_past,
        )
        from .views import webcal_url

        context = super().get_context(request, *args, **kwargs)
        events = listed_events_below(root=self)
        series_pages = series_below(root=self)
        form = EventFilterForm(
            request.GET or None, series=series_pages, places=event_places(events=events)
        )
        filtered = False
        if form.is_bound and form.is_valid():
            chosen = form.cleaned_data["serie"]
            series = next((s for s in series_pages if str(s.pk) == chosen), None)
            place = form.cleaned_data["stad"]
            events = events_filtered(events, series=series, place=place)
            filtered = bool(series or place)
        upcoming, past = split_upcoming_and_past(events)
        context["upcoming_events"] = upcoming
        context["past_events"] = past
        context["filter_form"] = form
        context["filtered"] = filtered
        context["event_count"] = len(upcoming) + len(past)
        context["webcal_url"] = webcal_url(request)
        context["series_pages"] = series_pages
        return context

    def route(self, request, path_components):
        """/arrangementer/<event-slug>/ also reaches an event inside a series (a short address
        that keeps working when an event is moved into a series)."""
        if len(path_components) == 1:
            slug = path_components[0]
            if not self.get_children().filter(slug=slug).exists():
                event = EventPage.objects.descendant_of(self).live().filter(slug=slug).first()
                if event is not None:
                    return event.specific.route(request, [])
        return super().route(request, path_components)


class EventSeriesPage(BasePage):
    """Events that share rules, e.g. the autumn's dialogue conferences."""

    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))
    max_per_organisation = models.PositiveSmallIntegerField(
        _("places per organisation"),
        null=True,
        blank=True,
        help_text=_(
            "The most participants one organisation may sign up across all events of the "
            "series. Empty: no limit. Press are not counted."
        ),
    )
    one_event_per_organisation = models.BooleanField(
        _("one event per organisation"),
        default=False,
        help_text=_("Each organisation chooses one of the events of the series."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("max_per_organisation"), FieldPanel("one_event_per_organisation")],
            heading=_("Sign-up rules"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    subpage_types = ["events.EventPage"]
    parent_page_types = ["events.EventIndexPage"]

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def get_context(self, request, *args, **kwargs):
        from .selectors import listed_events_below, split_upcoming_and_past

        context = super().get_context(request, *args, **kwargs)
        upcoming, past = split_upcoming_and_past(listed_events_below(root=self))
        context["upcoming_events"] = upcoming
        context["past_events"] = past
        return context


class EventPage(BasePage):
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=200, blank=True)
    venue_city = models.CharField(_("town or city"), max_length=100, blank=True)
    format = models.CharField(
        _("format"), max_length=16, choices=EventFormat.choices, default=EventFormat.ON_SITE
    )
    streamed = models.BooleanField(_("streamed"), default=False)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    organiser_participants = models.TextField(
        _("participants from the organiser"),
        blank=True,
        max_length=1000,
        help_text=_("For example: the chief executive and the head of the coordination group."),
    )
    program = StreamField(ProgramStreamBlock(), blank=True, verbose_name=_("program"))
    program_may_change = models.BooleanField(_("the program may change"), default=False)
    program_note = models.CharField(
        _("note on changes"),
        max_length=255,
        blank=True,
        help_text=_("Empty: a standard sentence saying the program may change."),
    )
    related_links = StreamField(LinkListBlock(), blank=True, verbose_name=_("related links"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    registration_enabled = models.BooleanField(_("sign-up on this site"), default=True)
    signup_opens = models.DateTimeField(
        _("sign-up opens"), null=True, blank=True, help_text=_("Empty: as soon as published.")
    )
    signup_deadline = models.DateTimeField(
        _("sign-up deadline"), null=True, blank=True, help_text=_("Empty: until the start.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats in all. When they are taken, new sign-ups join a waiting list."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("venue_name"),
                FieldRowPanel([FieldPanel("venue_address"), FieldPanel("venue_city")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("streamed")]),
                FieldPanel("cancelled"),
            ],
            heading=_("Time and place"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_participants"),
                FieldRowPanel(
                    [
                        FieldPanel("contact_name"),
                        FieldPanel("contact_email"),
                        FieldPanel("contact_phone"),
                    ]
                ),
            ],
            heading=_("Organiser and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("program"),
                FieldPanel("program_may_change"),
                FieldPanel("program_note"),
            ],
            heading=_("Program"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("signup_opens"), FieldPanel("signup_deadline")]),
                FieldPanel("capacity"),
            ],
            heading=_("Sign-up"),
        ),
        FieldPanel("related_links"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.SearchField("venue_city"),
        index.FilterField("start"),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["events.EventSeriesPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.signup_deadline and self.start and self.signup_deadline > self.start:
            errors["signup_deadline"] = _("The sign-up deadline must be before the start.")
        if self.signup_opens and self.signup_deadline and self.signup_opens > self.signup_deadline:
            errors["signup_opens"] = _("Sign-up must open before the deadline.")
        if errors:
            raise ValidationError(errors)

    def series_path(self) -> str | None:
        """The tree path of the parent page (the series, if the event is in one); None for a page
        at the top of the tree."""
        if self.depth is None or self.depth <= 1:
            return None
        return self.path[: -self.steplen]

    def series_queryset(self):
        """The parent page if it is a series (a queryset of at most one), for one query."""
        path = self.series_path()
        if path is None:
            return EventSeriesPage.objects.none()
        return EventSeriesPage.objects.filter(path=path)

    @cached_property
    def series(self):
        """The series the event belongs to, or None: read once per process and structure version
        (`fragment_cache.kept_instance`; a page changes it by being published). Never change it:
        `locks.py` reads the series to write."""
        path = self.series_path()
        return None if path is None else kept_instance(EventSeriesPage, field="path", value=path)

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("series", None)
        super().refresh_from_db(*args, **kwargs)

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.venue_city, self.venue_name) if part)

    @property
    def venue(self) -> str:
        """Venue name, address and town, as far as they are given."""
        parts = (self.venue_name, self.venue_address, self.venue_city)
        return ", ".join(part for part in parts if part)

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import event_signup

            return event_signup(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import signup_context

        # The form itself is on the sign-up page (with its CSRF token): the event page shows the
        # seats and links there, and sets no cookie, so it can be cached.
        context = super().get_context(request, *args, **kwargs)
        context.update(signup_context(request, self, with_form=False))
        self._organiser_read()
        return context

    def _organiser_read(self) -> None:
        """`self.organiser` (the page shows it) read once per process and structure version
        (`fragment_cache.kept_instance`) rather than by the foreign key's descriptor."""
        field = EventPage._meta.get_field("organiser")
        if self.organiser_id is None or field.is_cached(self):
            return
        from samhandling.organisations.models import Organisation

        organiser = kept_instance(Organisation, value=self.organiser_id)
        if organiser is not None:
            field.set_cached_value(self, organiser)
