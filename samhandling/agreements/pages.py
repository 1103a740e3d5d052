"""The agreement (samarbeidsavtale) and its numbered sub-agreements (delavtalar) are one page
type; the joint action plan (felles handlingsplan) is another."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from samhandling.core.pages import BasePage

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class AgreementPage(BasePage):
    number = models.PositiveSmallIntegerField(
        _("sub-agreement number"),
        null=True,
        blank=True,
        help_text=_("Empty for the main agreement; 1, 2, 3 … for its sub-agreements."),
    )
    official_title = models.CharField(
        _("official title"),
        max_length=255,
        blank=True,
        help_text=_("The full name of the agreement, shown as the heading. Empty: the title."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("official_title"),
        FieldPanel("number"),
        FieldPanel("lead"),
        FieldPanel("intro"),
        InlinePanel("milestones", heading=_("Revision plan"), label=_("Milestone")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("official_title"),
        index.SearchField("intro"),
    ]
    parent_page_types = ["core.HomePage", "core.StandardPage", "agreements.AgreementPage"]
    subpage_types = ["agreements.AgreementPage", "agreements.ActionPlanPage"]

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__isnull=True) | models.Q(number__gte=1),
                name="agreements_agreement_number_positive",
            ),
        ]

    def clean(self):
        super().clean()
        if self.number is None or not self.pk:
            return
        siblings = AgreementPage.objects.sibling_of(self, inclusive=False).filter(
            number=self.number
        )
        if siblings.exists():
            raise ValidationError(
                {"number": _("Another sub-agreement here already has this number.")}
            )

    @property
    def heading(self) -> str:
        return self.official_title or self.title

    def get_context(self, request, *args, **kwargs):
        from functools import cache, partial

        from django.utils.functional import SimpleLazyObject

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        # Read when the template shows them: not at all when the page's status is kept
        # (`{% kept_for_page %}`, core/templatetags/kept_tags.py).
        overview = cache(partial(selectors.agreement_overview, agreement=self, request=request))
        context.update(
            {
                name: SimpleLazyObject(partial(_part_of, overview, name))
                for name in selectors.OVERVIEW_PARTS
            }
        )
        return context


def _part_of(overview, name: str):
    return overview()[name]


class ActionPlanPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        InlinePanel("measures", heading=_("Measures"), label=_("Measure")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage", "core.StandardPage", "agreements.AgreementPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def get_context(self, request, *args, **kwargs):
        from .selectors import action_plan_progress

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = action_plan_progress(plan=self)
        return context
