"""The front cache as shipped (deploy/varnish/default.vcl) in front of a live app: pages come from
the proxy, per language; signed-in visitors and forms bypass it; publishing purges it at once.

Needs Debian's `varnish` package (apt-get install varnish); skipped with that message without."""

import subprocess
import sys
import time

import pytest
import requests
from django.test import override_settings

from benchmarks import front_cache
from samhandling.core.page_cache import CLOCK_MARGIN
from samhandling.news.models import NewsArticlePage
from tests.conftest import MR_HOST

if not front_cache.varnishd_path():
    pytest.skip(
        "The front-cache tests need varnishd (apt-get install varnish).", allow_module_level=True
    )

ARTICLE_PATH = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
NEW_TITLE = "Nyhende med ny tittel frå redaksjonen"


@pytest.fixture
def proxy(transactional_db, demo):
    """The app on a live server with its page cache on (its own headers say what may be shared:
    samhandling/core/page_cache_middleware.py), Varnish on loopback in front of it, and the app
    purging that Varnish. Yields a GET through the proxy."""
    from pytest_django.live_server_helper import LiveServer

    with override_settings(PAGE_CACHE=True, PAGE_CACHE_SECONDS=300):
        server = LiveServer("127.0.0.1:0")
        try:
            with (
                front_cache.varnish(server.thread.port) as varnish,
                override_settings(
                    WAGTAILFRONTENDCACHE={
                        "proxy": {
                            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                            "LOCATION": varnish.purge_url,
                        }
                    }
                ),
            ):

                def get(path=ARTICLE_PATH, cookies="", method="GET"):
                    headers = {"Host": MR_HOST, **({"Cookie": cookies} if cookies else {})}
                    return requests.request(
                        method, varnish.base + path, headers=headers, timeout=10
                    )

                # Loading the demo purged its pages; a render within the page cache's clock
                # margin of a purge is neither kept nor shared, so start after it.
                time.sleep(CLOCK_MARGIN + 0.1)
                yield get
        finally:
            server.stop()


def _status(response) -> str:
    return response.headers.get("X-Cache-Status", "")


def test_anonymous_pages_come_from_the_proxy_per_language_and_the_rest_from_the_app(proxy):
    """One test for the cache's rules (each test with the live app reloads the demo)."""
    first, second = proxy(), proxy()
    assert first.status_code == second.status_code == 200
    assert (_status(first), _status(second)) == ("MISS", "HIT")
    assert second.content == first.content
    # The app's own page cache answered the proxy's miss and said how long it may be shared.
    assert first.headers["X-Page-Cache"] in ("miss", "hit")
    assert first.headers["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert "Set-Cookie" not in second.headers
    assert '<html lang="nn"' in second.text

    english = proxy(cookies="django_language=en")
    assert _status(english) == "MISS"  # its own variant, not the Nynorsk page
    assert '<html lang="en"' in english.text
    # Other cookies (analytics and the like) do not split the cache.
    again = proxy(cookies="_pk_id=1; django_language=en; theme=dark")
    assert _status(again) == "HIT"
    assert again.content == english.content

    # Signed-in staff, visitors with a form under way and every POST go to the app.
    for cookies in ("sessionid=abc", "csrftoken=abc", "django_language=nb; sessionid=abc"):
        response = proxy(cookies=cookies)
        assert _status(response) == "PASS", cookies
        assert response.status_code == 200
    assert _status(proxy(method="POST")) == "PASS"
    # The 404 page is not marked shareable by the app, so the proxy does not keep it.
    missing = proxy(path="/finst-ikkje/")
    assert missing.status_code == 404
    assert _status(missing) in ("MISS", "PASS")
    assert _status(proxy(path="/finst-ikkje/")) == "PASS"

    # A PURGE on the visitors' listener (as one sent through the TLS proxy arrives) is refused.
    refused = proxy(method="PURGE")
    assert refused.status_code == 403
    assert _status(proxy()) == "HIT"


def test_publishing_a_page_purges_every_language_from_the_proxy_at_once(proxy):
    """The purge is sent when the publish commits (here by the immediate task backend; in
    production by the task worker, which `make bench-pages` times: well under a second), so the
    very next view in each language is the new page, not the cached one."""
    for cookies in ("", "django_language=en"):
        proxy(cookies=cookies)
        assert _status(proxy(cookies=cookies)) == "HIT"
    page = NewsArticlePage.objects.get(url_path__endswith=ARTICLE_PATH)
    page.title = NEW_TITLE
    page.save_revision().publish()
    for cookies in ("", "django_language=en"):
        response = proxy(cookies=cookies)
        assert NEW_TITLE in response.text, f"the proxy still serves the old page ({cookies!r})"
        # PASS: rendered within the page cache's clock margin of the purge, so neither the app
        # nor the proxy keeps it (it might have begun before the purge and show the old state).
        assert _status(response) in ("MISS", "PASS")
    time.sleep(CLOCK_MARGIN + 0.1)
    for cookies in ("", "django_language=en"):
        proxy(cookies=cookies)
        assert _status(proxy(cookies=cookies)) == "HIT"  # and keeps the new one
        assert NEW_TITLE in proxy(cookies=cookies).text


def test_purge_url_setting_configures_wagtails_purging():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "backends = getattr(s, 'WAGTAILFRONTENDCACHE', {}); "
        "print(sorted((name, backend['LOCATION']) for name, backend in backends.items()))"
    )

    def configured(value):
        env = {
            "DJANGO_SETTINGS_MODULE": "samhandling.settings.test",
            "FRONTEND_CACHE_PURGE_URL": value,
            "PATH": "/usr/bin:/bin",
        }
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert configured("") == "[]"
    assert configured("http://127.0.0.1:6081, http://10.0.0.5:6081") == (
        "[('proxy1', 'http://127.0.0.1:6081'), ('proxy2', 'http://10.0.0.5:6081')]"
    )
