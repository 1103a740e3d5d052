"""Organisation contacts (kontaktpersonar): users who act for an organisation in the partnership.

A contact role binds one user to one organisation. It is granted by a community's secretariat
(directly or through an accepted invitation) or recognised at login when Ansattporten says the
person may act for the organisation's number. A revoked role is kept (who granted and revoked
it, and when) but grants nothing."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samhandling.core.outbox import OutboxRow


class ContactSource(models.TextChoices):
    SECRETARIAT = "secretariat", _("Granted by the secretariat")
    INVITATION = "invitation", _("Accepted an invitation")
    ANSATTPORTEN = "ansattporten", _("Recognised through Ansattporten")


class OrganisationContact(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="organisation_contacts",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    source = models.CharField(_("source"), max_length=16, choices=ContactSource.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("organisation contact")
        verbose_name_plural = _("organisation contacts")
        ordering = ["organisation__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="contact_one_active_role_per_user_and_organisation",
            )
        ]
        indexes = [models.Index(fields=["organisation", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ContactInvitation(models.Model):
    """An invitation by e-mail: its link leads to login and then binds the role. Only a hash of
    the link's secret is stored."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contact_invitations",
    )
    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        on_delete=models.CASCADE,
        related_name="contact_invitations",
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=8, default="nn")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact invitation")
        verbose_name_plural = _("contact invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"


class ContactMailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation to be a contact")
    REMINDER = "reminder", _("Reminder to the contacts")


class ContactMailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class ContactMail(OutboxRow):
    """An e-mail to a (future) contact, written in the transaction that caused it and sent by a
    task after commit, claimed so that it is sent once (samhandling/core/outbox.py). An
    invitation's link is kept apart from the text (`link`) and forgotten once sent, so the outbox
    holds no working link for longer than it must."""

    wagtail_reference_index_ignore = True

    kind = models.CharField(_("kind"), max_length=12, choices=ContactMailKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    community = models.ForeignKey(
        "organisations.HealthCommunity",
        verbose_name=_("health community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_email = models.EmailField(_("to"), max_length=254)
    language = models.CharField(_("language"), max_length=8, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.CharField(max_length=500, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ContactMailStatus.choices,
        default=ContactMailStatus.QUEUED,
    )

    class Meta:
        verbose_name = _("e-mail to a contact")
        verbose_name_plural = _("e-mails to contacts")
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
