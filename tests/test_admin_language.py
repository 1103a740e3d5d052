"""The admin speaks nynorsk and bokmål, not English.

An admin whose preferred admin language is nn, then nb, opens the main admin screens: the
dashboard, the page explorer, the page editor, the project's snippet listings, the registrations,
the quota board, the follow-up screen, images, documents, account settings and search. The text a
person sees or hears (text, placeholders, labels for screen readers, tooltips) must contain none of
a list of English words; script and style elements and icons are not looked at.

Under nn, strings without a nynorsk translation fall back to bokmål (samhandling/core/i18n.py);
the project's catalogue translates the main screens into nynorsk on top of that.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail.admin
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation.trans_real import CONTEXT_SEPARATOR
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.users.models import UserProfile

from samhandling.core.i18n import _CatalogueWithoutFallback
from samhandling.events.models import EventPage, EventSeriesPage, Registration
from samhandling.news.models import NewsArticlePage
from tests.conftest import MR_HOST

WAGTAIL_JS_CATALOGUE = (
    Path(wagtail.admin.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
)

# English a Norwegian admin must never see (whole words, case-sensitive). Words that are also
# Norwegian ("Status", "Filter" as a noun, "Tag", "Type") are not listed.
ENGLISH = [
    "Add",
    "Save draft",
    "Publish",
    "Unpublish",
    "Preview",
    "Search term",
    "Page 1 of",
    "Edit",
    "Delete",
    "Settings",
    "Dashboard",
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Help",
    "Cancel",
    "Sort",
    "Filters",
    "Apply",
    "Clear",
    "History",
    "Actions",
    "Title",
    "Updated",
    "Created",
    "Name",
    "Search",
    "Select",
    "Show",
    "Choose",
    "Upload",
    "Download",
    "View",
    "Copy",
    "Move",
    "More",
    "Next",
    "Previous",
    "Live",
    "Draft",
    "Account",
    "Profile",
    "Log out",
    "Language",
    "Password",
    "Notifications",
    "Users",
    "Groups",
    "Sites",
    "Collections",
    "Redirects",
    "Workflows",
    "Organisation",
    "Registrations",
    "Events",
    "Committees",
    "People",
    "Memberships",
    "Quota",
    "Follow-up",
    "results",
    "items",
    "of",
    "the",
    "and",
    "your",
    "this",
    "with",
]
ENGLISH_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH) + r")(?![\w-])"
)

SKIPPED_ELEMENTS = {"script", "style", "svg", "template", "textarea", "noscript"}
VISIBLE_ATTRIBUTES = ("placeholder", "aria-label", "title", "alt", "aria-description")
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


class VisibleText(HTMLParser):
    """The text of a page as a person meets it: text nodes outside script, style, templates and
    SVG icons, and the attributes that are shown or read out (placeholder, labels, tooltips)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []  # stack of open skipped elements
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            if tag == self.skipping[-1] and tag not in VOID_ELEMENTS:
                self.skipping.append(tag)
            return
        if tag in SKIPPED_ELEMENTS:
            self.skipping.append(tag)
            return
        attributes = dict(attrs)
        for name in VISIBLE_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


# The main menu and the strings of Wagtail's scripts reach the page as JSON, which the scripts
# render: the menu's labels, and every string in the admin's configuration.
JSON_SCRIPT = r'<script id="{}" type="application/json">(.*?)</script>'
SIDEBAR_JSON = re.compile(JSON_SCRIPT.format("wagtail-sidebar-props"), re.S)
CONFIG_JSON = re.compile(JSON_SCRIPT.format("wagtail-config"), re.S)
MENU_KEYS = {"label", "footer_text"}


def strings_in(data, keys: set[str] | None = None) -> list[str]:
    """The strings of a JSON value; with keys, only those under one of these keys."""
    if isinstance(data, dict):
        found = []
        for key, value in data.items():
            if keys is None or key not in keys:
                found += strings_in(value, keys)
            elif isinstance(value, str) and value:
                found.append(value)
        return found
    if isinstance(data, list):
        return [text for item in data for text in strings_in(item, keys)]
    return [data] if isinstance(data, str) and keys is None else []


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    texts = parser.texts
    if sidebar := SIDEBAR_JSON.search(html):
        texts += strings_in(json.loads(sidebar.group(1)), MENU_KEYS)
    if config := CONFIG_JSON.search(html):
        texts += strings_in(json.loads(config.group(1)).get("STRINGS", {}))
    return texts


def english_in(texts: list[str], user_data: set[str]) -> list[str]:
    """The texts that contain an English word, leaving out the demo content shown on the screen
    (titles, names), which is whatever the secretariat wrote."""
    found = []
    for text in texts:
        if text in user_data:
            continue
        words = ENGLISH_PATTERN.findall(text)
        if words:
            found.append(f"{text!r} ({', '.join(sorted(set(words)))})")
    return found


def main_screens(demo) -> dict[str, str]:
    """The main admin screens of the demo, by a short name."""
    home = demo[MR_HOST].root_page
    article = NewsArticlePage.objects.get(slug="haustens-nyheiter-fra-helsefellesskapa")
    series = EventSeriesPage.objects.order_by("pk").first()
    event = EventPage.objects.order_by("pk").first()
    image = get_image_model().objects.order_by("pk").first()
    document = get_document_model().objects.order_by("pk").first()
    registration = Registration.objects.order_by("pk").first()
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "page explorer": reverse("wagtailadmin_explore", args=[home.pk]),
        "page editor": reverse("wagtailadmin_pages:edit", args=[article.pk]),
        "event page editor": reverse("wagtailadmin_pages:edit", args=[event.pk]),
        "page history": reverse("wagtailadmin_pages:history", args=[article.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=m%C3%B8te",
        "organisations": reverse("wagtailsnippets_organisations_organisation:list"),
        "organisation add": reverse("wagtailsnippets_organisations_organisation:add"),
        "health communities": reverse("wagtailsnippets_organisations_healthcommunity:list"),
        "people": reverse("wagtailsnippets_committees_person:list"),
        "memberships": reverse("wagtailsnippets_committees_membership:list"),
        "agreement versions": reverse("wagtailsnippets_agreements_agreementversion:list"),
        "registrations": reverse("wagtailsnippets_events_registration:list"),
        "registration edit": reverse(
            "wagtailsnippets_events_registration:edit", args=[registration.pk]
        ),
        "outgoing e-mails": reverse("wagtailsnippets_events_outboxmessage:list"),
        "quota board": reverse("events_series_quota", args=[series.pk]),
        "check-in": reverse("events_event_checkin", args=[event.pk]),
        "follow-up": reverse("committees_follow_up"),
        "images": reverse("wagtailimages:index"),
        "image edit": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "document edit": reverse("wagtaildocs:edit", args=[document.pk]),
        "account": reverse("wagtailadmin_account"),
        "users": reverse("wagtailusers_users:index"),
    }


def user_data() -> set[str]:
    """Texts of the demo content that may appear on the screens as they are."""
    data = set()
    for page in Page.objects.all():
        data.update({page.title, page.get_admin_display_title()})
    data.update(get_document_model().objects.values_list("title", flat=True))
    data.update(get_image_model().objects.values_list("title", flat=True))
    return data


@pytest.fixture
def admin_in(admin_client):
    """The admin client, with the user's preferred admin language (account settings) set."""

    def choose(language: str):
        profile = UserProfile.get_for_user(admin_client.user)
        profile.preferred_language = language
        profile.save()
        return admin_client

    return choose


# --- The main screens -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nn", "nb"])
def test_the_main_admin_screens_have_no_english(admin_in, demo, language):
    client = admin_in(language)
    screens = main_screens(demo)
    data = user_data()
    problems = []
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, f"{name} is not in {language}"
        problems += [f"{name}: {text}" for text in english_in(visible_texts(html), data)]
    assert len(screens) == 24
    assert not problems, (
        f"English on the {len(screens)} admin screens under {language}:\n  " + "\n  ".join(problems)
    )


@pytest.mark.django_db
def test_the_check_finds_english_where_there_is_some(admin_in, demo):
    """Under English the same check finds the English words: it is not blind."""
    html = admin_in("en").get(reverse("wagtailadmin_home")).content.decode()
    found = " ".join(english_in(visible_texts(html), user_data()))
    for word in ("Dashboard", "Pages", "Images", "Documents", "Settings", "Search term"):
        assert f"({word}" in found or f", {word}" in found, word


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading", "editor_button", "menu_item"),
    [
        ("nn", "Organisasjon", "Lagre utkast", "Innstillingar"),
        ("nb", "Organisasjon", "Lagre kladd", "Innstillinger"),
        ("en", "Organisation", "Save draft", "Settings"),
    ],
)
def test_the_registrations_list_and_the_editor_in_each_language(
    admin_in, demo, language, heading, editor_button, menu_item
):
    client = admin_in(language)
    listing = client.get(reverse("wagtailsnippets_events_registration:list")).content.decode()
    assert heading in visible_texts(listing)  # the column heading
    assert "Organisation name" not in " ".join(visible_texts(listing))
    article = NewsArticlePage.objects.get(slug="haustens-nyheiter-fra-helsefellesskapa")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert editor_button in visible_texts(editor)
    assert menu_item in visible_texts(editor)  # the main menu, drawn from its JSON


# --- The fallback from nynorsk to bokmål ---------------------------------------------------------


def test_nynorsk_falls_back_to_bokmal_before_english():
    """Every msgid that has bokmål but no nynorsk anywhere comes out in bokmål under nn; the
    project's nynorsk still wins; nb and en are as Django makes them; an unknown msgid is itself."""
    nynorsk = _CatalogueWithoutFallback("nn")._catalog
    bokmal = _CatalogueWithoutFallback("nb")._catalog
    only_bokmal = [
        msgid
        for msgid, text in bokmal.items()
        if isinstance(msgid, str)
        and msgid
        and text
        and msgid not in nynorsk
        and CONTEXT_SEPARATOR not in msgid
    ]
    assert len(only_bokmal) > 100  # Wagtail's and other apps' strings without nynorsk
    with translation.override("nn"):
        wrong = [msgid for msgid in only_bokmal if gettext(msgid) != bokmal[msgid]]
        assert not wrong, wrong[:20]
        assert gettext("Save draft") == "Lagre utkast"  # the project's nynorsk
        assert gettext("Delete") == "Slett"  # Django's own nynorsk
        assert gettext("No such msgid, anywhere") == "No such msgid, anywhere"
        assert ngettext("%(count)s unknown", "%(count)s unknowns", 2) == "%(count)s unknowns"
    with translation.override("nb"):
        assert gettext("Save draft") == "Lagre kladd"
        assert gettext("No such msgid, anywhere") == "No such msgid, anywhere"
    with translation.override("en"):
        assert gettext("Save draft") == "Save draft"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "more_actions", "duplicate"),
    [
        ("nn", "Fleire handlingar", "Kopier"),
        ("nb", "Flere handlinger", "Kopier"),
        ("en", None, None),
    ],
)
def test_the_admin_scripts_speak_the_language_too(admin_in, language, more_actions, duplicate):
    """Wagtail's JavaScript catalogue (/admin/jsi18n/) follows the same chain, and under nn and nb
    it has every string of Wagtail's admin scripts."""
    script = admin_in(language).get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});", script, re.S)
    catalogue = json.loads(found.group(1)) if found else {}  # English has no catalogue
    assert catalogue.get("More actions") == more_actions
    assert catalogue.get("Duplicate") == duplicate
    if language != "en":
        wagtail = polib.pofile(str(WAGTAIL_JS_CATALOGUE))
        missing = [entry.msgid for entry in wagtail if entry.msgid not in catalogue]
        assert not missing, missing
