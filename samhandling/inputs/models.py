"""Input (innspel) from events and open topics, the secretariat's themes and summaries.

Input is a plain Django row (not a page): sent by a participant from the private link of their
sign-up, or registered by the secretariat for a group at the conference. Themes are tags the
secretariat chooses; a summary is written per theme for an event, a whole series (seed 000: the
Tromsø and Bodø conferences together) or an open topic."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 10_000
DEFAULT_GROUPS = ["Gruppe 1", "Gruppe 2", "Gruppe 3", "Gruppe 4", "Gruppe 5"]


class Theme(models.Model):
    """A theme (tag) for input, kept per health community."""

    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="input_themes",
    )
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="inputs_theme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """An open topic that takes input outside an event."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="input_topics",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_open = models.BooleanField(_("open for input"), default=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class InputStatus(models.TextChoices):
    NEW = "new", _("New")
    USED = "used", _("Used in a plan or hearing")
    FOLLOW_UP = "follow_up", _("To be followed up")
    NOT_TAKEN = "not_taken", _("Not taken further")


class InputSource(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GROUP = "group", _("Group")


class Input(models.Model):
    wagtail_reference_index_ignore = True

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inputs",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inputs",
    )
    source = models.CharField(
        _("source"), max_length=16, choices=InputSource.choices, default=InputSource.GROUP
    )
    # A participant's input keeps its text when the person is erased: the link goes (SET_NULL).
    registration = models.ForeignKey(
        "events.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inputs",
    )
    group = models.CharField(_("group"), max_length=60, blank=True)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=InputStatus.choices, default=InputStatus.NEW
    )
    hearing = models.ForeignKey(
        "hearings.HearingPage",
        verbose_name=_("used in hearing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | Q(topic__isnull=False),
                name="inputs_input_event_or_topic",
            ),
        ]
        indexes = [models.Index(fields=["event", "published"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def source_label(self) -> str:
        """Who it is from, as the public and the report may see it: never a person's name."""
        if self.source == InputSource.GROUP and self.group:
            return self.group
        return str(_("A participant"))


class ThemeSummary(models.Model):
    """The secretariat's summary of the input on one theme, for an event, a series or a topic."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="summaries"
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    series = models.ForeignKey(
        "events.EventSeriesPage",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="summaries",
    )
    text = models.TextField(_("summary"), max_length=TEXT_MAX_LENGTH)
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("theme summary")
        verbose_name_plural = _("theme summaries")
        ordering = ["theme__order", "theme__name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(event__isnull=False, series__isnull=True, topic__isnull=True)
                    | Q(event__isnull=True, series__isnull=False, topic__isnull=True)
                    | Q(event__isnull=True, series__isnull=True, topic__isnull=False)
                ),
                name="inputs_summary_one_scope",
            ),
            models.UniqueConstraint(
                fields=["theme", "event"],
                condition=Q(event__isnull=False),
                name="inputs_summary_one_per_event_theme",
            ),
            models.UniqueConstraint(
                fields=["theme", "series"],
                condition=Q(series__isnull=False),
                name="inputs_summary_one_per_series_theme",
            ),
            models.UniqueConstraint(
                fields=["theme", "topic"],
                condition=Q(topic__isnull=False),
                name="inputs_summary_one_per_topic_theme",
            ),
        ]

    def __str__(self) -> str:
        return str(self.theme)
