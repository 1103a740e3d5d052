"""What the home page lists under "Upcoming".

Apps that have dated things (events, meetings, hearing deadlines) register a provider with
`register_upcoming_provider`; each provider returns `UpcomingItem`s below a root page. The home page
merges them by start time. With no provider registered the list is simply empty.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page


@dataclass(frozen=True)
class UpcomingItem:
    title: str
    url: str
    start: datetime
    end: datetime | None = None
    kind: str = ""
    place: str = ""


Provider = Callable[..., Iterable[UpcomingItem]]
_providers: list[Provider] = []


def register_upcoming_provider(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def upcoming_items(*, root: Page, limit: int = 5) -> list[UpcomingItem]:
    items: list[UpcomingItem] = []
    for provider in _providers:
        items.extend(provider(root=root, limit=limit))
    return sorted(items, key=lambda item: item.start)[:limit]
