"""A newsletter issue is a page: its web version lives on the site, in the language of the
section it is published in, and the same content is rendered as the e-mail (`newsletters.email`).
An issue is either written here (lead, sections, links to news, events and hearings of the site)
or points to an external PDF (the national newsletter from Helsedirektoratet) with a summary."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from samhandling.core.pages import BasePage


class IssueSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "ol", "ul"], required=False
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type=[
                "news.NewsArticlePage",
                "events.EventPage",
                "hearings.HearingPage",
            ]
        ),
        label=_("News, events and hearings"),
        default=[],
    )

    class Meta:
        icon = "doc-full"
        label = _("Section")


class IssueLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    url = blocks.URLBlock(label=_("Address"))
    summary = blocks.TextBlock(label=_("Summary"), required=False, max_length=1000)

    class Meta:
        icon = "link"
        label = _("External link")


class NewsletterIndexPage(BasePage):
    """The archive of a site's issues, with the subscribe form beside it."""

    content_panels = [*Page.content_panels, FieldPanel("lead")]
    subpage_types = ["newsletters.NewsletterIssuePage"]
    parent_page_types = ["core.HomePage", "core.StandardPage", "news.NewsIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter archive")
        verbose_name_plural = _("newsletter archives")


class NewsletterIssuePage(BasePage):
    date = models.DateField(_("issue date"), default=timezone.localdate)
    sections = StreamField(
        [("section", IssueSectionBlock()), ("link", IssueLinkBlock())],
        blank=True,
        verbose_name=_("sections"),
    )
    external_pdf_url = models.URLField(
        _("external newsletter (PDF)"),
        blank=True,
        help_text=_("For an issue published elsewhere, such as the national newsletter."),
    )
    external_pdf_title = models.CharField(
        _("title of the external newsletter"), max_length=200, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("lead"),
        FieldPanel("sections"),
        MultiFieldPanel(
            [FieldPanel("external_pdf_title"), FieldPanel("external_pdf_url")],
            heading=_("External newsletter"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("sections")]
    parent_page_types = ["newsletters.NewsletterIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def get_context(self, request, *args, **kwargs):
        from .content import issue_content

        context = super().get_context(request, *args, **kwargs)
        context["issue"] = issue_content(self)
        return context
