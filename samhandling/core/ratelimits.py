"""Rate limits on public POSTs, counted by django-ratelimit in the shared cache.

Each public form belongs to a group (`"signup"`, `"manage"`, `"language"`, …) whose rates are in
`settings.SAMHANDLING_RATE_LIMITS`: per client address (`client`), per e-mail address typed in
the form (`email`) and per page the form is sent to (`page`: a private manage link). A POST over
any of them is answered 429 with a page in the visitor's language and a Retry-After header, and
the view never runs, so nothing is saved. Every POST counts, refused ones too.

django-ratelimit (`django_ratelimit.core.get_usage`) does the counting: fixed windows in the
cache with an atomic increment, keys hashed (no e-mail address is stored in the cache), the
client address from `client_ip` below (RATELIMIT_IP_META_KEY)."""

import dataclasses
import ipaddress
import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind `SAMHANDLING_TRUSTED_PROXIES` proxies the
    address the outermost trusted proxy saw, which is the n-th entry of X-Forwarded-For counted
    from the right (entries further left were written by the client and can be anything)."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104  # nosec B104 (a key, not a bind)
    proxies = getattr(settings, "SAMHANDLING_TRUSTED_PROXIES", 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_key(request) -> str:
    """What the per-client limits count by: the address, or for IPv6 its /64 network (one
    household or office gets a whole /64 and could otherwise take a new address per post)."""
    address = client_ip(request)
    if ":" in address:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return address


def _email(request) -> str:
    return request.POST.get("email", "").strip().lower()


# What each kind of limit counts by; an empty value (no e-mail in the form) is not counted.
KEYS: dict[str, Callable] = {
    "client": client_key,
    "email": _email,
    "page": lambda request: request.path,
}


@dataclasses.dataclass(frozen=True)
class RateLimited:
    group: str
    retry_after: int  # seconds


def group_rates(group: str) -> dict[str, list[str]]:
    limits = settings.SAMHANDLING_RATE_LIMITS
    rates = limits.get(group, limits["default"])
    return {
        kind: [rate.strip() for rate in value.split(",") if rate.strip()]
        for kind, value in rates.items()
    }


def rate_limit_check(*, request, group: str, method: str = "POST") -> RateLimited | None:
    """Count this request in each of the group's limits; the longest wait if one is exceeded.
    Only requests of `method` count (a GET that changes something, the language switch, passes
    its own)."""
    waits = []
    for kind, rates in group_rates(group).items():
        value = KEYS[kind](request)
        if not value:
            continue
        for rate in rates:
            usage = get_usage(
                request,
                group=f"samhandling.{group}.{kind}",
                key=lambda _group, _request, value=value: value,
                rate=rate,
                method=method,
                increment=True,
            )
            if usage is not None and usage["should_limit"]:
                waits.append(max(usage["time_left"], 1))
    return RateLimited(group=group, retry_after=max(waits)) if waits else None


def _wait_text(seconds: int) -> str:
    if seconds < 90:
        return ngettext(
            "Try again in %(count)d second.", "Try again in %(count)d seconds.", seconds
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return ngettext(
            "Try again in %(count)d minute.", "Try again in %(count)d minutes.", minutes
        ) % {"count": minutes}
    hours = math.ceil(minutes / 60)
    return ngettext("Try again in %(count)d hour.", "Try again in %(count)d hours.", hours) % {
        "count": hours
    }


def too_many_requests(request, limited: RateLimited):
    """429 with what happened and when to try again, in the visitor's language."""
    response = render(
        request,
        "core/request_refused.html",
        {
            "refused_title": _("Too many attempts"),
            "refused_message": _(
                "This form has been sent too many times in a short while from your network or "
                "with this e-mail address. Nothing was saved."
            ),
            "refused_advice": _wait_text(limited.retry_after),
            "back_url": request.path,
        },
        status=429,
    )
    response["Retry-After"] = str(limited.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(group: str):
    """Decorate a view: its POSTs count in `group`'s limits and get 429 above them."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                limited = rate_limit_check(request=request, group=group)
                if limited is not None:
                    return too_many_requests(request, limited)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
