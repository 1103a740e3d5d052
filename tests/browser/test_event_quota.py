"""The quota board in the admin: share bars per series and event with their figures in text,
filtered by kind of organisation; looked at at 1280 and 320 px."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from samhandling.events.models import EventSeriesPage
from tests.staff_login import sign_in_to_admin

from .axe import screenshot


def test_the_quota_board_draws_the_shares_and_filters_by_kind(fresh_demo, new_page):
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    series = EventSeriesPage.objects.get(slug="dialogkonferanser-ny-runde")
    for width in (1280, 320):
        admin = new_page(viewport={"width": width, "height": 900})
        admin.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": fresh_demo.hn + "/"}]
        )
        sign_in_to_admin(admin, fresh_demo.hn, user, "passord-123")
        admin.goto(fresh_demo.hn + f"/admin/events/series/{series.pk}/quota/")
        admin.get_by_label("Kind of organisation").select_option(label="Municipality")
        admin.get_by_role("button", name="Filter").click()
        shares = admin.locator(".quota-shares")
        expect(shares).to_contain_text("The whole series")
        expect(shares.locator(".share-bar__figures").first).to_have_text(
            re.compile(r"^\d+ of \d+ \(\d+%\)$")
        )
        assert admin.locator(".share-bar svg[aria-hidden=true]").count() >= 3
        fill = admin.locator(".share-bar__fill").first
        assert fill.evaluate("e => getComputedStyle(e).fill") != "rgb(0, 0, 0)"  # themed
        screenshot(admin, f"event-quota-board-{width}")
