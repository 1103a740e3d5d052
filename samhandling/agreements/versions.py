"""Versions of an agreement and each party's adoption of a version. They are records, not page
content: a version keeps its adoptions when the agreement page gets a new revision."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.forms import BaseChildFormSet
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField

from .choices import VersionStatus

TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]

DUPLICATE_LABEL_MESSAGE = _("The agreement already has a version with this label.")
DUPLICATE_ADOPTION_MESSAGE = _("This party has already adopted this version.")
FUTURE_ADOPTION_MESSAGE = _("The adoption date cannot be in the future.")
IN_FORCE_BEFORE_DATE_MESSAGE = _("A version cannot come into force before its own date.")


class AdoptionFormSet(BaseChildFormSet):
    """The adoptions of a version in the admin, saying plainly when a party comes twice."""

    def get_unique_error_message(self, unique_check):
        return str(DUPLICATE_ADOPTION_MESSAGE)

    def get_form_error(self):
        return str(DUPLICATE_ADOPTION_MESSAGE)


class AdoptionsPanel(InlinePanel):
    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["formset"] = AdoptionFormSet
        return options


class AgreementVersion(ClusterableModel):
    agreement = models.ForeignKey(
        "agreements.AgreementPage",
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    label = models.CharField(
        _("version"), max_length=100, help_text=_("For example “2019” or “Revised draft 2024”.")
    )
    dated = models.DateField(
        _("version date"), help_text=_("The date of this text. The newest version is shown first.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    text = RichTextField(_("text"), blank=True, features=TEXT_FEATURES)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("agreement", "agreements.AgreementPage"),
        FieldRowPanel([FieldPanel("label"), FieldPanel("dated")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("in_force_from")]),
        MultiFieldPanel([FieldPanel("text"), FieldPanel("document")], heading=_("Content")),
        AdoptionsPanel("adoptions", heading=_("Adopted by the parties"), label=_("Adoption")),
    ]

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["-dated", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "label"],
                name="agreements_version_unique_label",
                violation_error_message=DUPLICATE_LABEL_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True) | Q(in_force_from__gte=F("dated")),
                name="agreements_version_in_force_after_date",
                violation_error_message=IN_FORCE_BEFORE_DATE_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.title} – {self.label}"

    def clean(self):
        super().clean()
        if self.dated and self.in_force_from and self.in_force_from < self.dated:
            raise ValidationError({"in_force_from": IN_FORCE_BEFORE_DATE_MESSAGE})


class Adoption(models.Model):
    """A party's decision to adopt a version (vedtak i kommunestyret, styret i HF)."""

    version = ParentalKey(
        AgreementVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        related_name="agreement_adoptions",
    )
    adopted_on = models.DateField(_("date adopted"))
    body = models.CharField(
        _("adopted by"),
        max_length=200,
        blank=True,
        help_text=_("The body that made the decision, e.g. “kommunestyret” or “styret i HF”."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("body")]),
    ]

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                name="agreements_adoption_one_per_party",
                violation_error_message=DUPLICATE_ADOPTION_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.version}"

    def clean(self, *, today=None):
        super().clean()
        day = today or timezone.localdate()
        if self.adopted_on and self.adopted_on > day:
            raise ValidationError({"adopted_on": FUTURE_ADOPTION_MESSAGE})
