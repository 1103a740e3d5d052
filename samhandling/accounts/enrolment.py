"""What the two enrolment pages share (the first one after the password, and a new phone in the
account settings): confirming an authenticator with the code posted, and the key shown for it."""

from django.conf import settings

from . import services


def enrolment_confirm(request, *, device, form) -> tuple[list[str] | None, int]:
    """Confirm `device` with the code posted in `form`: the new recovery codes, or None and the
    status to answer with (the form then carries the reason; 429 while codes are throttled)."""
    if request.method != "POST" or not form.is_valid():
        return None, 200
    try:
        codes = services.totp_enrolment_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
    except services.SecondFactorRefused as refused:
        form.add_error("code", refused.messages[0])
        return None, 429 if refused.retry_after else 200
    return codes, 200


def authenticator_key_context(request, *, device) -> dict:
    """The QR code and the key in text for the authenticator app, with the account it names."""
    return {
        "qr_svg": services.totp_qr_svg(device=device),
        "secret": services.totp_secret_text(device=device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "username": request.user.get_username(),
    }
