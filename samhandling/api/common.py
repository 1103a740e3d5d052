"""What every resource of the API shares: the site a request asks about, paging, date ranges,
error bodies and the small nested objects (an organisation, a committee) that many return."""

from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from ninja.errors import HttpError
from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from samhandling.core.ids import MAX_DATABASE_ID, parse_id
from samhandling.core.sites import site_for_request
from samhandling.core.visibility import published

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def IdFilter(description: str):  # noqa: N802 - used like ninja's Field
    """An optional id query parameter: a number no row can have is refused (422) before it
    reaches a query (SQLite cannot compare with an integer beyond 64 bits)."""
    return Field(None, ge=1, le=MAX_DATABASE_ID, description=description)


def ObjectId():  # noqa: N802 - used like ninja's Path
    """The id in an object's address, written `{id:name}` in the route: the `id` path converter
    lets no number outside 1…MAX_DATABASE_ID through, so such an address is not found (404)."""
    return Path(..., ge=1, le=MAX_DATABASE_ID)


class ErrorOut(Schema):
    detail: str = Field(description="What was wrong, in the language of the request.")


class ValidationErrorOut(Schema):
    detail: list[dict] = Field(description="One entry per invalid parameter (pydantic's format).")


def responses(out) -> dict:
    """The documented answers of a GET: the data, 304 after a matching If-None-Match, 404 for
    an unknown site or object, 422 for an invalid parameter."""
    return {200: out, 304: None, 404: ErrorOut, 422: ValidationErrorOut}


# --- The site ------------------------------------------------------------------------------------


class SiteFilter(Schema):
    site: str | None = Field(
        None,
        description="Host name (`helse-nord.localhost`) or id of a site. Default: the site of "
        "the host the request is sent to.",
    )


def resolve_site(request, site: str | None) -> Site:
    """The site asked for by host name or id, else the site of the request's host; 404 if none."""
    if site and not site.isprintable():  # no host name has a control character (or NUL)
        found = None
    elif site:
        site_id = parse_id(site)
        found = (
            Site.objects.filter(pk=site_id).first()
            if site_id is not None
            else Site.objects.filter(hostname__iexact=site.strip()).order_by("port").first()
        )
    else:
        found = site_for_request(request)
    if found is None:
        raise HttpError(404, _("No site has this host name or id."))
    return found


def pages_of_site(model, site: Site) -> QuerySet:
    """Published, public pages of `model` on the site (none below an unpublished page)."""
    return published(model.objects.descendant_of(site.root_page, inclusive=True))


def page_url(page: Page, request) -> str:
    return page.get_full_url(request)


def rich_text(html: str) -> str:
    """Rich text as the site shows it (links to pages and documents expanded)."""
    return expand_db_html(html) if html else ""


# --- Dates -----------------------------------------------------------------------------------


class DateRange(Schema):
    date_from: date | None = Field(
        None, alias="from", description="Only those on or after this day (YYYY-MM-DD)."
    )
    date_to: date | None = Field(
        None, alias="to", description="Only those on or before this day (YYYY-MM-DD)."
    )

    def apply(self, items: QuerySet, field: str) -> QuerySet:
        """Filter on a date field, or on the local (Europe/Oslo) day of a date-time field."""
        if self.date_from:
            items = items.filter(**{f"{field}__gte": self.date_from})
        if self.date_to:
            items = items.filter(**{f"{field}__lte": self.date_to})
        return items


# --- Paging ----------------------------------------------------------------------------------


class Paging(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most this many (1–{MAX_LIMIT})."
    )
    offset: int = Field(0, ge=0, description="Skip this many first.")


def _page_link(request, *, limit: int, offset: int) -> str:
    params = request.GET.copy()
    params["limit"] = str(limit)
    params["offset"] = str(offset)
    query = urlencode(sorted(params.lists()), doseq=True)
    return request.build_absolute_uri(f"{request.path}?{query}")


def set_paging_headers(response: HttpResponse, *, count: int, next_url, previous_url) -> None:
    """`X-Total-Count` and an RFC 8288 `Link` header with next/prev, on every list."""
    response["X-Total-Count"] = str(count)
    links = [
        f'<{url}>; rel="{rel}"' for rel, url in (("next", next_url), ("prev", previous_url)) if url
    ]
    if links:
        response["Link"] = ", ".join(links)


def paginate(
    request, response: HttpResponse, items, paging: Paging, *, convert=None, convert_window=None
) -> dict:
    """One page of `items` (a queryset or list) as {count, limit, offset, next, previous,
    results}, each result made by `convert(item)`, or all at once by `convert_window(items)`."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    limit, offset = paging.limit, paging.offset
    window = items[offset : offset + limit]
    next_url = (
        _page_link(request, limit=limit, offset=offset + limit) if offset + limit < count else None
    )
    previous_url = (
        _page_link(request, limit=limit, offset=max(offset - limit, 0)) if offset > 0 else None
    )
    set_paging_headers(response, count=count, next_url=next_url, previous_url=previous_url)
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": next_url,
        "previous": previous_url,
        "results": convert_window(list(window)) if convert_window else [convert(i) for i in window],
    }


def list_of(item_schema, name: str):
    """The schema of a page of a list: `name` with count, links and `results` of item_schema."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {
                "count": int,
                "limit": int,
                "offset": int,
                "next": str | None,
                "previous": str | None,
                "results": list[item_schema],
            },
            "__doc__": f"One page of a list: {item_schema.__name__} items, with the total count "
            "and links to the next and previous pages (null at either end).",
            "__module__": __name__,
        },
    )


# --- Small nested objects ----------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    name: str


class PageRef(Schema):
    id: int
    title: str
    url: str


def organisation_ref(organisation) -> OrganisationRef | None:
    if organisation is None:
        return None
    return OrganisationRef(id=organisation.pk, name=organisation.name)


def page_ref(page, request) -> PageRef:
    return PageRef(id=page.pk, title=page.title, url=page_url(page, request))


def get_or_404(items: QuerySet, **lookup):
    found = items.filter(**lookup).first()
    if found is None:
        raise HttpError(404, _("Not found."))
    return found
