"""Database ids in addresses: a number no row can have is "not found", never a server error.

SQLite cannot even compare a column with an integer beyond the signed 64-bit range (Python
raises `OverflowError` before the query runs), so `/arrangement/99999999999999999999/pamelding/`
used to answer 500 there while PostgreSQL answered 404. The bound is kept here, once:

- `<id:name>` in a URL pattern (Django `path`, Wagtail's routable `@path`, django-ninja's
  `{id:name}`) matches only ids from 1 to `MAX_DATABASE_ID`; any other number matches no
  pattern and so answers 404. Every URL of the project with a database id uses it.
- Wagtail's own addresses (documents, admin) look ids up through Django's integer fields, which
  already treat a number out of range as "no row"; tests/test_big_ids.py holds them to it.
- `parse_id` reads an id from a query parameter or form value (None when it is not one), and
  `samhandling.api.common` bounds the API's id parameters with `MAX_DATABASE_ID`.
"""

from django.urls import register_converter

# The largest integer both SQLite and PostgreSQL (bigint) can hold: signed 64-bit.
MAX_DATABASE_ID = 2**63 - 1


def is_database_id(value: int) -> bool:
    return 1 <= value <= MAX_DATABASE_ID


def parse_id(text) -> int | None:
    """The id written in `text` (ASCII digits only), or None if it cannot be a database id."""
    text = str(text).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_DATABASE_ID)):
        return None
    value = int(text)
    return value if is_database_id(value) else None


class DatabaseIdConverter:
    """`<id:name>`: a database id, 1 to `MAX_DATABASE_ID`, given to the view as an int."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not is_database_id(number):
            raise ValueError(f"{value} is not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
