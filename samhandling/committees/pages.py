"""The committee structure is the page tree: a structure page ("Organisering"/"Utval") holds
committees, committees hold sub-committees and meetings."""

from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from samhandling.core.ids import DatabaseIdConverter  # noqa: F401 - registers <id:…>
from samhandling.core.pages import BasePage

from .agenda import ITEM_MINUTES_BEFORE_HELD, MINUTES_BEFORE_HELD
from .choices import CommitteeLevel, MeetingFormat
from .forms import MeetingPageForm

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HidesPagesBelowWhenUnpublished:
    """Wagtail serves a live page below an unpublished one. An unpublished committee (or
    committee structure) hides its meetings and sub-committees too: 404, as it does itself."""

    def route(self, request, path_components):
        if not self.live:
            raise Http404
        return super().route(request, path_components)


class CommitteeIndexPage(HidesPagesBelowWhenUnpublished, RoutablePageMixin, BasePage):
    """The committee structure of a health community, with a page per person."""

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["committees.CommitteePage"]

    class Meta:
        verbose_name = _("committee structure")
        verbose_name_plural = _("committee structures")

    def get_context(self, request, *args, with_tree=True, **kwargs):
        from .selectors import committee_tree

        context = super().get_context(request, *args, **kwargs)
        if with_tree:  # not for a person's page, which does not show it
            # Read when the template shows it: not at all when it is kept (kept_tags.py).
            context["tree"] = SimpleLazyObject(partial(committee_tree, root=self))
        return context

    def person_url(self, person, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("person", args=[person.pk])

    @path("person/<id:person_id>/", name="person")
    def person(self, request, person_id: int):
        from .selectors import person_in_structure, person_memberships

        person = person_in_structure(root=self, person_id=person_id)
        if person is None:
            raise Http404
        return self.render(
            request,
            with_tree=False,
            template="committees/person_page.html",
            context_overrides={
                "person": person,
                "memberships": person_memberships(person=person, root=self),
            },
        )


class CommitteePage(HidesPagesBelowWhenUnpublished, RoutablePageMixin, BasePage):
    level = models.CharField(_("level"), max_length=20, choices=CommitteeLevel.choices)
    short_name = models.CharField(
        _("short name"), max_length=30, blank=True, help_text=_("For example SSU, FSU or LSU.")
    )
    mandate = RichTextField(_("mandate"), blank=True, features=TEXT_FEATURES)
    contact = RichTextField(
        _("contact"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who to contact about the committee, e.g. the secretariat."),
    )
    papers_public = models.BooleanField(
        _("case papers are public"),
        default=True,
        help_text=_("Untick to show agendas and minutes without the case papers."),
    )
    # Off by default: members' addresses were given for contact, and nobody should start getting
    # e-mail because the platform was updated. The secretariat turns it on per committee.
    notify_members_of_minutes = models.BooleanField(
        _("e-mail members when minutes are published"),
        default=False,
        help_text=_(
            "Current members with an e-mail address get one e-mail with a link when the minutes "
            "of a meeting are published for the first time (not when they are corrected later)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("level")]),
        FieldPanel("lead"),
        FieldPanel("mandate"),
        FieldPanel("contact"),
        FieldPanel("papers_public"),
        FieldPanel("notify_members_of_minutes"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("short_name"),
        index.SearchField("mandate"),
        index.FilterField("level"),
    ]
    parent_page_types = ["committees.CommitteeIndexPage", "committees.CommitteePage"]
    subpage_types = ["committees.CommitteePage", "committees.MeetingPage"]

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def get_context(self, request, *args, with_overview=True, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        if not with_overview:  # the archive and follow-up pages show none of the overview
            return context
        context["structure"] = selectors.committee_structure_page(committee=self)
        groups, former = selectors.members_current_and_former(committee=self)
        context["member_groups"] = groups
        context["former_members"] = former
        upcoming, past = selectors.meetings_upcoming_and_past(committee=self)
        context["upcoming_meetings"] = upcoming
        context["past_meetings"] = past
        context["subcommittees"] = selectors.subcommittees(committee=self) if self.numchild else []
        url = self.get_url(request)
        context["follow_up_url"] = url + self.reverse_subpage("follow_up")
        context["meeting_years"] = selectors.years_of(meetings=past)
        context["calendar_url"] = url + self.reverse_subpage("calendar")
        return context

    def follow_up_url(self, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("follow_up")

    @path("kalender/", name="calendar")
    def calendar(self, request):
        from django.http import HttpResponse

        from .ics import committee_calendar
        from .selectors import meetings_all

        body = committee_calendar(
            committee=self, meetings=meetings_all(committee=self), request=request
        )
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")

    @path("arkiv/<int:year>/", name="archive")
    def archive(self, request, year: int):
        from django.http import Http404

        from .selectors import meeting_archive

        years, meetings = meeting_archive(committee=self, year=year)
        if year not in years:
            raise Http404
        return self.render(
            request,
            with_overview=False,
            template="committees/archive_page.html",
            context_overrides={
                "year": year,
                "years": years,
                "meetings": meetings,
            },
        )

    @path("oppfolging/", name="follow_up")
    def follow_up(self, request):
        from .selectors import follow_ups

        return self.render(
            request,
            with_overview=False,
            template="committees/follow_up_page.html",
            context_overrides={"follow_ups": follow_ups(committee=self)},
        )


class MeetingPage(RoutablePageMixin, BasePage):
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.ON_SITE
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Venue and room, or the video service.")
    )
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    minutes = RichTextField(
        _("minutes"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Attendance and general notes; minutes per case go with each agenda item."),
    )
    minutes_published = models.BooleanField(
        _("minutes are published"),
        default=False,
        help_text=_("Tick when the minutes are approved; until then only the agenda is shown."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("place")]),
                FieldPanel("theme"),
                FieldPanel("lead"),
            ],
            heading=_("Meeting"),
        ),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Agenda item")),
        MultiFieldPanel(
            [FieldPanel("minutes"), FieldPanel("minutes_published")], heading=_("Minutes")
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.FilterField("start"),
    ]
    parent_page_types = ["committees.CommitteePage"]
    subpage_types: list[str] = []
    base_form_class = MeetingPageForm
    # Case numbers belong to one meeting: a copied meeting starts with an empty agenda
    # and its minutes unpublished (publishing the copy must not announce minutes to members).
    exclude_fields_in_copy = ["agenda_items", "minutes_published"]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        from .services import meeting_is_held

        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The meeting cannot end before it starts.")
        if self.start and not meeting_is_held(start=self.start):
            if self.minutes_published:
                errors["minutes_published"] = MINUTES_BEFORE_HELD
            if any(item.has_minutes for item in self.agenda_items.all()):
                errors[NON_FIELD_ERRORS] = ITEM_MINUTES_BEFORE_HELD
        if errors:
            raise ValidationError(errors)

    @property
    def committee(self):
        return self.get_parent().specific

    def ics_url(self, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("ics")

    def get_context(self, request, *args, **kwargs):
        from .selectors import meeting_agenda_items, meeting_committee

        context = super().get_context(request, *args, **kwargs)
        # `self.committee` in one query (not the parent page, then its specific page), with the
        # columns the page shows of it.
        committee = meeting_committee(meeting=self)
        context["committee"] = committee
        context["agenda_items"] = meeting_agenda_items(meeting=self)
        context["show_papers"] = committee.papers_public
        context["show_minutes"] = self.minutes_published
        url = self.get_url(request)
        context["ics_url"] = url + self.reverse_subpage("ics")
        context["meeting_book_url"] = url + self.reverse_subpage("meeting_book")
        return context

    @path("motebok/", name="meeting_book")
    def meeting_book(self, request):
        from .meeting_book import meeting_book_pdf

        pdf = meeting_book_pdf(
            meeting=self,
            show_papers=self.committee.papers_public,
            show_minutes=self.minutes_published,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.slug}-motebok.pdf"'
        return response

    @path("ics/", name="ics")
    def ics(self, request):
        from .ics import meeting_calendar

        response = HttpResponse(
            meeting_calendar(meeting=self, request=request),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response
