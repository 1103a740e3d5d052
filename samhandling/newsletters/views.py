"""The public pages of the subscriber side: subscribe (its own page, and the footer's form
posting to it), confirm, preferences and unsubscribe by private link.

No page here sets a cookie, so anonymous pages with the footer form can be cached: the forms
carry no CSRF token. The subscribe POST is refused when the browser says it came from another
site (`core.same_origin`) and goes through the form guard (honeypot, signed time stamp, rate
limits of the group "newsletter"). The private links' forms are protected by the secret in
their address. The unsubscribe address also takes RFC 8058's one-click POST from mail clients
(body `List-Unsubscribe=One-Click`, no cookie, no token, no form guard): it unsubscribes at once.

A GET never changes anything: the confirmation link opens a page with a button, so a mail
scanner that follows links confirms nothing."""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.same_origin import same_origin
from samhandling.core.sites import community_for_request

from . import subscribing
from .forms import PreferencesForm, SubscribeForm
from .subscribing import (
    LANGUAGES,
    SubscribeRefused,
    change_preferences,
    preference_lists,
    public_lists,
    unsubscribe_all,
)
from .tokens import _SALT, subscriber_from_confirmation, subscriber_from_token

# The private pages' one button: a person may press it at once.
LINK_MIN_SECONDS = 1
PRIVATE_HEADERS = {
    "Cache-Control": "private, no-store",
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "same-origin",  # the private link never leaves the site
}
SENT_FLAG = "sendt"


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _community(request):
    community = community_for_request(request)
    if community is None:
        raise Http404
    return community


def default_language(request, community) -> str:
    return community.default_language if community.default_language in LANGUAGES else "nn"


def _subscribe_page(request, community, form, *, status=200, sent=False):
    lists = public_lists(community=community)
    context = {
        "form": form,
        "lists": lists,
        "sent": sent,
        "form_url": reverse("newsletters:subscribe"),
    }
    response = TemplateResponse(request, "newsletters/subscribe.html", context, status=status)
    if status != 200 or sent:
        response.headers["X-Robots-Tag"] = "noindex"
    return response


def _new_form(community, lists):
    return SubscribeForm(
        lists=lists,
        initial={
            "language": default_language(None, community),
            "lists": [item.pk for item in lists if item.chosen_by_default],
        },
    )


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@same_origin
def subscribe(request):
    community = _community(request)
    if request.method == "POST":
        return _subscribe_post(request, community=community)
    lists = public_lists(community=community)
    sent = request.GET.get(SENT_FLAG) == "1"
    return _subscribe_page(request, community, _new_form(community, lists), sent=sent)


@public_form("newsletter")
def _subscribe_post(request, *, community):
    lists = public_lists(community=community)
    data = request.POST
    if data.get("newsletter_footer"):  # the footer's form: the address, the default lists
        language = data.get("newsletter_language", "")
        if language not in LANGUAGES:
            language = default_language(request, community)
        data = {
            "email": data.get("email", ""),
            "language": language,
            "lists": [item.pk for item in lists if item.chosen_by_default],
        }
    form = SubscribeForm(data, lists=lists)
    if not form.is_valid():
        return _subscribe_page(request, community, form, status=400)
    try:
        subscribing.subscribe(
            community=community,
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            lists=form.cleaned_data["lists"],
        )
    except SubscribeRefused as refused:
        form.add_error(refused.code if refused.code in form.fields else None, refused.message)
        return _subscribe_page(request, community, form, status=400)
    return redirect(f"{reverse('newsletters:subscribe')}?{SENT_FLAG}=1#main")


def _invalid_link(request, *, kind: str, status=404):
    response = TemplateResponse(
        request, "newsletters/link_invalid.html", {"kind": kind}, status=status
    )
    return _private(response)


def _on_this_site(request, subscriber) -> bool:
    community = community_for_request(request)
    return community is not None and subscriber.community_id == community.pk


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@same_origin
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def confirm(request, token: str):
    subscriber = subscriber_from_confirmation(token)
    if subscriber is None or not _on_this_site(request, subscriber):
        return _invalid_link(request, kind="confirm")
    done = already = False
    if request.method == "POST":
        result = subscribing.confirm(subscriber=subscriber)
        subscriber, already, done = result.subscriber, result.already, not result.already
    elif subscriber.confirmed:
        already = True
    context = {
        "subscriber": subscriber,
        "lists": subscriber.lists.all(),
        "done": done,
        "already": already,
        "preferences_url": reverse("newsletters:preferences", args=[_token(subscriber)]),
    }
    return _private(TemplateResponse(request, "newsletters/confirm.html", context))


def _token(subscriber) -> str:
    from .tokens import subscriber_token

    return subscriber_token(subscriber)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@same_origin
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def preferences(request, token: str):
    subscriber = subscriber_from_token(token)
    if subscriber is None or not _on_this_site(request, subscriber):
        return _invalid_link(request, kind=_erased_or_forged(token))
    lists = preference_lists(subscriber=subscriber)
    saved = False
    status = 200
    if request.method == "POST":
        form = PreferencesForm(request.POST, lists=lists)
        if form.is_valid():
            try:
                subscriber = change_preferences(
                    subscriber=subscriber,
                    lists=form.cleaned_data["lists"],
                    language=form.cleaned_data["language"],
                )
            except SubscribeRefused as refused:
                form.add_error(None, refused.message)
                status = 400
            else:
                return redirect(request.path + "?lagra=1#main")
        else:
            status = 400
    else:
        saved = request.GET.get("lagra") == "1"
        form = PreferencesForm(
            lists=lists,
            initial={
                "lists": list(subscriber.lists.values_list("pk", flat=True)),
                "language": subscriber.language,
            },
        )
    context = {
        "subscriber": subscriber,
        "form": form,
        "saved": saved,
        "unsubscribe_url": reverse("newsletters:unsubscribe", args=[token]),
    }
    response = TemplateResponse(request, "newsletters/preferences.html", context, status=status)
    return _private(response)


def _erased_or_forged(token: str) -> str:
    """ "gone" when the link is genuine but its subscriber was erased, else "forged"."""
    try:
        signing.Signer(salt=_SALT).unsign(token)
    except signing.BadSignature:
        return "forged"
    return "gone"


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET: a page with a button and a link to the preferences. POST (the button, or a mail
    client's RFC 8058 one-click POST): unsubscribe from all at once, 200."""
    subscriber = subscriber_from_token(token)
    if subscriber is not None and not _on_this_site(request, subscriber):
        return _invalid_link(request, kind="forged")
    if subscriber is None:
        kind = _erased_or_forged(token)
        if kind == "gone":  # already unsubscribed: say so, also to a mail client's repeat
            context = {"done": True, "already": True}
            return _private(TemplateResponse(request, "newsletters/unsubscribe.html", context))
        return _invalid_link(request, kind=kind)
    if request.method == "POST":
        community = subscriber.community
        unsubscribe_all(subscriber=subscriber)
        context = {"done": True, "community": community}
        return _private(TemplateResponse(request, "newsletters/unsubscribe.html", context))
    context = {
        "subscriber": subscriber,
        "lists": subscriber.lists.all(),
        "preferences_url": reverse("newsletters:preferences", args=[token]),
    }
    return _private(TemplateResponse(request, "newsletters/unsubscribe.html", context))
