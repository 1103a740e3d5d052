"""The interface speaks nynorsk, bokmål and English.

The .po files under samhandling/locale are complete (every msgid translated into nn and nb, none
fuzzy) and up to date with the code (checked by extracting the msgids again with GNU gettext, if
installed), and real pages and dates come out in the language the visitor or the site chose.
"""

import re
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from tests.conftest import HN_HOST, MR_HOST

PACKAGE = Path(settings.BASE_DIR) / "samhandling"
LOCALE_DIR = PACKAGE / "locale"
NORWEGIAN = ("nn", "nb")
ALL_LANGUAGES = ("nn", "nb", "en")
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")
OSLO = ZoneInfo("Europe/Oslo")

SKIP_LINK = {
    "nn": "Hopp til hovudinnhaldet",
    "nb": "Hopp til hovedinnholdet",
    "en": "Skip to main content",
}


def po_file(language: str, base: Path = LOCALE_DIR) -> polib.POFile:
    path = base / language / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing: run `make messages` and translate it"
    return polib.pofile(str(path))


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def label(entry_key: tuple[str | None, str]) -> str:
    context, msgid = entry_key
    return f"{context}|{msgid!r}" if context else repr(msgid)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return len(forms) == 2 and all(value.strip() for value in forms.values())
    return bool(entry.msgstr.strip())


def placeholders(text: str) -> list[str]:
    """Python-format placeholders (%(name)s, %s, %d) and template variables ({{ x }})."""
    return sorted(re.findall(r"%\(\w+\)[sdif]|%[sdif]|\{\{\s*\w+\s*\}\}", text))


# --- a. The committed .po files ----------------------------------------------------------------


@pytest.mark.parametrize("language", NORWEGIAN)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = po_file(language)
    entries = [entry for entry in po if not entry.obsolete]
    assert entries, f"{language}/django.po has no entries"
    untranslated = [label(key(entry)) for entry in entries if not is_translated(entry)]
    assert not untranslated, (
        f"{len(untranslated)} entries in {language}/LC_MESSAGES/django.po lack a translation "
        f"or are marked fuzzy:\n  " + "\n  ".join(untranslated)
    )


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_header_names_the_language_and_its_plural_forms(language):
    po = po_file(language)
    assert not po.metadata_is_fuzzy, f"the header of {language}/django.po is still fuzzy"
    assert po.metadata.get("Language") == language
    assert po.metadata.get("Plural-Forms") == PLURAL_FORMS
    assert po.metadata.get("Content-Type") == "text/plain; charset=UTF-8"
    fuzzy = [label(key(entry)) for entry in po if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy entries in {language}/django.po:\n  " + "\n  ".join(fuzzy)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_source(language):
    wrong = []
    for entry in po_file(language):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [
                (entry.msgid_plural if index else entry.msgid, value)
                for index, value in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        # A plural form may leave the count out ("Eitt treff"), but never add or rename one.
        for source, translated in pairs:
            if not translated:
                continue
            if entry.msgid_plural:
                allowed = set(placeholders(entry.msgid) + placeholders(entry.msgid_plural))
                ok = set(placeholders(translated)) <= allowed
            else:
                ok = placeholders(translated) == placeholders(source)
            if not ok:
                wrong.append(f"{source!r} -> {translated!r}")
    assert not wrong, f"placeholders differ in {language}/django.po:\n  " + "\n  ".join(wrong)


# --- b. The .po files against the code ---------------------------------------------------------


def test_po_files_have_every_msgid_found_in_the_code(tmp_path, monkeypatch, settings):
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        verb = "is" if len(missing_tools) == 1 else "are"
        pytest.skip(
            "The check that the .po files cover every msgid in the code extracts them with GNU "
            f"gettext, and {' and '.join(missing_tools)} {verb} not on PATH. Install gettext "
            "(apt-get install gettext; CI installs it) to run it."
        )
    # Extract from a copy, so that makemessages neither writes its temporary files next to the
    # real templates nor touches the committed .po files.
    shutil.copytree(
        PACKAGE,
        tmp_path / "samhandling",
        ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.mo"),
    )
    extracted_dir = tmp_path / "locale"
    extracted_dir.mkdir()
    settings.LOCALE_PATHS = [str(extracted_dir)]
    monkeypatch.chdir(tmp_path)
    call_command(
        "makemessages", locale=list(NORWEGIAN), verbosity=0, no_location=True, no_obsolete=True
    )

    problems = []
    for language in NORWEGIAN:
        in_code = {key(entry) for entry in po_file(language, extracted_dir) if entry.msgid}
        assert in_code, "makemessages found no msgids in the code"
        committed = {key(entry): entry for entry in po_file(language) if not entry.obsolete}
        lacking = sorted(
            (entry_key for entry_key in in_code if not committed.get(entry_key)),
            key=lambda entry_key: entry_key[1],
        )
        untranslated = sorted(
            (
                entry_key
                for entry_key in in_code
                if committed.get(entry_key) is not None and not is_translated(committed[entry_key])
            ),
            key=lambda entry_key: entry_key[1],
        )
        problems += [f"{language}: not in django.po: {label(k)}" for k in lacking]
        problems += [f"{language}: untranslated or fuzzy: {label(k)}" for k in untranslated]
    assert not problems, (
        "The code has msgids that samhandling/locale lacks; run `make messages`, translate "
        "them and run `make compile-messages`:\n  " + "\n  ".join(problems)
    )


# --- c. Pages in the visitor's or the site's language ------------------------------------------


def get_home(host: str, language: str | None = None):
    client = Client(HTTP_HOST=host)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.status_code == 200
    return response, response.content.decode()


def assert_speaks(html: str, language: str) -> None:
    assert f'<html lang="{language}"' in html
    assert SKIP_LINK[language] in html
    for other, text in SKIP_LINK.items():
        if other != language:
            assert text not in html, f"{other} text {text!r} in a page in {language}"


# The demo takes a couple of seconds to load, so each test below loads it once and checks several
# hosts and languages.


def test_the_language_cookie_chooses_the_interface_language_on_every_site(demo):
    for host in (MR_HOST, HN_HOST):
        for language in ALL_LANGUAGES:
            response, html = get_home(host, language)
            assert_speaks(html, language)
            assert response["Content-Language"] == language


def test_without_a_cookie_a_site_speaks_its_default_language(demo):
    for host, language, search_label, not_found in [
        (MR_HOST, "nn", "Søk på nettstaden", "Fann ikkje sida"),
        (HN_HOST, "nb", "Søk på nettstedet", "Fant ikke siden"),
    ]:
        response, html = get_home(host)
        assert_speaks(html, language)
        assert search_label in html
        assert response["Content-Language"] == language

        response = Client(HTTP_HOST=host).get("/finst-ikkje/")
        assert response.status_code == 404
        html = response.content.decode()
        assert not_found in html
        assert f'<html lang="{language}"' in html


def test_the_language_switch_sets_the_cookie_and_redirects(demo):
    client = Client(HTTP_HOST=MR_HOST)
    html = client.get("/").content.decode()
    assert_speaks(html, "nn")
    for code, name in settings.LANGUAGES:  # each language offered in its own name
        assert f'name="language" value="{code}" lang="{code}"' in html
        assert f">{name}</button>" in html

    response = client.post("/sprak/", {"language": "nb", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"
    assert_speaks(client.get("/").content.decode(), "nb")


# --- d. Dates and times ------------------------------------------------------------------------

START = datetime(2023, 10, 30, 12, 0, tzinfo=OSLO)
END = datetime(2023, 10, 30, 15, 30, tzinfo=OSLO)
NEXT_DAY = datetime(2023, 10, 31, 15, 30, tzinfo=OSLO)
TAGS = Template("{% load samhandling_tags %}{% timespan start end %}|{{ start|long_date }}")


def render(language: str, start, end) -> tuple[str, str]:
    """The tags as a template uses them: `timespan start end` and `start|long_date`."""
    with translation.override(language):
        text = TAGS.render(Context({"start": start, "end": end}))
    span, long_date = text.split("|")
    return span, long_date


EXPECTED = {
    # language: (long date of the start, the same-day span, the two-day span, a plain date)
    "nn": (
        "30. oktober 2023",
        "30. oktober 2023 kl. 12.00–15.30",
        "30. oktober 2023 kl. 12.00 – 31. oktober 2023 kl. 15.30",
        "3. november 2023",
    ),
    "nb": (
        "30. oktober 2023",
        "30. oktober 2023 kl. 12.00–15.30",
        "30. oktober 2023 kl. 12.00 – 31. oktober 2023 kl. 15.30",
        "3. november 2023",
    ),
    "en": (
        "30 October 2023",
        "30 October 2023 12:00–15:30",
        "30 October 2023 12:00 – 31 October 2023 15:30",
        "3 November 2023",
    ),
}


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_dates_and_time_spans_follow_the_language(language):
    long_date, same_day, two_days, plain_date = EXPECTED[language]
    assert render(language, START, END) == (same_day, long_date)
    assert render(language, START, NEXT_DAY)[0] == two_days
    assert render(language, date(2023, 11, 3), None) == (plain_date, plain_date)


def test_times_are_shown_in_oslo_time_whatever_zone_they_come_in():
    utc = ZoneInfo("UTC")
    start = datetime(2023, 10, 30, 11, 0, tzinfo=utc)  # CET (UTC+1) after 29 October
    end = datetime(2023, 10, 30, 14, 30, tzinfo=utc)
    assert render("nn", start, end)[0] == "30. oktober 2023 kl. 12.00–15.30"
    summer = datetime(2023, 9, 20, 8, 0, tzinfo=utc)  # CEST (UTC+2)
    assert render("nb", summer, None)[0] == "20. september 2023 kl. 10.00"
