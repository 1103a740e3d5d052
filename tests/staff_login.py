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


def current_code(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now (RFC 6238, as django-otp computes it)."""
    from django_otp.oath import totp

    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:0{device.digits}d}"


def pass_second_factor_in_browser(page, base_url: str, user) -> None:
    """After the password in a real browser: the code page, a code from the user's authenticator
    (a new one each time, as a code from one app cannot be used twice in its 30 s), and on."""
    device = TOTPDevice.objects.create(user=user, name="browser", confirmed=True)
    page.goto(base_url + "/admin/second-factor/")
    page.locator("input[name=code]").fill(current_code(device))
    page.locator("main form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/**")


def sign_in_to_admin(page, base_url: str, user, password: str) -> None:
    """The whole admin sign-in in a real browser, as a member of staff does it: the password on
    Wagtail's login page (in whatever language it speaks), then a code from the authenticator."""
    page.goto(base_url + "/admin/login/")
    page.locator("input[name=username]").fill(user.get_username())
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    pass_second_factor_in_browser(page, base_url, user)
