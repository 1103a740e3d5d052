"""The hearings index and a hearing after its deadline, with published responses: the private
person's contact details are not on the page, a blanked part shows the secretariat's reason, and
both pages pass axe and reflow at 320 px."""

import datetime

import pytest
from playwright.sync_api import expect

from .axe import check_accessibility
from .test_responsive import NARROW, WIDE, assert_reflows

PRIVATE_CONTACT = ("ola.privat@example.org", "912 34 567", "Storgata 1")


@pytest.fixture(scope="module")
def closed_hearing(live_demo, django_db_blocker):
    """A hearing whose deadline has passed, with an official, a private and a withheld response
    (written into the module's shared demo; the module fixture puts the database back)."""
    from django.utils import timezone

    from samhandling.hearings.choices import RedactionPart
    from samhandling.hearings.responses import Redaction
    from samhandling.organisations.models import Organisation
    from tests.hearings.factories import confirmed_response, make_hearing

    with django_db_blocker.unblock():
        today = timezone.localdate()
        hearing = make_hearing(
            title="Høyring av utskrivingsrutinane",
            opens_on=today - datetime.timedelta(days=70),
            deadline=today - datetime.timedelta(days=10),
            questions=("Er de einige i modellen?",),
            invited_others="Pasient- og brukarombodet",
        )
        received = timezone.now() - datetime.timedelta(days=20)
        first, second = hearing.draft_sections[:2]
        molde = Organisation.objects.get(municipality_number="1506")
        official = confirmed_response(
            hearing,
            organisation=molde,
            general_answer="Molde kommune støttar utkastet.",
            section_texts={first.key: "Del 1 bør seie meir om fristar.", second.key: "Sladda."},
            decision_reference="Formannskapet, sak 23/45",
            received_at=received,
        )
        Redaction.objects.create(
            response=official,
            part=RedactionPart.SECTION,
            target=second.key,
            reason="Opplysningar om ein pasient",
        )
        confirmed_response(
            hearing,
            name="Ola Privat",
            email=PRIVATE_CONTACT[0],
            phone="+47 " + PRIVATE_CONTACT[1],
            address=PRIVATE_CONTACT[2] + ", 6400 Molde",
            general_answer="Eg saknar meir om heimetenestene.",
            received_at=received,
        )
        confirmed_response(
            hearing,
            name="Anna Attende",
            general_answer="Dette blir halde tilbake.",
            withheld=True,
            withheld_reason="Ærekrenkande innhald",
            received_at=received,
        )
        return {"url": hearing.url_path, "index": hearing.get_parent().url_path}


def site_path(url_path: str) -> str:
    """A page's address on its site from its url_path ("/home/hoyringar/x/" → "/hoyringar/x/")."""
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"


def test_the_index_and_a_closed_hearing_with_published_responses(
    live_demo, closed_hearing, new_page
):
    for viewport, suffix in ((WIDE, "1280"), (NARROW, "320")):
        page = new_page(viewport=viewport)
        response = page.goto(live_demo.mr + site_path(closed_hearing["index"]))
        assert response.status == 200
        closed = page.get_by_role("region", name="Lukka høyringar")
        expect(closed.get_by_role("link", name="Høyring av utskrivingsrutinane")).to_be_visible()
        if suffix == "320":
            assert_reflows(page)
        check_accessibility(page, f"hearing-index-{suffix}")

        response = page.goto(live_demo.mr + site_path(closed_hearing["url"]))
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Høyring av utskrivingsrutinane")
        responses = page.get_by_role("region", name="Høyringssvar")
        expect(responses).to_contain_text("Molde kommune støttar utkastet.")
        expect(responses).to_contain_text("Ola Privat")
        expect(responses).to_contain_text("Sladda av sekretariatet: Opplysningar om ein pasient")
        expect(responses).to_contain_text("Ærekrenkande innhald")
        expect(responses).not_to_contain_text("Dette blir halde tilbake.")
        html = page.content()
        for secret in PRIVATE_CONTACT:
            assert secret not in html
        # The section's anchor leads to the section, and what was said about it is under it.
        page.get_by_role("link", name="1. Del 1").first.click()
        section = page.locator("#del-1")
        expect(section).to_be_in_viewport()
        section.get_by_text("1 svar om denne delen").click()
        expect(section).to_contain_text("Del 1 bør seie meir om fristar.")
        if suffix == "320":
            assert_reflows(page)
        check_accessibility(page, f"hearing-{suffix}")
        page.close()
