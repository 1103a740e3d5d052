"""The Content-Security-Policy and Permissions-Policy headers, and the endpoint that browsers send
CSP violation reports to (samhandling/core/security_headers.py)."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from samhandling.news.models import NewsArticlePage
from tests.conftest import MR_HOST

ARTICLE_URL = "/nyhende/haustens-nyheiter-fra-helsefellesskapa/"
REPORTING = {"report-uri": ["/csp-report/"], "report-to": ["csp-endpoint"]}
STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    **REPORTING,
}
ADMIN = {
    **STRICT,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi")


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} twice in {header}"
        parsed[name] = sources
    return parsed


def permissions(header: str) -> dict[str, str]:
    return dict(item.strip().split("=", 1) for item in header.split(","))


@pytest.mark.django_db
def test_a_public_page_sends_the_strict_policy_and_turns_browser_features_off(demo):
    response = Client(HTTP_HOST=MR_HOST).get(ARTICLE_URL)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == STRICT
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["Reporting-Endpoints"] == 'csp-endpoint="/csp-report/"'
    features = permissions(response["Permissions-Policy"])
    for feature in PERMISSIONS_OFF:
        assert features[feature] == "()", feature


@pytest.mark.django_db
def test_error_pages_and_the_api_docs_get_the_strict_policy(demo):
    client = Client(HTTP_HOST=MR_HOST)
    not_found = client.get("/finst-ikkje/")
    assert not_found.status_code == 404
    assert directives(not_found["Content-Security-Policy"]) == STRICT
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert directives(docs["Content-Security-Policy"]) == STRICT


@pytest.mark.django_db
def test_no_public_template_needs_inline_script_or_style(demo):
    """What the strict policy would block: a style attribute, a <style> or an executable inline
    <script> (JSON data blocks are not run)."""
    client = Client(HTTP_HOST=MR_HOST)
    for path in ("/", ARTICLE_URL, "/utval/", "/samarbeidsavtalen/", "/sok/?q=avtale", "/api/docs"):
        html = client.get(path).content.decode()
        assert " style=" not in html and "<style" not in html, path
        for script in html.split("<script")[1:]:
            tag = script.split(">", 1)[0]
            assert "src=" in tag or 'type="application/json"' in tag, f"{path}: <script{tag}>"


@pytest.mark.django_db
def test_the_admin_enforces_its_own_policy_and_reports_against_the_strict_one(admin_client, demo):
    article = NewsArticlePage.objects.get(url_path__endswith=ARTICLE_URL)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == ADMIN
    assert directives(response["Content-Security-Policy-Report-Only"]) == STRICT
    assert permissions(response["Permissions-Policy"])["camera"] == "()"
    # No avatars from gravatar.com (a third party, and outside the policy).
    assert "gravatar.com" not in response.content.decode()


def test_the_admin_path_decides_the_policy_of_a_page_preview(rf):
    """The admin's page preview renders the page through the middleware under the page's own path,
    which gives it the public policy; on the way out of the admin's preview URL the admin policy
    replaces it, or frame-ancestors 'none' would keep the preview out of the editor's panel."""
    from django.http import HttpResponse

    from samhandling.core.security_headers import ContentSecurityPolicyMiddleware

    def preview(request):
        inner = ContentSecurityPolicyMiddleware(lambda r: HttpResponse("<h1>Page</h1>"))
        return inner(rf.get("/nyhende/haustens-nyheiter-fra-helsefellesskapa/"))

    response = ContentSecurityPolicyMiddleware(preview)(rf.get("/admin/pages/30/edit/preview/"))
    assert directives(response["Content-Security-Policy"]) == ADMIN
    assert directives(response["Content-Security-Policy-Report-Only"]) == STRICT


# --- The report endpoint -------------------------------------------------------------------------

REPORT_URI_BODY = {
    "csp-report": {
        "document-uri": "http://more-og-romsdal.localhost/p/secret-token-abc/?email=eva@example.no",
        "referrer": "http://more-og-romsdal.localhost/?q=eva@example.no",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/steal.js?who=eva@example.no",
        "line-number": 12,
        "source-file": "http://more-og-romsdal.localhost/static/js/x.js?v=1",
        "status-code": 200,
        "script-sample": "eva@example.no",
    }
}


def post_report(client, body, content_type="application/csp-report", **extra):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(reverse("csp_report"), data=data, content_type=content_type, **extra)


@pytest.mark.django_db
def test_a_report_is_logged_without_personal_data(client, caplog):
    client = Client(enforce_csrf_checks=True)  # browsers send no CSRF token
    with caplog.at_level(logging.INFO, logger="samhandling.csp"):
        response = post_report(client, REPORT_URI_BODY)
    assert response.status_code == 204
    [record] = caplog.records
    message = record.getMessage()
    assert record.levelno == logging.WARNING
    assert "script-src-elem" in message and "https://evil.example" in message
    assert "/p/<str:token>/" in message  # the route, not the private link itself
    for secret in ("secret-token-abc", "eva@example.no", "steal.js", "who="):
        assert secret not in message


@pytest.mark.django_db
def test_report_to_batches_are_logged_and_report_only_ones_at_debug(client, caplog):
    body = [
        {
            "type": "csp-violation",
            "url": "http://127.0.0.1/admin/pages/3/edit/",
            "body": {
                "documentURL": "http://127.0.0.1/admin/pages/3/edit/",
                "effectiveDirective": "style-src-attr",
                "blockedURL": "inline",
                "disposition": "report",
                "lineNumber": 3,
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.DEBUG, logger="samhandling.csp"):
        response = post_report(client, body, content_type="application/reports+json")
    assert response.status_code == 204
    [record] = caplog.records
    assert record.levelno == logging.DEBUG
    assert "style-src-attr blocked inline" in record.getMessage()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [b"", b"not json", b"[1, 2]", b'{"csp-report": "x"}', b"[" * 5000 + b"]" * 5000],
)
def test_a_body_that_is_not_a_report_is_refused_without_an_error(client, body, caplog):
    assert post_report(client, body).status_code == 400


@pytest.mark.django_db
def test_a_large_body_is_refused_unread(client):
    big = {"csp-report": {"effective-directive": "img-src", "blocked-uri": "x" * 20_000}}
    assert post_report(client, big).status_code == 413


@pytest.mark.django_db
def test_a_client_that_floods_the_endpoint_is_told_to_slow_down(client, settings, caplog):
    settings.SAMHANDLING_CSP_REPORTS_PER_MINUTE = 3
    with caplog.at_level(logging.INFO, logger="samhandling.csp"):
        codes = [post_report(client, REPORT_URI_BODY).status_code for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    assert len(caplog.records) == 3
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert post_report(other, REPORT_URI_BODY).status_code == 204


@pytest.mark.django_db
def test_only_post_is_accepted(client):
    assert client.get(reverse("csp_report")).status_code == 405
