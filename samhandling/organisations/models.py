"""Organisations (kommunar, hospital trusts, …) and the health communities they form."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    KOMMUNE = "kommune", _("Municipality")
    HELSEFORETAK = "helseforetak", _("Hospital trust")
    RHF = "rhf", _("Regional health authority")
    FASTLEGAR = "fastlegar", _("General practitioners")
    BRUKARORGANISASJON = "brukarorganisasjon", _("User organisation")
    OTHER = "other", _("Other")


class WrittenStandard(models.TextChoices):
    """The municipality's målvedtak (språklova § 13); letters to it follow it (§ 15)."""

    NYNORSK = "nynorsk", _("Nynorsk")
    BOKMAL = "bokmal", _("Bokmål")
    NEUTRAL = "noytral", _("Neutral")


# The interface language an e-mail to a municipality of that written standard is written in.
WRITTEN_STANDARD_LANGUAGES = {WrittenStandard.NYNORSK: "nn", WrittenStandard.BOKMAL: "nb"}

municipality_number_validator = RegexValidator(
    r"^\d{4}$", _("A municipality number has exactly four digits.")
)

# Brønnøysundregistera's weights for the modulus 11 check digit of an organisation number.
ORGANISATION_NUMBER_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_is_valid(number: str) -> bool:
    """True for nine digits whose last is the modulus 11 check digit of the first eight."""
    if len(number) != 9 or not number.isascii() or not number.isdigit():
        return False
    remainder = (
        sum(int(d) * w for d, w in zip(number, ORGANISATION_NUMBER_WEIGHTS, strict=False)) % 11
    )
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(number[8])


def validate_organisation_number(value: str) -> None:
    if not organisation_number_is_valid(value):
        raise ValidationError(
            _("An organisation number has nine digits, the last a check digit (e.g. 964982953).")
        )


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    sami_name = models.CharField(
        _("Sámi name"), max_length=200, blank=True, help_text=_("Where one is in official use.")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    municipality_number = models.CharField(
        _("municipality number"),
        max_length=4,
        null=True,
        blank=True,
        validators=[municipality_number_validator],
        help_text=_("Four digits, for municipalities only (e.g. 1506 for Molde)."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_organisation_number],
        help_text=_(
            "Nine digits from Brønnøysundregistera (organisasjonsnummer). Ansattporten tells "
            "which organisation numbers a person may act for."
        ),
    )
    written_standard = models.CharField(
        _("written standard"),
        max_length=16,
        choices=WrittenStandard.choices,
        blank=True,
        help_text=_(
            "The municipality's chosen written standard (målvedtak); e-mails to its people follow "
            "it. Loaded from Språkrådet's list; a value changed here is kept when the reference "
            "data is loaded again. Empty: not recorded."
        ),
    )
    written_standard_reference = models.CharField(
        _("written standard in the reference data"),
        max_length=16,
        choices=WrittenStandard.choices,
        blank=True,
        editable=False,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    reference_key = models.SlugField(
        _("reference key"),
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Set for organisations loaded from reference data."),
    )
    source = models.CharField(_("source"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("sami_name"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("municipality_number"),
                FieldPanel("county"),
                FieldPanel("written_standard"),
            ],
            heading=_("Municipality"),
        ),
        FieldPanel("organisation_number"),
        FieldPanel("parent"),
        FieldPanel("website"),
        FieldPanel("email"),
        FieldPanel("is_active"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("sami_name"),
        index.SearchField("municipality_number"),
        index.SearchField("organisation_number"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_number"],
                condition=Q(municipality_number__isnull=False),
                name="organisation_unique_municipality_number",
            ),
            models.CheckConstraint(
                condition=Q(kind="kommune", municipality_number__isnull=False)
                | (~Q(kind="kommune") & Q(municipality_number__isnull=True)),
                name="organisation_municipality_number_iff_kommune",
                violation_error_message=_(
                    "Municipalities need a municipality number; other organisations have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The one name shown everywhere (form, quota board, lists, exports): the Norwegian name
        with the official Sámi name beside it, e.g. "Kåfjord – Gáivuotna"."""
        return display_name(self.name, self.sami_name)

    @property
    def email_language(self) -> str:
        """The language of e-mails to this organisation's people under språklova § 15: "nn"
        or "nb" for a municipality that has chosen nynorsk or bokmål, "" when it is neutral,
        not recorded, or not a municipality (then the participant's language is used)."""
        if self.kind != OrganisationKind.KOMMUNE:
            return ""
        return WRITTEN_STANDARD_LANGUAGES.get(self.written_standard, "")


def display_name(name: str, sami_name: str = "") -> str:
    """An organisation's display name from its parts (for rows read with .values())."""
    return f"{name} – {sami_name}" if sami_name else name


class HealthCommunity(models.Model):
    """A helsefellesskap: one per Wagtail site."""

    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="health_community",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    default_language = models.CharField(
        _("default language"),
        max_length=8,
        choices=[("nn", "Nynorsk"), ("nb", "Bokmål"), ("en", "English")],
        default="nn",
    )
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_text = models.CharField(
        _("contact text"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the footer, e.g. 'Felles samarbeidssekretariat'."),
    )
    logo = models.ForeignKey(
        "core.SiteImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="owned_communities",
    )
    members = models.ManyToManyField(
        Organisation,
        verbose_name=_("member organisations"),
        related_name="health_communities",
        blank=True,
    )
    secretariat_group = models.OneToOneField(
        "auth.Group",
        verbose_name=_("secretariat group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secretariat_of",
        help_text=_(
            "The users of this group are the community's secretariat: they see and change its "
            "sign-ups, responses, contacts and exports, and no other community's."
        ),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("default_language"),
        FieldPanel("logo"),
        FieldPanel("owner"),
        FieldPanel("members"),
        MultiFieldPanel(
            [FieldPanel("contact_text"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        FieldPanel("accessibility_statement"),
    ]

    class Meta:
        verbose_name = _("health community")
        verbose_name_plural = _("health communities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
