"""Language of parts (WCAG 3.1.2): the interface speaks the visitor's language (`<html lang>`),
every piece of content keeps its own (the page body, page titles in menus, breadcrumbs and
listings, alt texts), and the language switch changes only the former."""

import re

from playwright.sync_api import expect

from .axe import check_accessibility

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
ARTICLE_TITLE = "Haustens nyheiter frå Helsefellesskapa"
IMAGE_ALT = "En gruppe mennesker som sitter rundt et bord med bærbare datamaskiner"
SIGNUP_PATH = "/arrangement/{pk}/pamelding/"
TROMSO = "/arrangementer/dialogkonferanser-ny-runde/dialogkonferanse-tromso/"

# The language a screen reader would use for an element: the nearest lang attribute.
LANGUAGE_OF = "(element) => element.closest('[lang]').getAttribute('lang')"


def language_button(page, name: str):
    return page.get_by_role("group", name=re.compile("^(Språk|Language)$")).get_by_role(
        "button", name=name
    )


def language_of(locator) -> str:
    return locator.evaluate(LANGUAGE_OF)


def choose_language(page, name: str) -> None:
    with page.expect_navigation():
        language_button(page, name).click()


def test_switch_to_bokmal_and_back_keeps_the_article_in_nynorsk(live_demo, page):
    page.goto(live_demo.mr + ARTICLE_PATH)
    html, main = page.locator("html"), page.get_by_role("main")
    skip_link = page.get_by_role("link", name="Hopp til hovudinnhaldet")
    expect(html).to_have_attribute("lang", "nn")
    expect(skip_link).to_have_count(1)
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "true")
    expect(language_button(page, "Bokmål")).to_have_attribute("aria-pressed", "false")
    # Interface and content in the same language: no lang attribute needed anywhere inside.
    expect(main.locator("[lang]")).to_have_count(0)

    choose_language(page, "Bokmål")
    expect(page).to_have_url(live_demo.mr + ARTICLE_PATH)
    expect(html).to_have_attribute("lang", "nb")
    expect(language_button(page, "Bokmål")).to_have_attribute("aria-pressed", "true")
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("link", name="Hopp til hovedinnholdet")).to_have_count(1)
    expect(page.get_by_role("search", name="Søk på nettstedet")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Laget med Samhandling")
    # The article is written in nynorsk and says so, whatever the interface language...
    article = main.get_by_role("article")
    expect(article).to_have_attribute("lang", "nn")
    expect(article.get_by_role("heading", level=1)).to_have_text(ARTICLE_TITLE)
    expect(article).to_contain_text("Helsedirektoratet gir ut nyhendebrev fire gongar årleg")
    # ...while the interface words inside it are marked as bokmål.
    assert language_of(main.get_by_role("heading", name="Se også")) == "nb"
    assert language_of(main.get_by_text("Publisert", exact=False)) == "nb"
    check_accessibility(page, "news-article-bokmal")

    # The choice holds on the next page.
    page.goto(live_demo.mr + "/")
    expect(html).to_have_attribute("lang", "nb")
    expect(page.get_by_role("region", name="Snarveier")).to_be_visible()

    choose_language(page, "Nynorsk")
    expect(html).to_have_attribute("lang", "nn")
    expect(language_button(page, "Nynorsk")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("link", name="Hopp til hovudinnhaldet")).to_have_count(1)
    expect(page.get_by_role("region", name="Snarvegar")).to_be_visible()


def test_english_interface_on_a_nynorsk_page_tags_each_part(live_demo, page):
    page.goto(live_demo.mr + ARTICLE_PATH)
    choose_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    main = page.get_by_role("main")
    # <main> is the interface's: no content language on it any more.
    expect(main).not_to_have_attribute("lang", re.compile("."))

    # Content: the heading, the body and the image's alt text are nynorsk.
    assert language_of(main.get_by_role("heading", level=1, name=ARTICLE_TITLE)) == "nn"
    assert language_of(main.get_by_text("Helsedirektoratet gir ut nyhendebrev")) == "nn"
    assert language_of(main.get_by_role("img", name=IMAGE_ALT)) == "nn"
    # Interface words: English.
    assert language_of(main.get_by_text("Published", exact=False)) == "en"
    assert language_of(main.get_by_role("heading", name="Related")) == "en"

    # Page titles in the menu and the breadcrumbs carry their own language, the chrome around
    # them the interface's.
    menu = page.get_by_role("navigation", name="Main menu")
    for link in menu.get_by_role("link").all():
        assert language_of(link) == "nn", link.inner_text()
    crumbs = page.get_by_role("navigation", name="You are here")
    expect(crumbs.get_by_role("link")).to_have_text(
        ["Helsefellesskap Møre og Romsdal", "Nyhende", ARTICLE_TITLE]
    )
    for link in crumbs.get_by_role("link").all():
        assert language_of(link) == "nn", link.inner_text()
    assert language_of(page.get_by_role("search", name="Search the site")) == "en"
    assert language_of(page.get_by_role("contentinfo")) == "en"
    check_accessibility(page, "news-article-english")

    # A listing: the news index's heading and each teaser are nynorsk, the pager English.
    page.goto(live_demo.mr + "/nyhende/")
    assert language_of(page.get_by_role("heading", level=1)) == "nn"
    assert language_of(page.get_by_role("link", name=ARTICLE_TITLE)) == "nn"
    check_accessibility(page, "news-index-english")

    # The committee structure: titles of the committees in nynorsk, headings in English.
    page.goto(live_demo.mr + "/utval/")
    tree = page.locator(".committee-tree")
    assert language_of(tree.get_by_role("link").first) == "nn"
    assert language_of(page.get_by_role("heading", name="Committees", exact=True)) == "en"
    check_accessibility(page, "committee-structure-english")


def test_nynorsk_interface_on_the_bokmal_sign_up_form(live_demo, page):
    from samhandling.events.models import EventPage

    event = EventPage.objects.get(slug="dialogkonferanse-tromso")
    page.goto(live_demo.hn + TROMSO)
    choose_language(page, "Nynorsk")
    expect(page.locator("html")).to_have_attribute("lang", "nn")
    main = page.get_by_role("main")
    # The event is bokmål: its title and lead say so; the facts' labels are nynorsk.
    assert language_of(main.get_by_role("heading", level=1)) == "nb"
    assert language_of(main.get_by_role("heading", name="Tid og stad")) == "nn"

    page.goto(live_demo.hn + SIGNUP_PATH.format(pk=event.pk))
    page.get_by_role("button", name="Meld deg på").click()
    expect(page).to_have_title(re.compile("^Feil: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Rett opp dette")
    # The form, its labels, its errors and its summary are the interface's (nynorsk)...
    assert language_of(summary) == "nn"
    assert language_of(page.get_by_label("Fullt namn")) == "nn"
    assert language_of(page.locator("label", has_text="Fullt namn")) == "nn"
    assert language_of(page.locator(".ds-validation-message").first) == "nn"
    assert language_of(page.get_by_role("button", name="Meld deg på")) == "nn"
    # ...while the event's title inside "Meld deg på …" is bokmål.
    heading = main.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Meld deg på {event.title}")
    assert language_of(heading) == "nn"
    assert language_of(heading.get_by_text(event.title)) == "nb"
    check_accessibility(page, "signup-errors-nynorsk-on-bokmal")
