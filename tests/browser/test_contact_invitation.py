"""The invitation to be a contact person, in a browser: a visitor sees the organisation and a
login button; a logged-in person presses "Ta imot" and lands on "Min organisasjon" with the
role bound. Zero axe violations at 1280 and 320 px, and no sideways scrolling at 320 px."""

from django.contrib.auth import get_user_model
from django.test import Client

from samhandling.contacts.demo import DEMO_INVITATION_TOKEN
from samhandling.contacts.selectors import is_contact_of
from samhandling.organisations.models import Organisation

from .axe import check_accessibility
from .conftest import MR_HOST

PATH = f"/kontaktperson/invitasjon/{DEMO_INVITATION_TOKEN}/"


def _session_cookie(user, url: str) -> dict:
    client = Client(HTTP_HOST=MR_HOST)
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def test_a_visitor_sees_the_invitation_and_a_contact_accepts_it(fresh_demo, new_page):
    for width in (1280, 320):
        visitor = new_page(viewport={"width": width, "height": 900})
        visitor.goto(fresh_demo.mr + PATH)
        assert "Kristiansund" in visitor.locator("main").inner_text()
        login = visitor.get_by_role("link", name="Logg inn for å ta imot")
        assert login.get_attribute("href").startswith("/innlogging/?next=")
        assert visitor.evaluate("document.documentElement.scrollWidth") <= width
        check_accessibility(visitor, f"contact-invitation-visitor-{width}")

    user = get_user_model().objects.create_user("ny-kontakt", "ny@example.org", "pw")
    person = new_page(viewport={"width": 320, "height": 900})
    person.context.add_cookies([_session_cookie(user, fresh_demo.mr + "/")])
    person.goto(fresh_demo.mr + PATH)
    check_accessibility(person, "contact-invitation-logged-in-320")
    person.get_by_role("button", name="Ta imot").click()
    kristiansund = Organisation.objects.get(municipality_number="1505")
    # On to Min organisasjon, which opens the one organisation the person is a contact of.
    assert person.url.endswith(f"/min-organisasjon/{kristiansund.pk}/")
    check_accessibility(person, "contact-invitation-accepted-320")
    assert is_contact_of(user=user, organisation=kristiansund)
