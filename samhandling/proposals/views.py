"""Public views for proposals: the form (its GET may set the CSRF cookie: it is a form page),
the page after sending, and the private link that shows the proposal and confirms it (a GET never
changes anything; the button's POST confirms, so mail scanners that open links confirm nothing).

Views read through selectors and change through services."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.sites import community_for_request, site_for_request

from .forms import ProposalForm
from .models import ProposalStatus
from .selectors import organisation_choices, proposal_for_token
from .services import (
    ProposalRefused,
    kinds_accepted,
    link_expired,
    proposal_confirm,
    proposal_submit,
    unconfirmed_days,
)

LINK_MIN_SECONDS = 1  # the link page's one button: a person may press it at once
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _site_and_kinds(request):
    site = site_for_request(request)
    if site is None:
        raise Http404
    kinds = kinds_accepted(site=site)
    if not kinds:
        raise Http404
    return site, kinds


def _form(request, kinds, data=None):
    return ProposalForm(
        data,
        organisations=organisation_choices(community=community_for_request(request)),
        kinds=kinds,
    )


def _form_page(request, form, *, refusal=None, status=200):
    context = {"form": form, "refusal": refusal, "form_url": reverse("proposals:propose")}
    response = TemplateResponse(request, "proposals/form.html", context, status=status)
    return _private(response)


@require_http_methods(["GET", "POST"])
def propose(request):
    site, kinds = _site_and_kinds(request)
    if request.method == "POST":
        return _propose_post(request, site=site, kinds=kinds)
    return _form_page(request, _form(request, kinds))


@public_form("proposal")
def _propose_post(request, *, site, kinds):
    form = _form(request, kinds, data=request.POST)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    data = form.cleaned_data
    try:
        proposal_submit(
            site=site,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            date=data["date"],
            time=data["time"],
            place=data["place"],
            link=data["link"],
            name=data["name"],
            organisation=data["organisation"],
            organisation_other=data["organisation_other"],
            email=data["email"],
            language=translation.get_language() or "nn",
        )
    except ProposalRefused as refusal:
        return _form_page(request, form, refusal=refusal, status=409)
    return redirect(reverse("proposals:sent") + "#main")


def sent(request):
    if site_for_request(request) is None:
        raise Http404
    context = {"days": unconfirmed_days()}
    return _private(TemplateResponse(request, "proposals/sent.html", context))


def _on_this_site(request, proposal) -> bool:
    site = site_for_request(request)
    return site is not None and site.pk == proposal.site_id


def _link_page(request, proposal, *, refusal=None, status=200, done=False):
    context = {
        "proposal": proposal,
        "refusal": refusal,
        "done": done,
        "unconfirmed": proposal.status == ProposalStatus.UNCONFIRMED,
    }
    return _private(TemplateResponse(request, "proposals/link.html", context, status=status))


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def link(request, token: str):
    proposal = proposal_for_token(token=token)
    if proposal is None or not _on_this_site(request, proposal):
        response = TemplateResponse(request, "proposals/link_invalid.html", {}, status=404)
        return _private(response)
    if link_expired(proposal):
        return _link_page(request, proposal, refusal=ProposalRefused("expired", ""), status=410)
    if request.method == "POST":
        try:
            proposal = proposal_confirm(proposal=proposal)
        except ProposalRefused as refusal:
            return _link_page(request, proposal, refusal=refusal, status=409)
        return redirect(request.path + "?stadfesta=1#main")
    return _link_page(request, proposal, done=bool(request.GET.get("stadfesta")))
