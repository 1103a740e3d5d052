"""Nynorsk falls back to bokmål, not to English.

Wagtail (and several other apps) ship a bokmål catalogue but no nynorsk one, so without this
module every Wagtail string that the project has not translated itself comes out in English under
nn ("Save draft", "Search term", "Page 1 of 6"). A reader of nynorsk reads bokmål without effort;
English is a wall. So under nn a missing msgid is looked up in bokmål before it is left in English.

How Django builds a translation, and where this hooks in
--------------------------------------------------------
`django.utils.translation.trans_real.DjangoTranslation(language, domain)` is one GNU gettext
catalogue for one language, built by merging, in rising precedence: Django's own catalogue, the
`locale/` of every installed app (in reverse INSTALLED_APPS order) and the project's LOCALE_PATHS.
A msgid missing from the merged catalogue goes to the object's *fallback*, which `_add_fallback()`
sets to the catalogue of settings.LANGUAGE_CODE, except for LANGUAGE_CODE itself and for English.
Since LANGUAGE_CODE is "nn", nn has no fallback at all: a msgid nobody translated into nynorsk is
returned as it is, in English. (nb, for its part, falls back to nn, and keeps doing so.)

`install_fallbacks()` wraps `DjangoTranslation._add_fallback` so that a language listed in
FALLBACKS first gets the catalogue of its fallback language, merged from the same sources (every
app and LOCALE_PATHS) but *without* a fallback of its own, and then whatever Django would have
chained anyway. The chain for nn is therefore:

    nn (Django, apps, project) -> nb (Django, apps incl. Wagtail, project) -> English msgid

Every translation object passes through `_add_fallback`, so the hook covers both gettext domains:
"django" (templates and Python, built once per language and cached by Django) and "djangojs" (the
JavaScript catalogue that Django's JavaScriptCatalog view, and so Wagtail's admin at
/admin/jsi18n/, builds per request and whose `get_catalog()` walks the fallback chain). Nothing
changes for nb or en, nor for a msgid that has a nynorsk translation anywhere: the project's nn
catalogue still overrides Wagtail's, and Django's own nynorsk still wins over Wagtail's bokmål.

The bokmål used as a fallback is a separate object, not `translation("nb")`: that one falls back
to nn (LANGUAGE_CODE), and chaining it under nn would send a msgid missing from both round in a
loop.
"""

from django.utils.translation import trans_real

# language -> the language whose catalogue is consulted before the msgid is left in English
FALLBACKS = {"nn": "nb"}


class _CatalogueWithoutFallback(trans_real.DjangoTranslation):
    """One language's merged catalogue (Django, apps, LOCALE_PATHS) with no fallback behind it."""

    def _add_fallback(self, localedirs=None):
        return None


def _catalogue_for(language: str, domain: str, localedirs):
    if domain == "django":  # Django always merges every app for this domain (no localedirs)
        return _CatalogueWithoutFallback(language)
    return _CatalogueWithoutFallback(language, domain=domain, localedirs=localedirs)


def install_fallbacks() -> None:
    """Make each language in FALLBACKS fall back to its sibling before English. Idempotent."""
    original = trans_real.DjangoTranslation._add_fallback
    if getattr(original, "samhandling_fallbacks", False):
        return

    def _add_fallback(self, localedirs=None):
        sibling = FALLBACKS.get(self.language())
        if sibling:
            self.add_fallback(_catalogue_for(sibling, self.domain, localedirs))
        # Then Django's own fallback (the LANGUAGE_CODE catalogue, if any), chained behind it.
        original(self, localedirs)

    _add_fallback.samhandling_fallbacks = True
    trans_real.DjangoTranslation._add_fallback = _add_fallback
    # Catalogues built before the hook (e.g. by a gettext call while apps were loading) are
    # rebuilt on their next use.
    trans_real._translations.clear()
    trans_real._default = None
