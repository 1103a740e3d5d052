"""Page addresses through BasePage.get_url_parts (core/page_urls.py, the reversed path kept per
language and path) are the addresses Wagtail itself gives, on both sites in every language."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page

from tests.conftest import HN_HOST, MR_HOST

pytestmark = pytest.mark.django_db


def test_page_addresses_are_wagtails(demo):
    pages = list(Page.objects.filter(depth__gt=1).specific())
    assert len(pages) > 20
    for host in (MR_HOST, HN_HOST):
        for language in ("nn", "nb", "en"):
            with translation.override(language):
                request = RequestFactory().get("/", HTTP_HOST=host)
                for page in pages:
                    ours = page.get_url_parts(request)
                    wagtails = Page.get_url_parts(page, request)
                    assert ours == wagtails, (page, host, language)
