"""What the public may see: live, public pages that are not below an unpublished page.

Wagtail serves a live page even when a page above it is unpublished; committee pages refuse
that (`HidesPagesBelowWhenUnpublished`), and lists and search leave such pages out with this."""

from django.db.models import Q
from wagtail.models import Page


def published(pages):
    """`pages` (a page queryset), live and public, without those below an unpublished page."""
    hidden = Q()
    for path in Page.objects.not_live().filter(numchild__gt=0).values_list("path", flat=True):
        hidden |= Q(path__startswith=path)
    pages = pages.live().public()
    return pages.exclude(hidden) if hidden else pages
