"""Signing a test client in to the admin the whole way: password (force_login) and the second
factor, marked in the session as django-otp marks it (`django_otp.login`)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def pass_second_factor(client, user) -> TOTPDevice:
    """Marks the client's session verified by the user's authenticator (made if missing)."""
    device = confirmed_totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def admin_login(client, user):
    """force_login, then the second factor: what a member of staff has after signing in."""
    client.force_login(user)
    pass_second_factor(client, user)
    return client
