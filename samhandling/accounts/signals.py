"""Signals of the public (OpenID Connect) login, for other apps to act on without the login
knowing them (e.g. the contacts app binds an organisation role from Ansattporten's answer)."""

from django.dispatch import Signal

# Sent after a person logged in through an identity provider and the session was started.
# kwargs: request, user, provider (the provider's key in settings), claims (the validated ID
# token's claims), authorization_details (list of dicts from the token response or ID token;
# empty when the provider sent none).
external_login = Signal()

# Sent after the session of such a login ended (RP-initiated, front- or back-channel logout).
# kwargs: user, provider.
external_logout = Signal()
