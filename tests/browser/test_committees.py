"""A reader's way through the committee structure of Møre og Romsdal (seed 002): from the home
page to SSU, its members, the meeting of 20 September 2023 and its minutes, earlier minutes and
the open follow-ups."""

import re

from playwright.sync_api import expect

from .axe import check_accessibility


def test_from_home_page_to_ssu_its_members_meetings_minutes_and_follow_up(live_demo, page):
    page.goto(live_demo.mr + "/")
    page.get_by_role("navigation", name="Hovudmeny").get_by_role("link", name="Utval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utval")
    check_accessibility(page, "committee-structure")

    page.get_by_role("link", name=re.compile(r"^Strategisk samarbeidsutval")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategisk samarbeidsutval (SSU)")
    expect(page.get_by_role("heading", level=2, name="Medlemar", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Leiar", exact=True)).to_be_visible()
    check_accessibility(page, "committee-ssu")

    page.get_by_role("link", name="Ingrid Leirvåg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingrid Leirvåg")
    expect(page.locator("main")).to_contain_text("Strategisk samarbeidsutval")
    check_accessibility(page, "committee-person")
    page.go_back()

    page.get_by_role("link", name="Møte i SSU 20. september 2023").click()
    main = page.locator("main")
    expect(main).to_contain_text("Samhandling knytt til e-helse og teknologi")
    expect(main).to_contain_text("20. september 2023 kl. 10.00")
    expect(main).to_contain_text("Sak 11/2023")
    # Its minutes: the decision in case 11 and the follow-up it asks for, still open.
    expect(main).to_contain_text("SSU ber fagleg samarbeidsutval for e-helse kartleggje")
    expect(main).to_contain_text("Felles samarbeidssekretariat")
    check_accessibility(page, "meeting-2023-09-20")
    page.go_back()

    page.get_by_role("link", name="Møte i SSU 7. juni 2023").click()
    expect(page.locator("main")).to_contain_text("Vedtak")
    expect(page.locator("main")).to_contain_text("Rapportering på avvik i samhandlinga")
    check_accessibility(page, "meeting-minutes")
    page.go_back()

    page.get_by_role("link", name="Oppfølging av vedtak").click()
    follow_up = page.locator("main")
    expect(follow_up).to_contain_text("Rapportering på avvik i samhandlinga")
    expect(follow_up).to_contain_text("11/2023")  # the September decision, open
    expect(follow_up).to_contain_text("Leiarane av LSU")
    expect(follow_up).to_contain_text("Over fristen")
    check_accessibility(page, "follow-up")

    page.go_back()
    page.get_by_role("link", name="2023", exact=True).click()
    expect(page.locator("main")).to_contain_text("Møte i SSU 7. juni 2023")
    check_accessibility(page, "meeting-archive-2023")


def test_from_the_agreement_to_who_has_adopted_its_latest_version(live_demo, page):
    page.goto(live_demo.mr + "/")
    nav = page.get_by_role("navigation", name="Hovudmeny")
    nav.get_by_role("link", name="Samarbeidsavtalen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Samarbeidsavtale mellom")
    main = page.locator("main")
    expect(main).to_contain_text("Revidert utkast 2024")
    expect(main).to_contain_text("Under forhandling")
    expect(main).to_contain_text(re.compile(r"0 av 28 partar"))  # nobody adopts a draft
    expect(main).to_contain_text("Forseinka")
    check_accessibility(page, "agreement")

    # Delavtale 2 was revised ahead of the rest, and the parties are adopting it.
    page.get_by_role("link", name=re.compile(r"^Delavtale 2:")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Delavtale 2")
    main = page.locator("main")
    expect(main).to_contain_text("Tilrådd av SSU")
    expect(main).to_contain_text(re.compile(r"4 av 28 partar"))
    for municipality in ("Kristiansund", "Molde", "Volda", "Ålesund"):
        expect(main).to_contain_text(municipality)
    expect(main).to_contain_text("Har ikkje vedteke enno (24)")
    check_accessibility(page, "sub-agreement")

    page.goto(live_demo.mr + "/handlingsplan/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Over fristen")
    check_accessibility(page, "action-plan")


def test_the_secretariat_sees_decisions_to_follow_up_in_the_admin(live_demo, page):
    """Read only: the follow-up screen lists the demo's decisions, filters them, and labels each
    row's fields (saving a row is tested in tests/committees/test_follow_up_admin.py)."""
    from django.contrib.auth import get_user_model

    from tests.staff_login import sign_in_to_admin

    from .axe import screenshot

    user = get_user_model().objects.create_superuser("sekretariat", "s@example.org", "passord-123")
    page.context.add_cookies([{"name": "django_language", "value": "nn", "url": live_demo.mr}])
    sign_in_to_admin(page, live_demo.mr, user, "passord-123")

    page.goto(live_demo.mr + "/admin/committees/follow-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oppfølging av vedtak")
    table = page.get_by_role("table")
    expect(table).to_contain_text("9/2023 Rapportering på avvik i samhandlinga")
    expect(table).to_contain_text("7/2023 Felles handlingsplan for helsefellesskapet")
    expect(page.get_by_label("Ansvarleg for sak 9/2023")).to_have_value("Leiarane av LSU")
    expect(page.get_by_label("Frist for sak 9/2023")).to_have_value("2023-12-01")
    expect(page.get_by_label("Status for sak 9/2023")).to_have_value("open")
    screenshot(page, "admin-follow-up")

    page.get_by_label("Status", exact=True).select_option(label="Over fristen")
    page.get_by_role("button", name="Filtrer").click()
    expect(table).to_contain_text("9/2023")
    expect(table).not_to_contain_text("7/2023")
