"""Test data for input: a sign-up with a known private link, themes, group input."""

import itertools

from samhandling.events.models import Registration, RegistrationStatus, hash_token
from samhandling.inputs.models import Theme
from samhandling.inputs.services import input_register_for_group
from tests.events.factories import event, series

_numbers = itertools.count(1)

__all__ = ["event", "series", "registration", "theme", "group_input"]


def registration(event_page, *, token: str | None = None, **fields) -> tuple[Registration, str]:
    number = next(_numbers)
    token = token or f"test-input-token-{number}"
    fields.setdefault("name", "Kari Hemmelig")
    fields.setdefault("email", f"kari.hemmelig{number}@example.org")
    fields.setdefault("status", RegistrationStatus.CONFIRMED)
    created = Registration.objects.create(
        event=event_page, token_hash=hash_token(token), consent=True, **fields
    )
    return created, token


def theme(name: str | None = None, order: int = 0) -> Theme:
    return Theme.objects.create(name=name or f"Tema {next(_numbers)}", order=order)


def group_input(event_page, *, group="Gruppe 1", text="Innspill fra gruppa", themes=()):
    return input_register_for_group(event=event_page, group=group, text=text, themes=themes)
