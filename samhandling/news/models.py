"""News: an index page per site and articles with lead, date, captioned image and related links."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from samhandling.core.blocks import ContentStreamBlock, LinkListBlock
from samhandling.core.pages import BasePage


class NewsIndexPage(RoutablePageMixin, BasePage):
    content_panels = [*Page.content_panels, FieldPanel("lead")]
    subpage_types = ["news.NewsArticlePage"]
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    page_size = 10

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .selectors import TeaserList

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(TeaserList(root=self), self.page_size)
        context["articles"] = paginator.get_page(request.GET.get("side"))
        return context

    @path("atom/", name="atom")
    def atom_feed(self, request):
        """The Atom feed of the news below this index (news/feeds.py)."""
        from .feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


class NewsArticlePage(BasePage):
    date = models.DateField(_("published date"), default=timezone.localdate)
    image = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for those who cannot see it. Empty: the image's own."),
    )
    image_caption = models.CharField(_("image caption"), max_length=255, blank=True)
    image_credit = models.CharField(
        _("image credit"), max_length=255, blank=True, help_text=_("Empty: the image's own credit.")
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))
    related_links = StreamField(LinkListBlock(), blank=True, verbose_name=_("related links"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("date"),
        MultiFieldPanel(
            [
                FieldPanel("image"),
                FieldPanel("image_alt_text"),
                FieldPanel("image_caption"),
                FieldPanel("image_credit"),
            ],
            heading=_("Image"),
        ),
        FieldPanel("body"),
        FieldPanel("related_links"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("image_caption"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    @property
    def alt_text(self) -> str:
        if self.image_alt_text:
            return self.image_alt_text
        return self.image.description if self.image else ""

    @property
    def credit(self) -> str:
        if self.image_credit:
            return self.image_credit
        return self.image.credit if self.image else ""
