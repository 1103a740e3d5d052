"""The rules a new sign-up is checked against, before the seat lock and again under it: the
sign-up window, a duplicate address, the organisation's places in a series (and its one event),
and the status and waiting position the count gives. `tally_of` counts all of it in one query;
`services.registration_create` and `signup_trips` use them."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from samhandling.core.templatetags.samhandling_tags import long_date

from .models import (
    ACTIVE_STATUSES,
    APPROVAL_KINDS,
    EventPage,
    Registration,
    RegistrationStatus,
)
from .selectors import State, event_state, series_registrations


class RegistrationRefused(ValidationError):
    """A rule says no; the message tells the visitor why, in their language. `other_event` is
    the event the organisation has already chosen, where that is the reason."""

    def __init__(self, message, code=None, params=None, *, other_event=None):
        super().__init__(message, code=code, params=params)
        self.other_event = other_event


def check_window(event: EventPage, now: datetime) -> None:
    state = event_state(event=event, now=now, taken=0)
    if state.code == State.CANCELLED:
        raise RegistrationRefused(_("This event is cancelled."), code="cancelled")
    if state.code == State.PAST:
        raise RegistrationRefused(_("This event has already taken place."), code="past")
    if not event.registration_enabled:
        raise RegistrationRefused(_("This event has no sign-up here."), code="no_signup")
    if state.code == State.UPCOMING:
        raise RegistrationRefused(
            _("Sign-up opens %(date)s.") % {"date": long_date(state.opens)}, code="not_open"
        )
    if state.code == State.CLOSED:
        raise RegistrationRefused(
            _("Sign-up closed %(date)s.") % {"date": long_date(state.deadline)}, code="closed"
        )


def check_signup_window(*, event: EventPage, now: datetime | None = None) -> None:
    """Refuse (RegistrationRefused) when the event takes no sign-ups now: past, cancelled, not
    open yet or closed. Full is not a refusal: it takes the waiting list."""
    check_window(event, now or timezone.now())


def check_organisation(
    event: EventPage, series, organisation, *, exclude_pk: int | None = None
) -> None:
    if organisation is None or series is None:
        return
    others = series_registrations(event=event, series=series).filter(organisation=organisation)
    others = others.exclude(kind__in=APPROVAL_KINDS)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if series.one_event_per_organisation:
        elsewhere = others.exclude(event_id=event.pk).select_related("event").first()
        if elsewhere is not None:
            raise chose_other_event(organisation, elsewhere.event)
    cap = series.max_per_organisation
    if cap is not None:
        taken = others.count()
        if taken >= cap:
            raise organisation_full(organisation, taken)


def chose_other_event(organisation, other_event) -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "%(organisation)s is already signed up for %(event)s. Each organisation "
            "chooses one of the events in this series."
        )
        % {"organisation": organisation, "event": other_event.title},
        code="one_event_per_organisation",
        other_event=other_event,
    )


def organisation_full(organisation, taken: int) -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "%(organisation)s already has %(count)s participants signed up for this "
            "series, which is as many as each organisation may send."
        )
        % {"organisation": organisation, "count": taken},
        code="organisation_cap",
    )


@dataclass(frozen=True)
class Tally:
    """What a new sign-up is checked against, counted in one query: whether the e-mail address
    is signed up already, the organisation's places taken in the series and the first other
    event of the series it has chosen, the event's confirmed seats and its last waiting
    position."""

    duplicate: bool
    organisation_taken: int
    other_event_id: int | None
    confirmed: int
    last_position: int


# The tally in SQL: it runs once for every sign-up and refusal and again under the lock, and the
# ORM took longer to build its five conditional aggregates than the database took to answer.
_TALLY_SQL = """
SELECT
  COALESCE(SUM(CASE WHEN r.event_id = %s AND r.email = %s THEN 1 ELSE 0 END), 0),
  COALESCE(SUM(CASE WHEN r.event_id = %s AND r.status = %s THEN 1 ELSE 0 END), 0),
  MAX(CASE WHEN r.event_id = %s AND r.status = %s THEN r.position END),
  COALESCE(SUM(CASE WHEN r.organisation_id = %s AND r.kind NOT IN (%s, %s) THEN 1 ELSE 0 END), 0),
  MIN(CASE WHEN r.organisation_id = %s AND r.kind NOT IN (%s, %s) AND r.event_id <> %s
      THEN r.event_id END)
FROM {registrations} r
WHERE r.status IN (%s, %s, %s) AND r.event_id IN ({events})
"""
# The events of a series: its children that are events (treebeard's path and depth).
_SERIES_EVENTS_SQL = (
    "SELECT e.page_ptr_id FROM {events} e JOIN {pages} p ON p.id = e.page_ptr_id "
    "WHERE p.path LIKE %s AND p.depth = %s"
)


def tally_query(event: EventPage, series_tree, *, email: str, organisation):
    """The tally's SQL and parameters, over the events of the series at `series_tree` (its
    tree path and depth) or of the event alone (None)."""
    organisation_id = organisation.pk if organisation is not None else None
    approval = [str(kind) for kind in APPROVAL_KINDS]
    params = [
        *(event.pk, email),
        *(event.pk, str(RegistrationStatus.CONFIRMED)),
        *(event.pk, str(RegistrationStatus.WAITING)),
        organisation_id,
        *approval,
        organisation_id,
        *approval,
        event.pk,
        *[str(status) for status in ACTIVE_STATUSES],
    ]
    if series_tree is None:
        events = "%s"
        params.append(event.pk)
    else:
        events = _SERIES_EVENTS_SQL.format(
            events=EventPage._meta.db_table, pages=Page._meta.db_table
        )
        series_path, series_depth = series_tree
        params += [f"{series_path}%", series_depth + 1]
    sql = _TALLY_SQL.format(registrations=Registration._meta.db_table, events=events)
    return sql, params


def tally_from_row(row, series, *, organisation) -> Tally:
    duplicate, confirmed, last_position, taken, other_event_id = row
    counts_organisation = organisation is not None and series is not None
    return Tally(
        duplicate=bool(duplicate),
        organisation_taken=int(taken or 0) if counts_organisation else 0,
        other_event_id=other_event_id
        if counts_organisation and series.one_event_per_organisation
        else None,
        confirmed=int(confirmed or 0),
        last_position=int(last_position or 0),
    )


def tally_of(event: EventPage, series, *, email: str, organisation) -> Tally:
    """One query over the active sign-ups of the event's series (or of the event alone)."""
    tree = (series.path, series.depth) if series is not None else None
    sql, params = tally_query(event, tree, email=email, organisation=organisation)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tally_from_row(row, series, organisation=organisation)


def check_rules(
    event: EventPage, series, *, email: str, organisation, kind: str, now, tally=None
) -> Tally:
    """Everything that refuses a new sign-up outright: window, duplicate, the organisation's
    places. Capacity never refuses: it sends the sign-up to the waiting list. Returns the tally
    the checks were made against (one query, unless `tally` is given)."""
    check_window(event, now)
    if tally is None:
        tally = tally_of(event, series, email=email, organisation=organisation)
    if tally.duplicate:
        raise duplicate()
    if kind not in APPROVAL_KINDS and organisation is not None and series is not None:
        if tally.other_event_id is not None:
            raise chose_other_event(organisation, EventPage.objects.get(pk=tally.other_event_id))
        cap = series.max_per_organisation
        if cap is not None and tally.organisation_taken >= cap:
            raise organisation_full(organisation, tally.organisation_taken)
    return tally


def duplicate() -> RegistrationRefused:
    return RegistrationRefused(
        _(
            "This e-mail address is already signed up for this event. Use the link in the "
            "e-mail we sent you to change or cancel the sign-up."
        ),
        code="duplicate",
    )


MAIL_KINDS = {
    RegistrationStatus.CONFIRMED: "confirmation",
    RegistrationStatus.WAITING: "waiting",
    RegistrationStatus.PENDING: "press_pending",
}


def status_of(event: EventPage, kind: str, tally: Tally) -> tuple[str, int | None]:
    """A new sign-up's status and waiting position, from the tally counted under the lock."""
    if kind in APPROVAL_KINDS:
        return RegistrationStatus.PENDING, None
    if event.capacity is not None and tally.confirmed >= event.capacity:
        return RegistrationStatus.WAITING, tally.last_position + 1
    return RegistrationStatus.CONFIRMED, None
