"""The Content-Security-Policy: django-csp's middleware, with the admin's own policy, and the
endpoint that browsers send violation reports to.

Public pages get the strict policy of `CONTENT_SECURITY_POLICY` (settings/base.py). Paths under
`SAMHANDLING_CSP_ADMIN_PREFIXES` (the Wagtail admin) get the looser
`SAMHANDLING_CSP_ADMIN_DIRECTIVES`, enforced, and the strict policy as report-only, so that what
the admin would break under the strict one is still reported (README, "Security headers").

A report is logged as one line without personal data: the directive, where the blocked thing came
from (an origin or a keyword such as `inline`, never a path or query), and the page's route (a
pattern such as `p/<str:token>/` for a private link, the path only for public CMS pages)."""

import hashlib
import json
import logging
import time
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .ratelimits import client_key

logger = logging.getLogger("samhandling.csp")

REPORTING_GROUP = "csp-endpoint"
# A report is a few hundred bytes; browsers batch a few in one request with report-to.
MAX_REPORT_BYTES = 16 * 1024
MAX_REPORTS_PER_REQUEST = 20
KEYWORDS = {"inline", "eval", "data", "blob", "self", "wasm-eval", "trusted-types-sink"}


def _is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.SAMHANDLING_CSP_ADMIN_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; on the admin's paths the admin policy is enforced and the strict
    one only reported. Adds `Reporting-Endpoints` for the `report-to` directive."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and _is_admin_path(request.path_info):
            if report_only:
                parts.config = default_config(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
            else:
                parts.config = default_config(settings.SAMHANDLING_CSP_ADMIN_DIRECTIVES)
        return parts

    def process_response(self, request, response):
        if _is_admin_path(request.path_info):
            # The admin's page preview renders the page through the whole middleware chain with
            # the page's own path, which gives it the public policy (frame-ancestors 'none' would
            # keep it out of the preview panel): the admin's path decides.
            for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
                if header in response:
                    del response[header]
        response = super().process_response(request, response)
        endpoint = settings.SAMHANDLING_CSP_REPORT_URI
        has_policy = "Content-Security-Policy" in response or (
            "Content-Security-Policy-Report-Only" in response
        )
        if endpoint and has_policy and "Reporting-Endpoints" not in response:
            response["Reporting-Endpoints"] = f'{REPORTING_GROUP}="{endpoint}"'
        return response


def _origin_or_keyword(value) -> str:
    """Where a blocked resource came from, without its path or query (which may hold a token)."""
    value = str(value or "")[:200]
    if value in KEYWORDS:
        return value
    try:
        parts = urlsplit(value)
    except ValueError:
        return "?"
    if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname:
        port = f":{parts.port}" if parts.port else ""
        return f"{parts.scheme}://{parts.hostname}{port}"
    return f"{parts.scheme}:" if parts.scheme else "?"


def _route_of(url) -> str:
    """The page a report came from as its URL pattern (a CMS page's path is public: kept)."""
    try:
        path = urlsplit(str(url or "")[:500]).path or "/"
        match = resolve(path)
    except (ValueError, Resolver404):
        return "?"
    if match.url_name == "wagtail_serve":
        return path
    return "/" + str(match.route)


def _as_int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def csp_report_summary(*, report: dict) -> dict:
    """One violation reduced to what the log may keep. `report` is the body of either format:
    report-uri's `csp-report` object (kebab-case keys) or report-to's `body` (camelCase)."""

    def field(*names):
        for name in names:
            if name in report:
                return report[name]
        return None

    directive = field("effectiveDirective", "effective-directive", "violated-directive")
    return {
        "directive": str(directive or "?")[:60],
        "blocked": _origin_or_keyword(field("blockedURL", "blocked-uri")),
        "page": _route_of(field("documentURL", "document-uri")),
        "source": _origin_or_keyword(field("sourceFile", "source-file")),
        "line": _as_int(field("lineNumber", "line-number")),
        "disposition": str(field("disposition") or "enforce")[:10],
    }


def _reports_in(payload) -> list[dict]:
    """The violation bodies of a report-uri (`{"csp-report": {…}}`) or report-to (`[{"type":
    "csp-violation", "body": {…}}, …]`) request; anything else gives none."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload[:MAX_REPORTS_PER_REQUEST]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    return []


def _over_rate_limit(request) -> bool:
    """True once a client has sent more than CSP_REPORTS_PER_MINUTE reports this minute (counted
    in the shared cache under a hash of its address, which is never logged)."""
    client = hashlib.sha256(client_key(request).encode()).hexdigest()[:16]
    key = f"csp-report:{client}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        count = 1
    return count > settings.SAMHANDLING_CSP_REPORTS_PER_MINUTE


def _refused(status: int) -> HttpResponse:
    """An answer Django does not log: a flood of bad reports must not flood the log instead."""
    response = HttpResponse(status=status)
    response._has_been_logged = True  # read by django.utils.log.log_response
    return response


@csrf_exempt  # browsers send reports without a CSRF token or cookie
@require_POST
def csp_report(request):
    """Logs CSP violation reports. Answers 204, 413 for a body over 16 KB, 429 past the client's
    rate limit, 400 for a body that is not a report; never 500."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REPORT_BYTES:
        return _refused(413)
    if _over_rate_limit(request):
        return _refused(429)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return _refused(413)
    try:
        reports = _reports_in(json.loads(body))
    except (ValueError, RecursionError):
        reports = []
    if not reports:
        return _refused(400)
    for report in reports:
        summary = csp_report_summary(report=report)
        # What the admin breaks of the strict report-only policy is expected, on every admin page:
        # DEBUG, so that the log keeps the violations that were blocked.
        level = logging.WARNING if summary["disposition"] == "enforce" else logging.DEBUG
        logger.log(
            level,
            "CSP violation: %(directive)s blocked %(blocked)s on %(page)s "
            "(source %(source)s line %(line)s, %(disposition)s)",
            summary,
        )
    return HttpResponse(status=204)
