"""Registrations (plain Django rows) and the outbox of e-mails about them.

The page types live in pages.py and are imported here so that Django finds them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samhandling.core.outbox import OutboxRow

# Re-exported: migrations name random_token_hash here, and the app's modules import from here.
from samhandling.core.tokens import hash_token, new_token, random_token_hash  # noqa: F401

from .pages import EventFormat, EventIndexPage, EventPage, EventSeriesPage

__all__ = [
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventSeriesPage",
    "Broadcast",
    "OutboxMessage",
    "Registration",
]


class RegistrationKind(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    PRESS = "press", _("Press")
    SPEAKER = "speaker", _("Speaker")


# Press and speakers wait for the secretariat's approval and do not take an organisation's places
# (anyone may tick them, so they cannot be a way round the quota).
APPROVAL_KINDS = (RegistrationKind.PRESS, RegistrationKind.SPEAKER)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    PENDING = "pending", _("Awaiting approval")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")
    REJECTED = "rejected", _("Not approved")


ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.PENDING,
)


# An erased participant's sign-up keeps its seat until the event (so counts hold), under an
# address that is unique per row and can never receive e-mail (RFC 2606 reserves `.invalid`).
ERASED_EMAIL_DOMAIN = "erased.invalid"
ERASED_NAME = "–"


class Registration(models.Model):
    # Registrations and e-mails are personal data, not content: Wagtail's "usage" view of an
    # event need not list them, and skipping the reference index keeps a sign-up's locked
    # transaction short (no index task written per row).
    wagtail_reference_index_ignore = True

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_registrations",
    )
    organisation_other = models.CharField(_("other organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=RegistrationKind.choices,
        default=RegistrationKind.PARTICIPANT,
    )
    dietary_needs = models.TextField(_("dietary needs"), max_length=1000, blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    consent = models.BooleanField(_("consent"), default=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )
    position = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True, editable=False
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, default=random_token_hash
    )
    language = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    # True when the participant chose the interface language (the language switch) before
    # signing up: then e-mails follow that choice rather than the municipality's written standard.
    language_chosen = models.BooleanField(_("language chosen"), default=False, editable=False)
    attended = models.BooleanField(_("attended"), default=False)
    attended_at = models.DateTimeField(
        _("attendance marked"), null=True, blank=True, editable=False
    )
    reminder_sent_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["confirmed", "waiting", "pending"]),
                name="registration_one_active_per_email",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.event_id})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_erased(self) -> bool:
        """The person asked to be erased: the row only keeps the seat counted."""
        return self.email.endswith("@" + ERASED_EMAIL_DOMAIN)

    @property
    def organisation_name(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name
        return self.organisation_other


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


BROADCAST_LANGUAGES = [("nn", _("Nynorsk")), ("nb", _("Bokmål"))]
OTHER_STANDARD = {"nn": "nb", "nb": "nn"}


class Broadcast(models.Model):
    """A message of the secretariat's own to every participant of an event or of a series. Each
    participant (e-mail address) gets it once, through the outbox."""

    wagtail_reference_index_ignore = True

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event or series"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    language = models.CharField(
        _("written in"), max_length=8, choices=BROADCAST_LANGUAGES, default="nn"
    )
    # The same message in the other written standard (optional): recipients whose e-mails are in
    # that standard (språklova § 15) get this text instead.
    other_subject = models.CharField(_("subject in the other standard"), max_length=200, blank=True)
    other_body = models.TextField(_("message in the other standard"), max_length=5000, blank=True)
    # From the form that was sent: sending the same form twice sends nothing more.
    key = models.UUIDField(unique=True, editable=False)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.subject

    def text_for(self, language: str) -> tuple[str, str]:
        """Subject and text for a recipient whose e-mails are in `language`."""
        if self.other_body and language == OTHER_STANDARD.get(self.language):
            return self.other_subject or self.subject, self.other_body
        return self.subject, self.body


class OutboxMessage(OutboxRow):
    """An e-mail about a registration. Written in the same transaction as the registration, sent
    by a task after commit; a failed message is tried again by `events_send_outbox`. Claimed while
    it is being sent, so that it is sent once (samhandling/core/outbox.py)."""

    wagtail_reference_index_ignore = True

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    kind = models.CharField(_("kind"), max_length=32)
    broadcast = models.ForeignKey(
        Broadcast,
        verbose_name=_("message to participants"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    to_email = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8, blank=True, editable=False)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    private_link = models.TextField(blank=True, editable=False)
    ics = models.TextField(_("calendar attachment"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED
    )
    # Not sent before this time: a notice of changes waits a little, so that a burst of saves
    # on the manage page gives one e-mail with the final details.
    send_after = models.DateTimeField(_("not before"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["created"]
        indexes = [models.Index(fields=["status", "created"])]
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "to_email"],
                condition=Q(broadcast__isnull=False),
                name="outbox_one_broadcast_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email} ({self.status})"
