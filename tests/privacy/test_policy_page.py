"""The privacy page is generated from the settings and the site's community, so it cannot drift
from what the retention jobs do; every public form and the footer link to it."""

import pytest

from samhandling.organisations.models import HealthCommunity

from .helpers import event, visitor

pytestmark = pytest.mark.django_db


def test_the_page_changes_with_the_settings(demo, settings):
    settings.EVENTS_NEEDS_RETENTION_DAYS = 1
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 90
    settings.COMMITTEES_CONTACT_RETENTION_DAYS = 90
    text = visitor().get("/personvern/").content.decode()
    assert "Dietary and accessibility needs are erased 1 day after the event." in text
    assert "deleted 90 days after the event" in text

    settings.EVENTS_NEEDS_RETENTION_DAYS = 3
    settings.EVENTS_REGISTRATION_RETENTION_DAYS = 30
    settings.COMMITTEES_CONTACT_RETENTION_DAYS = 14
    settings.SAMHANDLING_AUDIT_RETENTION_DAYS = 365
    text = visitor().get("/personvern/").content.decode()
    assert "Dietary and accessibility needs are erased 3 days after the event." in text
    assert "deleted 30 days after the event" in text
    assert "erased 14 days after the last membership has ended" in text
    assert "keeps each entry 365 days" in text


def test_each_site_names_its_own_community_and_contact(demo, django_capture_on_commit_callbacks):
    community = HealthCommunity.objects.get(site=demo["helse-nord.localhost"])
    text = visitor().get("/personvern/").content.decode()
    assert community.name in text and community.contact_email in text
    community.contact_email = "personvern@helse-nord.example"
    with django_capture_on_commit_callbacks(execute=True):  # the cache forgets it after commit
        community.save()
    text = visitor().get("/personvern/").content.decode()
    assert "mailto:personvern@helse-nord.example" in text


def test_in_nynorsk_and_bokmaal(demo):
    assert "Personvern" in visitor("nn").get("/personvern/").content.decode()
    assert "etter arrangementet" in visitor("nb").get("/personvern/").content.decode()
    assert "etter arrangementet" in visitor("nn").get("/personvern/").content.decode()


def test_the_footer_and_every_public_form_link_to_it(demo):
    link = 'href="/personvern/"'
    assert link in visitor().get("/").content.decode()
    assert link in visitor().get(event().url).content.decode()  # the sign-up form
    assert link in visitor().get("/personvern/innsyn/").content.decode()
