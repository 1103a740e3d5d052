"""The public page of an organisation and the index of a community's organisations. Anonymous
and cacheable (the page cache purges them when what they show changes: public_cache.py); reads
through public_selectors. An organisation outside the site's health community is not found."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from samhandling.core import page_cache_tags
from samhandling.core.page_cache_middleware import cacheable_view
from samhandling.core.sites import site_for_request

from . import public_selectors as selectors


def _site(request):
    site = site_for_request(request)
    if site is None:
        raise Http404
    return site


@require_safe
@cacheable_view()
def organisation_index(request):
    site = _site(request)
    groups = selectors.organisations_by_kind(site=site)
    # A new member (or one that leaves) changes the community, which purges the whole site.
    return render(request, "organisations/organisation_index.html", {"groups": groups})


@require_safe
@cacheable_view()
def organisation_page(request, organisation_id: int, slug: str = ""):
    site = _site(request)
    organisation = selectors.organisation_on_site(site=site, organisation_id=organisation_id)
    if organisation is None:
        raise Http404
    canonical = selectors.organisation_url(site=site, organisation_id=organisation.pk)
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return redirect(canonical + (f"?{query}" if query else ""), permanent=True)
    shown = selectors.organisation_page(site=site, organisation=organisation, request=request)
    page_cache_tags.tag(*shown.tags)
    context = {
        "shown": shown,
        "organisation": organisation,
        "canonical_url": request.build_absolute_uri(canonical),
        "index_url": selectors.index_path(),
    }
    return render(request, "organisations/organisation_page.html", context)
