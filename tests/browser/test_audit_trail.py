"""The audit trail in a real browser: the secretariat approves a press request, then finds it in
the site history filtered by type, with who did it and no name; looked at at 1280 and 320 px."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from samhandling.events.models import Registration
from samhandling.events.services import registration_create
from tests.events.factories import event
from tests.staff_login import sign_in_to_admin

from .axe import screenshot


def test_a_press_approval_is_read_in_the_site_history(fresh_demo, new_page):
    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    press = registration_create(
        event=event(), name="Per Presse", email="per@nordlys.example", consent=True, kind="press"
    ).registration
    registrations = ContentType.objects.get_for_model(Registration).pk
    for width in (1280, 320):
        admin = new_page(viewport={"width": width, "height": 900})
        admin.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": fresh_demo.hn + "/"}]
        )
        sign_in_to_admin(admin, fresh_demo.hn, user, "passord-123")
        if width == 1280:
            admin.goto(fresh_demo.hn + f"/admin/events/registration/{press.pk}/approve/")
            admin.get_by_role("button", name="Approve press request").click()
        admin.goto(fresh_demo.hn + f"/admin/reports/site-history/?object_type={registrations}")
        rows = admin.locator("#listing-results table tbody")
        expect(rows).to_contain_text(f"Påmelding #{press.pk}")
        expect(rows).to_contain_text("Registration: request approved: status")
        expect(rows).to_contain_text("sekretariat")
        expect(rows).not_to_contain_text("Per Presse")
        screenshot(admin, f"audit-site-history-{width}")
