"""The second factor of a staff login: a TOTP device (an authenticator app) confirmed with a code,
ten one-time recovery codes, and the check of a code at login. django-otp keeps the devices and
throttles wrong codes per device (each failure doubles the wait before the next try)."""

from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
# At or below this many unused recovery codes the dashboard asks for a new set.
RECOVERY_CODES_LOW = 2


class SecondFactorRefused(ValidationError):
    """A wrong code, or too many wrong codes in a row (then `retry_after` is in seconds)."""

    def __init__(self, message: str, *, retry_after: int | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class VerifiedFactor:
    device: object
    recovery_codes_left: int | None  # set when a recovery code was used


def totp_device_confirmed(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def totp_device_for_enrolment(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator (a new secret the first time; the same one when the
    enrolment page is opened again, so a half-done enrolment can be finished)."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_text(*, device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(*, device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code (qrcode, no image library)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _throttled(device) -> int | None:
    """Seconds until `device` takes a code again, or None when it takes one now."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    until: datetime | None = (data or {}).get("locked_until")
    return max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 60


def _refuse_throttled(seconds: int):
    raise SecondFactorRefused(
        ngettext(
            "Too many wrong codes. Wait %(seconds)s second and try again.",
            "Too many wrong codes. Wait %(seconds)s seconds and try again.",
            seconds,
        )
        % {"seconds": seconds},
        retry_after=seconds,
    )


def totp_enrolment_confirm(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirms the authenticator with a code from it and gives the user new recovery codes
    (returned once, to be shown once). Raises SecondFactorRefused on a wrong code."""
    if (seconds := _throttled(device)) is not None:
        _refuse_throttled(seconds)
    if verify_token(user, device.persistent_id, _normalised(code)) is None:
        raise SecondFactorRefused(_("The code is wrong or too old. Try the newest code."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        codes = recovery_codes_replace(user=user)
    return codes


def recovery_codes_replace(*, user) -> list[str]:
    """New one-time recovery codes for the user; the old ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return [f"{c[:4]}-{c[4:]}" for c in codes]


def recovery_codes_left(*, user) -> int:
    """How many of the user's recovery codes are still unused."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_codes_running_low(*, user) -> bool:
    """True for a user with an authenticator and at most RECOVERY_CODES_LOW unused recovery codes
    (then a lost phone would soon lock them out)."""
    if totp_device_confirmed(user=user) is None:
        return False
    return recovery_codes_left(user=user) <= RECOVERY_CODES_LOW


def authenticator_replacement_start(*, user, code: str) -> TOTPDevice:
    """The first step of replacing the authenticator (a new phone): a current code, from the app
    or a recovery code (then used up), and the user gets a new authenticator with a fresh secret.
    It stays unconfirmed, and the old one keeps working, until a code from the new app confirms
    it (`totp_enrolment_confirm`). Raises SecondFactorRefused on a wrong code."""
    second_factor_verify(user=user, code=code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def authenticator_replacement_device(*, user, device_id) -> TOTPDevice | None:
    """The new, still unconfirmed authenticator that `authenticator_replacement_start` made."""
    if not isinstance(device_id, int):
        return None
    return TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()


def device_after_change(*, user, previous):
    """The device a verified session stays verified by after the user's devices changed: the
    same one while it exists, else the kind that replaced it (new recovery codes, a new app)."""
    model = type(previous) if isinstance(previous, StaticDevice | TOTPDevice) else TOTPDevice
    if previous is not None and model.objects.filter(pk=previous.pk).exists():
        return previous
    return model.objects.devices_for_user(user, confirmed=True).first() or totp_device_confirmed(
        user=user
    )


def second_factor_verify(*, user, code: str) -> VerifiedFactor:
    """Checks a code from the authenticator (six digits) or a recovery code. Returns the device
    that took it; raises SecondFactorRefused when none did or while the device is throttled."""
    token = _normalised(code)
    is_totp = token.isdigit() and len(token) == 6
    model = TOTPDevice if is_totp else StaticDevice
    devices = list(model.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        if (seconds := _throttled(device)) is not None:
            _refuse_throttled(seconds)
    for device in devices:
        if verify_token(user, device.persistent_id, token) is not None:
            left = None if is_totp else StaticToken.objects.filter(device=device).count()
            return VerifiedFactor(device=device, recovery_codes_left=left)
    raise SecondFactorRefused(
        _("The code is wrong or too old. Try the newest code.")
        if is_totp
        else _("That is not one of your unused recovery codes.")
    )


def second_factor_reset(*, user) -> int:
    """Removes every device of the user (a lost phone): the next login enrols a new one, and
    sessions verified with an old device are no longer verified."""
    count = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        count += 1
    return count


def demo_totp_device_ensure(*, user, key_hex: str) -> TOTPDevice:
    """The demo admin's authenticator with a published, fixed secret (demo only)."""
    device = TOTPDevice.objects.filter(user=user, key=key_hex, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="demo", key=key_hex, confirmed=True)
    return device


def staff_login_unlock(*, username: str) -> int:
    """Forgets the failed logins of a username (from every client), ending its lockout."""
    from axes.utils import reset

    return reset(username=username)
