"""Reading input: the public view of an event or series, the secretariat's filtered list and the
report's sections. Public readers get only what is published and never a person's name."""

from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Count, Prefetch, Q

from samhandling.events.models import EventPage, EventSeriesPage

from .models import Input, InputStatus, Theme, ThemeSummary


def _events_of_series(series: EventSeriesPage):
    return EventPage.objects.child_of(series).values("pk")


def inputs_in_scope(*, event=None, series=None, topic=None):
    """The input of one event, of every event of a series, or of a topic."""
    if event is not None:
        return Input.objects.filter(event=event)
    if series is not None:
        return Input.objects.filter(event_id__in=_events_of_series(series))
    if topic is not None:
        return Input.objects.filter(topic=topic)
    return Input.objects.none()


def _with_counts(queryset):
    return queryset.annotate(merged_count=Count("merged", distinct=True)).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order", "name"))
    )


@dataclass
class ThemeSection:
    theme: Theme | None
    summary: ThemeSummary | None = None
    inputs: list = field(default_factory=list)


def _sections(summaries, inputs) -> list[ThemeSection]:
    """Group summaries and input by theme, in the themes' order; input without a theme last."""
    by_theme: dict[int | None, ThemeSection] = {}
    for summary in summaries:
        by_theme.setdefault(summary.theme_id, ThemeSection(theme=summary.theme)).summary = summary
    for item in inputs:
        themes = list(item.themes.all())
        for theme in themes or [None]:
            key = theme.pk if theme else None
            by_theme.setdefault(key, ThemeSection(theme=theme)).inputs.append(item)
    return sorted(
        by_theme.values(),
        key=lambda s: (s.theme is None, s.theme.order if s.theme else 0, str(s.theme or "")),
    )


# Whether an event page has anything published to show, in one query of plain SQL: most events
# have nothing, and building the two queries below cost more than a tenth of an event page.
_ANYTHING_PUBLISHED_SQL = (
    "SELECT EXISTS (SELECT 1 FROM {summaries} WHERE published = %s AND (event_id = %s OR "
    "series_id = %s)) OR EXISTS (SELECT 1 FROM {inputs} WHERE published = %s AND event_id = %s "
    "AND merged_into_id IS NULL)"
)
_NOTHING = {
    "series": None,
    "series_summaries": [],
    "event_summaries": [],
    "sections": [],
    "has_input": False,
}


def _anything_published(*, event: EventPage, series) -> bool:
    sql = _ANYTHING_PUBLISHED_SQL.format(
        summaries=ThemeSummary._meta.db_table, inputs=Input._meta.db_table
    )
    series_id = series.pk if series is not None else None
    with connections[router.db_for_read(Input)].cursor() as cursor:
        cursor.execute(sql, [True, event.pk, series_id, True, event.pk])
        return bool(cursor.fetchone()[0])


def _any_series_summary(*, series) -> bool:
    sql = "SELECT EXISTS (SELECT 1 FROM {summaries} WHERE published = %s AND series_id = %s)"
    with connections[router.db_for_read(ThemeSummary)].cursor() as cursor:
        cursor.execute(sql.format(summaries=ThemeSummary._meta.db_table), [True, series.pk])
        return bool(cursor.fetchone()[0])


def public_input(*, event: EventPage) -> dict:
    """What the event page shows: published summaries for the event and for its series, and the
    event's published input grouped by theme. One query when there is none, three when there
    is."""
    series = event.series  # read once per page (the sign-up part shows it too)
    if not _anything_published(event=event, series=series):
        return {**_NOTHING, "series": series}
    scope = Q(event=event)
    if series is not None:
        scope |= Q(series=series)
    summaries = list(
        ThemeSummary.objects.filter(scope, published=True)
        .select_related("theme")
        .order_by("theme__order", "theme__name", "series")
    )
    inputs = list(
        _with_counts(
            Input.objects.filter(event=event, published=True, merged_into__isnull=True)
        ).order_by("created_at", "pk")
    )
    return {
        "series": series,
        "series_summaries": [s for s in summaries if s.series_id],
        "event_summaries": [s for s in summaries if s.event_id],
        "sections": _sections([], inputs),
        "has_input": bool(summaries or inputs),
    }


def public_series_input(*, series: EventSeriesPage) -> dict:
    if not _any_series_summary(series=series):
        return {"series_summaries": [], "has_input": False}
    summaries = list(
        ThemeSummary.objects.filter(series=series, published=True).select_related("theme")
    )
    return {"series_summaries": summaries, "has_input": bool(summaries)}


def registration_inputs(*, registration) -> list[Input]:
    """A participant's own input, for their manage page."""
    return list(Input.objects.filter(registration=registration).order_by("created_at", "pk"))


def report_sections(*, event=None, series=None, topic=None) -> list[ThemeSection]:
    """The report: per theme the summary (published or not: the report is for the board), then
    the input under it, merged duplicates left out (counted under the one kept)."""
    summaries = ThemeSummary.objects.select_related("theme").filter(
        event=event, series=series, topic=topic
    )
    inputs = (
        _with_counts(inputs_in_scope(event=event, series=series, topic=topic))
        .filter(merged_into__isnull=True)
        .select_related("event")
        .order_by("event__start", "group", "created_at", "pk")
    )
    return _sections(list(summaries), list(inputs))


def filtered_inputs(*, event=None, series=None, theme=None, status=None, group=None, text=""):
    """The secretariat's list with its filters."""
    queryset = Input.objects.all()
    if text:
        queryset = queryset.filter(text__icontains=text)
    if event is not None:
        queryset = queryset.filter(event=event)
    if series is not None:
        queryset = queryset.filter(event_id__in=_events_of_series(series))
    if theme is not None:
        queryset = queryset.filter(themes=theme)
    if status:
        queryset = queryset.filter(status=status)
    if group:
        queryset = queryset.filter(group=group)
    return (
        _with_counts(queryset)
        .select_related("event", "topic", "merged_into", "hearing")
        .order_by("-created_at", "-pk")
    )


STATUS_CHOICES = InputStatus.choices
