"""`{% organisation_link %}` and `organisation_linker` (the same for a list of organisations) give
the markup the `format_html` version gave, character for character, in each language: escaped
names, Sámi names in their language, template literals (safe) for the class, organisations with
no page on the site, rows of the four columns instead of instances, and no request at all."""

from collections import namedtuple

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from samhandling.core.sites import site_for_request
from samhandling.organisations.models import Organisation
from samhandling.organisations.public_selectors import organisation_url, sami_language
from samhandling.organisations.templatetags.organisation_tags import organisation_linker
from tests.conftest import MR_HOST

pytestmark = pytest.mark.django_db

Row = namedtuple("Row", "pk name sami_name municipality_number")


def reference(site, organisation, css_class="ds-link") -> str:
    """The tag as it was written with `format_html` (organisation_name and _link)."""
    if organisation is None:
        return ""
    if not organisation.sami_name:
        name = format_html("{}", organisation.name)
    else:
        name = format_html(
            '{} – <span lang="{}">{}</span>',
            organisation.name,
            sami_language(organisation),
            organisation.sami_name,
        )
    url = organisation_url(site=site, organisation_id=organisation.pk) if site else ""
    if not url:
        return name
    return format_html('<a class="{}" href="{}">{}</a>', css_class, url, name)


def organisations() -> list:
    molde = Organisation.objects.get(name="Molde")
    molde.name = 'Molde & "Romsdal" <b>'  # not saved: the path stays the one of the site
    molde.sami_name = "Mol<de> & co"
    molde.municipality_number = "1826"  # South Sámi
    aukra = Organisation.objects.get(name="Aukra")
    aukra.sami_name = "Aukr'a"  # Northern Sámi (no municipality of its own)
    aukra.municipality_number = None
    outside = Organisation.objects.create(name="Not a member <i>", kind="other")
    plain = Organisation.objects.get(name="Ålesund")
    row = Row(plain.pk, plain.name, plain.sami_name, plain.municipality_number)
    return [molde, aukra, outside, plain, row, None]


@pytest.mark.parametrize("language", ["nn", "nb", "en"])
def test_the_links_are_what_format_html_made(demo, language):
    request = RequestFactory().get("/", HTTP_HOST=MR_HOST)
    site = site_for_request(request)
    listed = organisations()
    with translation.override(language):
        expected = [reference(site, o) for o in listed]
        assert any('lang="sma"' in e for e in expected) and any('lang="se"' in e for e in expected)
        assert any("<a " in e for e in expected) and any("<a " not in e for e in expected[:-1])
        link = organisation_linker({"request": request})
        assert [link(o) for o in listed] == expected
        assert [link(o) for o in listed] == expected  # made before in the request: the same
        template = Template(
            "{% load organisation_tags %}{% for o in listed %}"
            "{% organisation_link o %}|{% organisation_link o 'x&y' %}|{% endfor %}"
        )
        rendered = template.render(Context({"request": request, "listed": listed}))
        # A string literal in a template is safe: format_html left it as it was.
        literal = mark_safe("x&y")  # noqa: S308  # nosec B308 B703
        assert rendered == "".join(
            f"{reference(site, o)}|{reference(site, o, literal)}|" for o in listed
        )
        without_request = organisation_linker({})
        assert [without_request(o) for o in listed] == [reference(None, o) for o in listed]
