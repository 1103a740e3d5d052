"""The secretariat's work on input in the Wagtail admin: the list with filters and actions on
many at once (themes, status, publish, merge), group input typed up from the flip charts, one
input's details, the summaries per theme, and the report for the board. Every change goes
through the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from samhandling.events.models import EventPage, EventSeriesPage
from samhandling.organisations.roles import scope_to_secretariat, secretariat_object_or_404

from .forms import GroupInputForm, InputEditForm, InputFilterForm, SummaryForm
from .models import Input, InputStatus, Theme, ThemeSummary
from .report import report_docx, report_pdf, report_title
from .selectors import filtered_inputs, report_sections
from .services import (
    InputRefused,
    group_labels,
    input_merge,
    input_publish,
    input_register_for_group,
    input_set_status,
    input_set_themes,
    input_unmerge,
    summary_publish,
    summary_save,
)

LIST = "inputs_admin_list"
PAGE_SIZE = 200


def _require(request, perm: str = "inputs.change_input") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


# A community's secretariat sees the input of its own events and topics (organisations.roles).
INPUT_SCOPE = {"page": "event", "site": "topic__site"}


def _scoped_inputs(request, queryset):
    return scope_to_secretariat(queryset, user=request.user, **INPUT_SCOPE)


def _pages(request, model):
    return scope_to_secretariat(model.objects.all(), user=request.user, page="")


def _scope(request) -> tuple:
    """The event or series chosen in the query string (?event= or ?series=), if it is in one of
    the user's communities."""
    data = request.GET
    event = series = None
    if (value := data.get("series", "")).isdigit():
        series = _pages(request, EventSeriesPage).filter(pk=value).first()
    if (value := data.get("event", "")).isdigit():
        event = _pages(request, EventPage).filter(pk=value).first()
    return event, series


def _limit_choices(request, form):
    """The form's events, series, topics and hearings cut to the user's communities."""
    for name, model in (("event", EventPage), ("series", EventSeriesPage)):
        field = form.fields.get(name)
        if field is not None and field.queryset is not None:
            field.queryset = _pages(request, model).filter(pk__in=field.queryset.values("pk"))
    field = form.fields.get("topic")
    if field is not None and field.queryset is not None:
        field.queryset = scope_to_secretariat(field.queryset, user=request.user, site="site")
    field = form.fields.get("hearing")
    if field is not None and field.queryset is not None:
        field.queryset = scope_to_secretariat(field.queryset, user=request.user, page="")
    return form


def input_list(request):
    _require(request)
    groups = group_labels()
    form = _limit_choices(request, InputFilterForm(request.GET or None, groups=groups))
    filters = form.cleaned_data if form.is_valid() else {}
    if request.method == "POST":
        return _bulk_action(request)
    inputs = _scoped_inputs(
        request,
        filtered_inputs(
            event=filters.get("event"),
            series=filters.get("series"),
            theme=filters.get("theme"),
            status=filters.get("status") or None,
            group=filters.get("group") or None,
            text=(filters.get("q") or "").strip(),
        ),
    )
    scope_query = ""
    if filters.get("series"):
        scope_query = f"?series={filters['series'].pk}"
    elif filters.get("event"):
        scope_query = f"?event={filters['event'].pk}"
    return TemplateResponse(
        request,
        "inputs/admin/list.html",
        {
            "title": gettext("Input"),
            "form": form,
            "inputs": inputs[:PAGE_SIZE],
            "total": inputs.count(),
            "themes": Theme.objects.all(),
            "statuses": InputStatus.choices,
            "scope_query": scope_query,
        },
    )


def _bulk_action(request):
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    chosen = list(_scoped_inputs(request, Input.objects.filter(pk__in=ids)))
    action = request.POST.get("action", "")
    back = request.get_full_path()
    if not chosen:
        messages.error(request, gettext("Choose at least one input."))
        return redirect(back)
    try:
        if action in ("publish", "unpublish"):
            for item in chosen:
                if action == "publish" and item.merged_into_id:
                    continue
                input_publish(item=item, published=action == "publish", actor=request.user)
        elif action == "status":
            status = request.POST.get("status", "")
            for item in chosen:
                input_set_status(item=item, status=status, hearing=item.hearing, actor=request.user)
        elif action == "add_theme":
            theme = Theme.objects.filter(pk=request.POST.get("theme") or 0).first()
            if theme is None:
                raise InputRefused(gettext("Choose the theme to add."))
            for item in chosen:
                input_set_themes(item=item, themes=[*item.themes.all(), theme], actor=request.user)
        elif action == "merge":
            kept_id = request.POST.get("kept", "")
            kept = next((i for i in chosen if str(i.pk) == kept_id), None)
            if kept is None:
                raise InputRefused(gettext("Choose which of the chosen input to keep."))
            count = input_merge(
                kept=kept, duplicates=[i for i in chosen if i.pk != kept.pk], actor=request.user
            )
            messages.success(
                request,
                ngettext(
                    "%(count)s input merged into #%(kept)s.",
                    "%(count)s input merged into #%(kept)s.",
                    count,
                )
                % {"count": count, "kept": kept.pk},
            )
            return redirect(back)
        else:
            raise InputRefused(gettext("Choose an action."))
    except InputRefused as refused:
        messages.error(request, refused.message)
        return redirect(back)
    messages.success(request, gettext("The chosen input is updated."))
    return redirect(back)


def input_add(request):
    """Register a group's input at an event."""
    _require(request, "inputs.add_input")
    form = _limit_choices(request, GroupInputForm(request.POST or None, groups=group_labels()))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = input_register_for_group(
                event=data["event"],
                topic=data["topic"],
                group=data["group"],
                text=data["text"],
                themes=data["themes"],
                actor=request.user,
            )
        except InputRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, gettext("Input #%(id)s is registered.") % {"id": item.pk})
            if request.POST.get("another"):
                query = f"?event={item.event_id}" if item.event_id else ""
                return redirect(reverse("inputs_admin_add") + query)
            return redirect(LIST)
    elif request.method == "GET" and (event := _scope(request)[0]) is not None:
        form = _limit_choices(
            request, GroupInputForm(initial={"event": event}, groups=group_labels())
        )
    return TemplateResponse(
        request,
        "inputs/admin/add.html",
        {"title": gettext("Register input from a group"), "form": form},
        status=400 if form.errors else 200,
    )


def input_edit(request, pk: int):
    _require(request)
    item = secretariat_object_or_404(
        Input.objects.select_related("event", "topic", "merged_into", "hearing"),
        user=request.user,
        pk=pk,
        **INPUT_SCOPE,
    )
    initial = {
        "themes": list(item.themes.all()),
        "status": item.status,
        "hearing": item.hearing,
        "published": item.published,
    }
    form = _limit_choices(request, InputEditForm(request.POST or None, initial=initial))
    if request.method == "POST" and request.POST.get("action") == "unmerge":
        input_unmerge(item=item, actor=request.user)
        messages.success(request, gettext("The merge is undone."))
        return redirect("inputs_admin_edit", pk=item.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if set(data["themes"]) != set(initial["themes"]):
                input_set_themes(item=item, themes=data["themes"], actor=request.user)
            if data["status"] != item.status or data["hearing"] != item.hearing:
                input_set_status(
                    item=item, status=data["status"], hearing=data["hearing"], actor=request.user
                )
            if data["published"] != item.published:
                input_publish(item=item, published=data["published"], actor=request.user)
        except InputRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, gettext("The input is saved."))
            return redirect(LIST)
    return TemplateResponse(
        request,
        "inputs/admin/edit.html",
        {
            "title": gettext("Input #%(id)s") % {"id": item.pk},
            "item": item,
            "form": form,
            "merged": list(item.merged.all()),
        },
        status=400 if form.errors else 200,
    )


def _scope_title(event, series) -> str:
    return (series or event).title


def summaries(request):
    """The summary per theme for a series or an event: one form per theme, saved together."""
    _require(request)
    event, series = _scope(request)
    if event is None and series is None:
        return TemplateResponse(
            request,
            "inputs/admin/choose_scope.html",
            {
                "title": gettext("Summaries per theme"),
                "series_pages": _pages(request, EventSeriesPage).order_by("title"),
                "events": _pages(request, EventPage).order_by("-start"),
            },
        )
    scope = {"event": event, "series": series} if series is None else {"series": series}
    existing = {s.theme_id: s for s in ThemeSummary.objects.filter(**scope)}
    themes = list(Theme.objects.all())
    forms = []
    for theme in themes:
        summary = existing.get(theme.pk)
        initial = {"text": summary.text, "published": summary.published} if summary else {}
        form = SummaryForm(
            request.POST if request.method == "POST" else None,
            prefix=f"theme-{theme.pk}",
            initial=initial,
        )
        forms.append((theme, summary, form))
    if request.method == "POST" and all(form.is_valid() for _t, _s, form in forms):
        saved = 0
        for theme, summary, form in forms:
            text, published = form.cleaned_data["text"], form.cleaned_data["published"]
            if text.strip():
                if summary is None or summary.text != text or summary.published != published:
                    summary_save(
                        theme=theme, text=text, published=published, actor=request.user, **scope
                    )
                    saved += 1
            elif summary is not None and summary.published:
                summary_publish(summary=summary, published=False, actor=request.user)
        messages.success(request, gettext("The summaries are saved."))
        return redirect(request.get_full_path())
    query = f"?series={series.pk}" if series else f"?event={event.pk}"
    return TemplateResponse(
        request,
        "inputs/admin/summaries.html",
        {
            "title": gettext("Summaries per theme"),
            "scope_title": _scope_title(event, series),
            "forms": forms,
            "query": query,
            "sections": report_sections(**scope),
        },
    )


def report(request, file_format: str):
    _require(request)
    event, series = _scope(request)
    if event is None and series is None:
        raise Http404
    scope = {"series": series} if series else {"event": event}
    title = _scope_title(event, series)
    sections = report_sections(**scope)
    name = slugify(f"{report_title()}-{title}")[:80] or "report"
    if file_format == "pdf":
        body, mime = report_pdf(scope_title=title, sections=sections), "application/pdf"
    elif file_format == "docx":
        body = report_docx(scope_title=title, sections=sections)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(body, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
