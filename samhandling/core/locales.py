"""The language code of a Wagtail locale by its id, without a query per page.

A page shows the language of each page it lists (`lang` where it differs from the interface);
reading `page.locale` for that costs one query per listed page. Locales are a handful of rows
that editors almost never change: their codes are kept in the structure cache (see
`structure_cache`; saving or deleting a locale forgets them)."""

from .structure_cache import cached


def _codes() -> dict[int, str]:
    from wagtail.models import Locale

    return dict(Locale.objects.values_list("id", "language_code"))


def language_code(locale_id: int | None) -> str:
    if locale_id is None:
        return ""
    code = cached("locales", build=_codes).get(locale_id)
    if code is None:  # a locale made since the codes were cached, in another process
        code = _codes().get(locale_id, "")
    return code
