"""People and their memberships of committees. Memberships are records, not page content:
a member who leaves gets an end date and stays in the history."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.search import index

from .choices import MemberRole, Represents

TERM_ORDER_MESSAGE = _("The term cannot end before it starts. Check the end date.")


class Person(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Job title or position.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    show_email = models.BooleanField(
        _("show e-mail address publicly"),
        default=False,
        help_text=_("Only tick this when the person has agreed to it."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("show_email")]),
        InlinePanel("memberships", heading=_("Memberships"), label=_("Membership")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_email(self) -> str:
        return self.email if self.show_email else ""


class MembershipQuerySet(models.QuerySet):
    def current(self, *, on=None):
        day = on or timezone.localdate()
        return self.filter(term_start__lte=day).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=day)
        )

    def past(self, *, on=None):
        day = on or timezone.localdate()
        return self.filter(term_end__lt=day)


class Membership(models.Model):
    person = ParentalKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    committee = models.ForeignKey(
        "committees.CommitteePage",
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    represents = models.CharField(_("represents"), max_length=20, choices=Represents.choices)
    term_start = models.DateField(_("term start"), default=timezone.localdate)
    term_end = models.DateField(
        _("term end"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldPanel("committee"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("represents")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")]),
    ]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["term_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="committees_membership_term_end_after_start",
                violation_error_message=TERM_ORDER_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.committee}"

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": TERM_ORDER_MESSAGE})

    def is_current(self, *, on=None) -> bool:
        day = on or timezone.localdate()
        return self.term_start <= day and (self.term_end is None or self.term_end >= day)
