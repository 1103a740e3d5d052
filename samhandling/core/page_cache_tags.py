"""What a page shows, noted while it renders: the tags its cache entry is listed under, and the
earliest moment it changes by itself (sign-up opens or closes, a hearing opens or closes).

Every record read from the database while an anonymous page renders is noted by the model's
`post_init` signal, so a new template or selector is covered without asking for it:

- any page (of any type): `page:<id>`, and `type:<app.model>:<site>` for its type (a listing
  that shows news articles is purged when a new one is published);
- other records of the project's apps: `<app>.<model>:<id>` (e.g. `committees.person:7`);
- events and hearings also note when their state changes next (the entry expires then).

Lookups kept in the structure cache (menu, breadcrumbs, health community) are not read from the
database on every render: the middleware notes them by address (`menu:`, `tree:`, `site:`)."""

import contextvars
import datetime as dt

from django.utils import timezone

from .page_cache import Recorder

_recorder: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar(
    "samhandling_page_cache_recorder", default=None
)
# Sites' home pages are at depth 2 (treebeard steps of 4): the first 8 characters of a page's
# path name its site.
SITE_PATH_LENGTH = 8
# Models whose records no public page shows (mail, sends, subscribers, renditions, …): neither
# noted nor purged.
NOT_SHOWN = {
    "core.siterendition",
    "committees.minutesnotice",
    "events.broadcast",
    "events.outboxmessage",
    "hearings.hearingmail",
    "hearings.hearingreminder",
    "newsletters.newslettersend",
    "newsletters.delivery",
    "newsletters.subscriber",
    "newsletters.subscription",
    "newsletters.suppression",
    "search.searchentry",
    "search.documenttext",
}
# Apps whose records pages show (besides pages themselves).
SHOWN_APPS = {
    "core",
    "organisations",
    "committees",
    "events",
    "agreements",
    "hearings",
    "inputs",
    "newsletters",
    "wagtaildocs",
}


def start() -> tuple[Recorder, contextvars.Token]:
    recorder = Recorder()
    return recorder, _recorder.set(recorder)


def stop(token) -> None:
    _recorder.reset(token)


def tag(*tags: str) -> None:
    """Note tags by hand (for what is not read as a model instance)."""
    recorder = _recorder.get()
    if recorder is not None:
        recorder.add(*tags)


def changes_at(moment: dt.datetime | None) -> None:
    """The page being rendered changes by itself at `moment`: keep it no longer."""
    recorder = _recorder.get()
    if recorder is not None and moment is not None:
        recorder.change_at(moment.timestamp())


def is_page_model(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


def is_shown_model(model) -> bool:
    meta = model._meta
    return meta.app_label in SHOWN_APPS and meta.label_lower not in NOT_SHOWN


def record_tag(model, pk) -> str | None:
    """The tag of one record, or None for records no page shows."""
    if pk is None:
        return None
    if is_page_model(model):
        return f"page:{pk}"
    if is_shown_model(model):
        return f"{model._meta.label_lower}:{pk}"
    return None


def type_tag(model, path: str) -> str:
    return f"type:{model._meta.label_lower}:{path[:SITE_PATH_LENGTH]}"


def _next_local_midnight(now: dt.datetime) -> dt.datetime:
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def _event_moments(values: dict) -> list:
    deadline = values.get("signup_deadline") or values.get("start")
    return [values.get("signup_opens"), deadline, values.get("start"), values.get("end")]


def _hearing_moments(values: dict) -> list:
    from samhandling.hearings.pages import end_of_day

    opens_on, deadline = values.get("opens_on"), values.get("deadline")
    moments = []
    if opens_on is not None:
        moments.append(timezone.make_aware(dt.datetime.combine(opens_on, dt.time.min)))
    if deadline is not None:
        closes = end_of_day(deadline) + dt.timedelta(microseconds=1)
        moments.append(closes)
        if timezone.now() < closes:  # "days left" counts down at midnight
            moments.append(_next_local_midnight(timezone.now()))
    return moments


# Per page type: the moments (read from the instance's loaded fields only) its state changes.
MOMENTS = {
    "events.eventpage": _event_moments,
    "hearings.hearingpage": _hearing_moments,
}


class _Noting:
    """What `on_post_init` notes for the records of one model, worked out once per model."""

    __slots__ = ("pk_name", "prefix", "type_prefix", "moments")

    def __init__(self, model):
        self.pk_name = model._meta.pk.attname
        label = model._meta.label_lower
        self.prefix = None
        self.type_prefix = None
        self.moments = None
        if is_page_model(model):
            self.prefix = "page:"
            if label != "wagtailcore.page":
                self.type_prefix = f"type:{label}:"
                self.moments = MOMENTS.get(label)
        elif is_shown_model(model):
            self.prefix = f"{label}:"


_noting: dict = {}


def on_post_init(sender, instance, **kwargs) -> None:
    """post_init receiver: note the record if a page is rendering for the cache."""
    recorder = _recorder.get()
    if recorder is None:
        return
    noting = _noting.get(sender)
    if noting is None:
        noting = _noting[sender] = _Noting(sender)
    if noting.prefix is None:
        return
    values = instance.__dict__  # never a deferred field: reading one would query
    pk = values.get(noting.pk_name)
    if pk is None:
        return
    tags = recorder.tags
    tags.add(f"{noting.prefix}{pk}")
    if noting.type_prefix is not None:
        path = values.get("path")
        if path:
            tags.add(noting.type_prefix + path[:SITE_PATH_LENGTH])
        if noting.moments is not None:
            for moment in noting.moments(values):
                if isinstance(moment, dt.datetime):
                    recorder.change_at(moment.timestamp())


def connect() -> None:
    from django.db.models.signals import post_init

    post_init.connect(on_post_init, dispatch_uid="samhandling-page-cache-post-init")
