"""Public views for comments on a section: the form, the page after sending, and the private
link that shows the comment and confirms it (a GET never changes anything).

Views read through comment_selectors and change through comment_services."""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from samhandling.core.form_guard import public_form
from samhandling.core.sites import site_root_for_request

from .choices import CommentModeration, CommentStatus
from .comment_forms import SectionCommentForm
from .comment_selectors import comment_for_token
from .comment_services import (
    CommentRefused,
    accepts_comments,
    comment_confirm,
    comment_submit,
    link_expired,
)
from .pages import HearingPage

# The link page's one button: a person may press it at once.
LINK_MIN_SECONDS = 1
PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex, nofollow"}


def _private(response):
    for header, value in PRIVATE_HEADERS.items():
        response.headers[header] = value
    return response


def _site_hearing(request, page_id: int) -> HearingPage:
    """A live, public hearing of the site the request is for (else 404)."""
    root = site_root_for_request(request)
    if root is None:
        raise Http404
    hearing = (
        HearingPage.objects.live()
        .public()
        .descendant_of(root)
        .select_related("locale")
        .filter(pk=page_id)
        .first()
    )
    if hearing is None:
        raise Http404
    return hearing


def _form_page(request, hearing, section, form, *, refusal=None, status=200):
    context = {
        "page": hearing,
        "hearing": hearing,
        "section": section,
        "form": form if refusal is None or refusal.code not in ("closed", "disabled") else None,
        "refusal": refusal,
        "accepts": accepts_comments(hearing),
        "form_url": reverse("hearings:comment", args=[hearing.pk, section.key]),
    }
    if not context["accepts"]:
        context["form"] = None
    response = TemplateResponse(request, "hearings/comment_form.html", context, status=status)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
def comment(request, page_id: int, section_key: str):
    hearing = _site_hearing(request, page_id)
    section = hearing.section(section_key)
    if section is None:
        raise Http404
    if request.method == "POST":
        return _comment_post(request, hearing=hearing, section=section)
    accepts = accepts_comments(hearing)
    return _form_page(
        request, hearing, section, SectionCommentForm() if accepts else None, status=200
    )


@public_form("comment")
def _comment_post(request, *, hearing, section):
    form = SectionCommentForm(request.POST)
    if not accepts_comments(hearing):
        return _form_page(request, hearing, section, None, status=409)
    if not form.is_valid():
        return _form_page(request, hearing, section, form, status=400)
    data = form.cleaned_data
    try:
        comment_submit(
            hearing=hearing,
            section_key=section.key,
            name=data["name"],
            email=data["email"],
            text=data["text"],
            language=translation.get_language() or hearing.locale.language_code,
        )
    except CommentRefused as refusal:
        return _form_page(request, hearing, section, form, refusal=refusal, status=409)
    return redirect(reverse("hearings:comment_sent", args=[hearing.pk, section.key]) + "#main")


def comment_sent(request, page_id: int, section_key: str):
    hearing = _site_hearing(request, page_id)
    section = hearing.section(section_key)
    if section is None:
        raise Http404
    context = {"page": hearing, "hearing": hearing, "section": section}
    response = TemplateResponse(request, "hearings/comment_sent.html", context)
    return _private(response)


def _on_this_site(request, comment) -> bool:
    root = site_root_for_request(request)
    return root is not None and comment.hearing.path.startswith(root.path)


def _link_page(request, comment, *, refusal=None, status=200, done=False):
    hearing = comment.hearing.specific
    section = hearing.section(comment.section_key)
    context = {
        "page": hearing,
        "hearing": hearing,
        "section": section,
        "comment": comment,
        "refusal": refusal,
        "done": done,
        "unconfirmed": comment.status == CommentStatus.UNCONFIRMED,
        "moderated_after": hearing.comment_moderation == CommentModeration.AFTER,
    }
    response = TemplateResponse(request, "hearings/comment_link.html", context, status=status)
    return _private(response)


@require_http_methods(["GET", "POST"])
@public_form("manage", min_seconds=LINK_MIN_SECONDS)
def comment_link(request, token: str):
    comment = comment_for_token(token=token)
    if comment is None or not comment.hearing.live or not _on_this_site(request, comment):
        response = TemplateResponse(request, "hearings/comment_link_invalid.html", {}, status=404)
        return _private(response)
    if comment.status == CommentStatus.UNCONFIRMED and link_expired(comment):
        refusal = CommentRefused("expired", "")
        return _link_page(request, comment, refusal=refusal, status=410)
    if request.method == "POST":
        try:
            comment = comment_confirm(comment=comment)
        except CommentRefused as refusal:
            return _link_page(request, comment, refusal=refusal, status=409)
        return redirect(request.path + "?stadfesta=1#main")
    return _link_page(request, comment, done=bool(request.GET.get("stadfesta")))
