"""The secretariat's moderation of comments on sections, in the Wagtail admin: the hearings with
their numbers of comments waiting, a hearing's comments filtered by status, and one page per
decision (publish, decline, take down) with its reason. Every decision goes through
comment_services, which records who, when and why and tells the commenter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import CommentStatus
from .comment_forms import ModerationForm
from .comment_selectors import comments_for_moderation, hearings_with_comments, status_counts
from .comment_services import MODERATION_ACTIONS, CommentRefused
from .comments import SectionComment
from .pages import HearingPage

ACTION_TEXTS = {
    "publish": (_("Publish the comment"), _("The comment is published.")),
    "reject": (_("Decline the comment"), _("The comment is declined.")),
    "unpublish": (_("Take the comment down"), _("The comment is taken down.")),
}
# Which decisions each status allows.
ACTIONS_FOR_STATUS = {
    CommentStatus.PENDING: ("publish", "reject"),
    CommentStatus.PUBLISHED: ("unpublish",),
    CommentStatus.REJECTED: ("publish",),
    CommentStatus.UNCONFIRMED: (),
}


def can_moderate(user, hearing) -> bool:
    return hearing.permissions_for_user(user).can_edit()


def _hearing_for(request, hearing_id: int) -> HearingPage:
    hearing = get_object_or_404(HearingPage, pk=hearing_id)
    if not can_moderate(request.user, hearing):
        raise PermissionDenied
    return hearing


def moderated_hearings(user):
    """The hearings the user may moderate, with their numbers of comments."""
    hearings = hearings_with_comments(hearings=HearingPage.objects.all())
    return [hearing for hearing in hearings if can_moderate(user, hearing)]


def comments_index(request):
    hearings = moderated_hearings(request.user)
    return TemplateResponse(
        request,
        "hearings/admin/comments_index.html",
        {"title": gettext("Comments on hearings"), "hearings": hearings},
    )


def hearing_comments(request, hearing_id: int):
    hearing = _hearing_for(request, hearing_id)
    status = request.GET.get("status", "")
    if status not in CommentStatus.values:
        status = ""
    sections = {section.key: section.label for section in hearing.draft_sections}
    rows = [
        {
            "comment": comment,
            "section": sections.get(comment.section_key, gettext("(removed from the draft)")),
            "actions": [
                (action, ACTION_TEXTS[action][0], _moderate_url(comment, action))
                for action in ACTIONS_FOR_STATUS.get(comment.status, ())
            ],
        }
        for comment in comments_for_moderation(hearing=hearing, status=status)
    ]
    counts = status_counts(hearing=hearing)
    filters = [
        ("", gettext("All confirmed"), sum(counts.values()) - counts.get("unconfirmed", 0)),
        *[(value, label, counts.get(value, 0)) for value, label in CommentStatus.choices],
    ]
    return TemplateResponse(
        request,
        "hearings/admin/comments.html",
        {
            "title": gettext("Comments on “%(hearing)s”") % {"hearing": hearing.title},
            "hearing": hearing,
            "rows": rows,
            "status": status,
            "filters": filters,
        },
    )


def _moderate_url(comment, action: str) -> str:
    return reverse("hearing_comment_moderate", args=[comment.pk, action])


def comment_moderate(request, pk: int, action: str):
    if action not in MODERATION_ACTIONS:
        raise Http404
    comment = get_object_or_404(SectionComment.objects.select_related("hearing"), pk=pk)
    hearing = _hearing_for(request, comment.hearing_id)
    listing = reverse("hearing_comments", args=[hearing.pk])
    if action not in ACTIONS_FOR_STATUS.get(comment.status, ()):
        messages.error(
            request,
            gettext("The comment is “%(status)s”; this cannot be done to it now.")
            % {"status": comment.get_status_display()},
        )
        return redirect(listing)
    title, done = ACTION_TEXTS[action]
    reason_required = action != "publish"
    form = ModerationForm(request.POST or None, reason_required=reason_required)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                MODERATION_ACTIONS[action](
                    comment=comment, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except CommentRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, done)
                return redirect(listing + "?status=" + CommentStatus.PENDING)
        status = 400
    section = hearing.section(comment.section_key)
    return TemplateResponse(
        request,
        "hearings/admin/comments_moderate.html",
        {
            "title": title,
            "hearing": hearing,
            "comment": comment,
            "section": section,
            "form": form,
            "action": action,
            "listing": listing,
        },
        status=status,
    )
