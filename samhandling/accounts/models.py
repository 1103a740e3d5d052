"""Who logged in through which identity provider (OpenID Connect, accounts/oidc_*.py).

Only the provider's key and its pairwise subject are kept, never a national identity number
(`pid`) or another claim: the subject is what recognises the person the next time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalIdentity(models.Model):
    """A user as one identity provider knows them: the provider's key in OIDC_PROVIDERS and its
    pairwise `sub` (a different value for each client, so it tells no other service who it is)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    provider = models.CharField(_("identity provider"), max_length=64)
    subject = models.CharField(_("subject"), max_length=255)
    created = models.DateTimeField(auto_now_add=True)
    last_login = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="accounts_external_identity_unique"
            )
        ]

    def __str__(self):
        return f"{self.provider}:{self.subject[:12]}"


class ExternalSession(models.Model):
    """A Django session started by a provider's login, found again by the provider's session id
    `sid` (front- and back-channel logout) or subject. The ID token that RP-initiated logout
    sends as `id_token_hint` is not kept here: it carries the national identity number, so it
    waits encrypted in a cookie of the browser it belongs to (oidc_accounts.seal_id_token)."""

    session_key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_sessions"
    )
    provider = models.CharField(max_length=64)
    subject = models.CharField(max_length=255)
    sid = models.CharField(max_length=255, blank=True, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["provider", "subject"])]

    def __str__(self):
        return f"{self.provider}:{self.sid or self.subject[:12]}"
