"""In a real browser: the admin refuses a login without the second factor. After the right
password alone, every admin address (the dashboard, the pages, the sign-ups, an export) leads
to the code page and shows none of the records; a wrong code does not open it either; only a
code from the authenticator does. The code page has no axe violations at 1280 and 320 px."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.staff_login import confirmed_totp_device, current_code

from .axe import check_accessibility

pytestmark = pytest.mark.browser

PASSWORD = "passord-456-andre-steg"
ADMIN_ADDRESSES = (
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/events/registration/",
    "/admin/hearings/",
    "/admin/personal-data/",
)


def _password_only(page, base: str, username: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "nn", "url": base + "/"}])
    page.goto(base + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize("width", [1280, 320])
def test_the_admin_refuses_a_login_without_the_second_factor(live_demo, new_page, width):
    from samhandling.events.models import Registration

    username = f"utan-kode-{width}"
    user = get_user_model().objects.create_superuser(username, f"{username}@x.org", PASSWORD)
    device = confirmed_totp_device(user)
    participant = Registration.objects.order_by("pk").first()
    page = new_page(viewport={"width": width, "height": 900})
    _password_only(page, live_demo.mr, username)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/"))
    check_accessibility(page, f"staff-second-factor-refused-{width}")

    for address in ADMIN_ADDRESSES:
        page.goto(live_demo.mr + address)
        expect(page).to_have_url(re.compile(r"/admin/(second-factor|login)/"))
        assert participant.email not in page.content()
        assert participant.name not in page.locator("body").inner_text()

    page.locator("input[name=code]").fill("000000")
    page.locator("main form.login-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/second-factor/"))
    page.goto(live_demo.mr + "/admin/snippets/events/registration/")
    expect(page).to_have_url(re.compile(r"/admin/second-factor/"))

    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    page.locator("input[name=code]").fill(current_code(device))
    page.locator("main form.login-form button[type=submit]").click()
    page.goto(live_demo.mr + "/admin/snippets/events/registration/")
    expect(page).to_have_url(re.compile(r"/admin/snippets/events/registration/"))
