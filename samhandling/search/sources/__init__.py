"""The sources of the index that come with Samhandling. Importing this module registers them;
the type filter lists the kinds in the order they are registered (pages first, documents last)."""

from importlib import import_module

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import registry

for _module in ("pages", "committees", "agreements", "hearings"):
    import_module(f"{__name__}.{_module}")

registry.register_kind("document", pgettext_lazy("search result type", "Document"), _("Documents"))
