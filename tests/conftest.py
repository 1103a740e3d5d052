import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo", "--no-admin", "--port", "80", verbosity=0)
    from wagtail.models import Site

    return {site.hostname: site for site in Site.objects.all()}


MR_HOST = "more-og-romsdal.localhost"
HN_HOST = "helse-nord.localhost"
