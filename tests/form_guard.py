"""Helpers for tests that post public forms directly: the fields that
`core/includes/form_guard.html` renders, as a person's browser would send them."""

import time

from samhandling.core.form_guard import HONEYPOT_FIELD, STAMP_FIELD, form_stamp


def guard_fields(*, seconds_ago: float = 60) -> dict:
    """A signed time the form was shown, `seconds_ago` (past the minimum fill time), and the
    honeypot left empty."""
    return {STAMP_FIELD: form_stamp(shown_at=time.time() - seconds_ago), HONEYPOT_FIELD: ""}
