"""The secretariat's screens in the admin: follow-up of decisions across committees, and
publishing a meeting's minutes in one step. Both call the services, which make a revision of the
meeting and publish it, as the page editor would."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import selectors
from .choices import FollowUpStatus
from .forms import FollowUpFilterForm, FollowUpForm
from .pages import MeetingPage
from .services import (
    NOT_FOLLOWED_UP,
    follow_up_update,
    meeting_is_held,
    meeting_minutes_publish,
)


def _row(item, bound: FollowUpForm | None) -> dict:
    """An item with the values and errors of its form (those just sent back, if they were
    refused) and whether the screen can change it."""
    meeting = item.meeting
    mine = bound is not None and bound.data.get("key") == str(item.key)
    values = {
        "status": item.follow_up_status,
        "owner": item.follow_up_owner,
        "due": item.follow_up_due.isoformat() if item.follow_up_due else "",
    }
    if mine:
        values.update({name: bound.data.get(name, "") for name in values})
    blocked = ""
    if not meeting.live:
        blocked = _("The meeting is not published.")
    elif meeting.has_unpublished_changes:
        blocked = _("The meeting has unpublished changes; publish or discard them first.")
    return {
        "item": item,
        "values": values,
        "errors": bound.refusal if mine else "",
        "blocked": blocked,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[meeting.pk]),
    }


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


def _form_refusal(form: FollowUpForm) -> str:
    if "key" in form.errors:  # not sent by the screen's own form
        return str(NOT_FOLLOWED_UP)
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
    )


def follow_up_index(request):
    """All decisions marked for follow-up in meetings the user may publish, filtered by committee
    and status, each row with a small form to change its status, owner and due date."""
    user = request.user
    if not selectors.user_may_follow_up(user=user):
        raise PermissionDenied
    filters = FollowUpFilterForm(
        request.GET or None,
        committees=selectors.follow_up_committees(user=user),
        states=selectors.FOLLOW_UP_STATES,
    )
    chosen = filters.cleaned_data if filters.is_valid() else {}
    bound, status = None, 200
    if request.method == "POST":
        bound = FollowUpForm(request.POST)
        bound.refusal = ""
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                item = follow_up_update(
                    item_key=data["key"],
                    status=data["status"],
                    owner=data["owner"],
                    due=data["due"],
                    user=user,
                )
            except ValidationError as error:
                bound.refusal = _refusal(error)
            else:
                messages.success(
                    request,
                    _("The follow-up of case %(case)s is saved and published.")
                    % {"case": item.case_number},
                )
                return redirect(request.get_full_path())
        else:
            bound.refusal = _form_refusal(bound)
        messages.error(request, bound.refusal)
        status = 400
    items = selectors.follow_ups_for_secretariat(
        user=user, committee_id=chosen.get("committee"), state=chosen.get("state", "")
    )
    return TemplateResponse(
        request,
        "committees/admin/follow_up.html",
        {
            "title": _("Follow-up of decisions"),
            "filters": filters,
            "rows": [_row(item, bound) for item in items],
            "statuses": FollowUpStatus.choices,
            "states": selectors.FOLLOW_UP_STATES,
        },
        status=status,
    )


def minutes_can_be_published(*, page, user) -> bool:
    """For the buttons: a meeting that has been held, whose minutes are not published yet, and
    that the user may publish."""
    if page.specific_class is not MeetingPage:
        return False
    meeting = page.specific_deferred
    return (
        not meeting.minutes_published
        and meeting_is_held(start=meeting.start)
        and meeting.permissions_for_user(user).can_publish()
    )


def meeting_publish_minutes(request, pk: int):
    """Confirm, then tick "minutes are published" and publish the meeting."""
    meeting = get_object_or_404(MeetingPage, pk=pk)
    if not meeting.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[meeting.pk])
    error, status = "", 200
    if request.method == "POST":
        try:
            meeting_minutes_publish(meeting=meeting, user=request.user)
        except ValidationError as refusal:
            error, status = _refusal(refusal), 400
            messages.error(request, error)
        else:
            told = selectors.minutes_notices_queued(meeting=meeting)
            text = _("The minutes of “%(meeting)s” are published.") % {"meeting": meeting.title}
            if told:
                text += " " + ngettext(
                    "%(count)s member is told by e-mail.",
                    "%(count)s members are told by e-mail.",
                    told,
                ) % {"count": told}
            messages.success(request, text)
            return redirect("wagtailadmin_explore", meeting.get_parent().pk)
    return TemplateResponse(
        request,
        "committees/admin/publish_minutes.html",
        {
            "title": _("Publish minutes"),
            "meeting": meeting,
            "edit_url": edit_url,
            "error": error,
            "held": meeting_is_held(start=meeting.start),
            "notices": selectors.minutes_notice_preview(meeting=meeting),
        },
        status=status,
    )
