"""Page types every site has: the home page and the standard content page."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import ContentStreamBlock, LinkListBlock
from .upcoming import upcoming_items

_NO_RESTRICTIONS: list = []


def _no_restrictions(model):
    """`model.objects.none()`, made once per process (building it cost a tenth of a simple
    page): an empty queryset evaluates to nothing and chaining it makes a new one."""
    if not _NO_RESTRICTIONS:
        empty = model.objects.none()
        list(empty)  # evaluated (no query): iterating it again reads its empty result
        _NO_RESTRICTIONS.append(empty)
    return _NO_RESTRICTIONS[0]


class BasePage(Page):
    """Shared behaviour: a plain-text lead shown under the title and used as search summary."""

    lead = models.TextField(_("lead"), blank=True, max_length=600)

    search_fields = [*Page.search_fields, index.SearchField("lead")]

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        """A page read from the database (`Model.from_db` passes every column, the id first, by
        position) skips the constructors of modelcluster and Wagtail: they only act on child
        objects passed by name and on new pages (no id), yet modelcluster lists the model's
        fields on every instance, which cost more than Django's own constructor."""
        if args and not kwargs and args[0] is not None:
            models.Model.__init__(self, *args)
        else:
            super().__init__(*args, **kwargs)

    def get_view_restrictions(self):
        """Wagtail's, without its two queries when the structure cache knows that no view
        restriction can apply (checked on every page served)."""
        from wagtail.models import PageViewRestriction

        from .visibility import may_be_restricted

        if not may_be_restricted(self):
            return _no_restrictions(PageViewRestriction)
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        """Wagtail's, with the reversed address kept per language and path (core/page_urls.py)."""
        from .page_urls import url_parts

        return url_parts(self, request, super().get_url_parts)

    @property
    def content_language(self) -> str:
        from .locales import language_code

        return language_code(self.locale_id)


class HomePage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    shortcuts = StreamField(LinkListBlock(), blank=True, verbose_name=_("shortcuts"))
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("shortcuts"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from samhandling.news.selectors import teasers_without_images

        context = super().get_context(request, *args, **kwargs)
        # Read when the template shows them: not at all when the part is kept (kept_tags.py).
        context["latest_news"] = SimpleLazyObject(
            lambda: teasers_without_images(root=self, limit=3)
        )
        context["upcoming_items"] = upcoming_items(root=self, limit=5)
        return context


class StandardPage(BasePage):
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")

    def get_context(self, request, *args, **kwargs):
        from .visibility import public_live

        context = super().get_context(request, *args, **kwargs)
        # The pages below it that are in the menu, as cards (no query when it has none).
        children = public_live(self.get_children().in_menu()) if self.numchild else []
        context["subpages"] = list(children)
        return context
