"""Where personal data lives: one *source* per kind of record keyed by an e-mail address.

A source says what it holds about an address (records to show and to download) and how to erase
it (returning counts, never the address). The access page, the JSON download, erasure on request
and the admin's screen all go through the registered sources, so a new kind of record (hearing
responses, comments, newsletter subscriptions) is covered by registering one source in its app's
`AppConfig.ready`::

    from samhandling.privacy.registry import PersonalDataSource, Record, register_source

    register_source(PersonalDataSource(
        key="hearing_responses",
        label=_("Hearing responses"),
        find=lambda *, email: [Record(title=..., fields=[(_("Sent"), ...)], data={...})],
        erase=lambda *, email, now: {"deleted": ...},
        purpose=_("To publish and consider your response."),
        retention=lambda: _("Kept with the hearing."),
    ))
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Record:
    """One thing held about the person: a heading, labelled values for the page, and the same
    values with stable keys for the JSON download."""

    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    label: str
    find: Callable[..., list[Record]]  # find(*, email) -> records
    erase: Callable[..., dict[str, int]]  # erase(*, email, now) -> counts
    # For the privacy page: why the data is kept and for how long (text built from settings).
    purpose: str = ""
    retention: Callable[[], str] | None = None
    order: int = 100


_sources: dict[str, PersonalDataSource] = {}


def register_source(source: PersonalDataSource) -> None:
    """Add a source (registering the same key again replaces it)."""
    _sources[source.key] = source


def sources() -> list[PersonalDataSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.key))


def erase_all(*, email: str, now: datetime) -> dict[str, dict[str, int]]:
    return {source.key: source.erase(email=email, now=now) for source in sources()}
