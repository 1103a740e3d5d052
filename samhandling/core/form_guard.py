"""One guard for every public form: rate limits, a honeypot field and a minimum fill time.

A view adopts it with one line, and its template with one include inside the `<form>`:

    @public_form("signup")  # its rate-limit group in settings.SAMHANDLING_RATE_LIMITS
    def signup(request, ...): ...

    <form method="post" ...>{% csrf_token %}{% include "core/includes/form_guard.html" %} ...

On a POST the decorator first counts the request in the group's rate limits (429 above them,
`core.ratelimits`), then checks the two fields the include renders: the honeypot (`website`,
hidden from people, screen readers and the keyboard; bots fill it) must be empty, and the signed
time the form was shown (`form_shown`, `django.core.signing`) must be genuine, at least
`FORM_GUARD_MIN_SECONDS` old (no person fills a form faster) and at most `FORM_GUARD_MAX_AGE`.
Otherwise the visitor gets a page that says what happened (400) and the view never runs, so
nothing is saved. GETs pass untouched."""

import time
from functools import wraps

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _

from .ratelimits import rate_limited

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_shown"
STAMP_SALT = "samhandling.core.form_guard"


def form_stamp(*, shown_at: float | None = None) -> str:
    """The signed time a form was shown (now unless told), for its hidden field."""
    moment = time.time() if shown_at is None else shown_at
    return signing.Signer(salt=STAMP_SALT).sign(f"{moment:.3f}")


def form_guard_problem(*, data, min_seconds: float | None = None) -> str | None:
    """What is wrong with a posted form's guard fields, as a message for the visitor, or None."""
    if data.get(HONEYPOT_FIELD, ""):
        return _(
            "The form had a field filled in that people cannot see, as automatic programs do. "
            "Nothing was saved. If you filled in the form yourself, open it again and send it "
            "without letting your browser fill in hidden fields."
        )
    try:
        shown_at = float(signing.Signer(salt=STAMP_SALT).unsign(data.get(STAMP_FIELD, "")))
    except (signing.BadSignature, ValueError):
        return _(
            "We could not check when the form was opened: the page may have been saved or "
            "copied. Nothing was saved. Open the form again and send it once more."
        )
    age = time.time() - shown_at
    minimum = settings.FORM_GUARD_MIN_SECONDS
    if min_seconds is not None:  # a form may ask for less than the site's minimum, never more
        minimum = min(minimum, min_seconds)
    if age < minimum:
        return _(
            "The form was sent only a moment after it was opened, faster than a person fills "
            "it in, so we took it for an automatic program. Nothing was saved. Open the form "
            "again, wait a few seconds and send it."
        )
    if age > settings.FORM_GUARD_MAX_AGE:
        return _(
            "The form was opened too long ago. Nothing was saved. Open it again and send it "
            "once more."
        )
    return None


def form_refused(request, message: str):
    response = render(
        request,
        "core/request_refused.html",
        {
            "refused_title": _("Your form was not sent"),
            "refused_message": message,
            "back_url": request.path,
        },
        status=400,
    )
    response["Cache-Control"] = "no-store"
    return response


def public_form(group: str, *, min_seconds: float | None = None):
    """Decorate a view that takes a public form: rate limits of `group`, honeypot and minimum
    fill time on every POST. The minimum is FORM_GUARD_MIN_SECONDS, or `min_seconds` where that
    is less (forms of one button, which a person may press at once)."""

    def decorator(view):
        @rate_limited(group)  # counted first, so that a refused bot still uses up its limit
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                problem = form_guard_problem(data=request.POST, min_seconds=min_seconds)
                if problem is not None:
                    return form_refused(request, problem)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
