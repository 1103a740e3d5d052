"""The lists a health community sends to ("Nyhendebrev", "Invitasjonar til dialogkonferansar")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MailingList(models.Model):
    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        on_delete=models.CASCADE,
        related_name="mailing_lists",
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # Ticked in the subscribe form unless the visitor unticks it.
    chosen_by_default = models.BooleanField(_("chosen by default"), default=True)
    # Shown in the public subscribe form; a closed list is only sent to by the secretariat.
    public = models.BooleanField(_("open for subscription"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        ordering = ["community", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "slug"], name="newsletters_one_list_slug_per_community"
            )
        ]

    def __str__(self) -> str:
        return self.name
