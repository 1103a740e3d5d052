"""The quota board's reads: per member organisation of a series' community, the seats it uses
across the series (the admin's board, its CSV, and the reminders to contacts of the
organisations that have signed no one up)."""

from .models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from .selectors import community_organisations


def quota_rows(*, series: EventSeriesPage, events=None):
    """One row per member organisation of the site's health community: seats used (confirmed and
    waiting, press not counted) across the series, seats left under the cap, and at which
    events."""
    site = series.get_site()
    organisations = list(community_organisations(site=site))
    events = list(events if events is not None else EventPage.objects.child_of(series))
    titles = {event.pk: event.title for event in events}
    registrations = (
        Registration.objects.filter(
            event_id__in=list(titles), status__in=ACTIVE_STATUSES, organisation__isnull=False
        )
        .exclude(kind__in=APPROVAL_KINDS)
        .order_by("event__start", "pk")
        .values_list("organisation_id", "event_id", "status")
    )
    used: dict[int, dict] = {}
    for organisation_id, event_id, status in registrations:
        entry = used.setdefault(organisation_id, {"confirmed": 0, "waiting": 0, "event_ids": []})
        entry["waiting" if status == RegistrationStatus.WAITING else "confirmed"] += 1
        if event_id not in entry["event_ids"]:
            entry["event_ids"].append(event_id)
    cap = series.max_per_organisation
    rows = []
    for organisation in organisations:
        entry = used.get(organisation.pk, {"confirmed": 0, "waiting": 0, "event_ids": []})
        seats = entry["confirmed"] + entry["waiting"]
        rows.append(
            {
                "organisation": organisation,
                "confirmed": entry["confirmed"],
                "waiting": entry["waiting"],
                "used": seats,
                "left": None if cap is None else max(cap - seats, 0),
                "event_ids": entry["event_ids"],
                "events": [titles[pk] for pk in entry["event_ids"]],
            }
        )
    return rows


def organisations_without_signups(*, series: EventSeriesPage) -> list:
    """The member organisations that use no seat in the series."""
    return [row["organisation"] for row in quota_rows(series=series) if not row["used"]]
