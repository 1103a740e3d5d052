"""The read-only JSON API: public data of each helsefellesskap's site.

Its OpenAPI description is at /api/openapi.json and its interactive documentation at /api/docs
(Swagger UI from our own static files). One module per resource; `common` holds the site
parameter, paging and date ranges, `conditional` the ETags, `docs` the documentation page."""

from django.http import Http404
from django.utils.translation import gettext as _

from samhandling.events.api import router as events_router

from . import agreements, committees, hearings, measures, meetings, news, organisations, sites
from .conditional import ConditionalNinjaAPI
from .docs import LocalSwagger

DESCRIPTION = """Public, read-only data of a helsefellesskap's site: events, committees and their
members, meetings with agenda items and (once the minutes are published) decisions, agreements
with versions and adoptions, hearings with their drafts and (once published) responses,
action-plan measures, organisations and news. Nothing unpublished or private is ever returned:
no participants, no responder's e-mail, phone or address, parts of responses blanked by the
secretariat only as the reason, and a person's e-mail address only where the site shows it.

**Site.** Every list and object belongs to one site: by default the site of the host the request
is sent to; the `site` parameter names another by host name or id (see `/api/sites`).

**Paging.** Lists take `limit` (1–200, default 50) and `offset` and answer
`{count, limit, offset, next, previous, results}`, `next` and `previous` being full URLs or
null; the same figures come as `X-Total-Count` and an RFC 8288 `Link` header (`rel="next"`,
`rel="prev"`). `/api/events` alone answers a plain array (all events unless `limit` is given),
as it did before the other resources came; its headers page it the same way.

**Dates.** `from` and `to` (YYYY-MM-DD, both inclusive) filter on the day a meeting or event
starts, a news article's date, a measure's or a hearing's deadline or an agreement's version
dates.

**ETags.** Every answer has a strong `ETag` (a hash of the body) and `Cache-Control: no-cache`.
Send it back in `If-None-Match` (weak comparison: `W/"…"` matches too) to get `304 Not
Modified` with no body when nothing has changed.

**Errors.** An unknown site or object gives 404 and an invalid parameter 422, with a `detail`.
"""

api = ConditionalNinjaAPI(
    title="Samhandling API",
    version="2",
    description=DESCRIPTION,
    docs=LocalSwagger(),
    docs_url="/docs",
    urls_namespace="api",
)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


def address_not_found(request, *args, **kwargs):
    """Any address under /api/ that no operation matches (`/api/events/x`, an id beyond what
    the database holds): the API's JSON 404, not the site's HTML page."""
    return not_found(request, None)


api.add_router("/", sites.router)
api.add_router("/", events_router)
api.add_router("/", committees.router)
api.add_router("/", meetings.router)
api.add_router("/", agreements.router)
api.add_router("/", hearings.router)
api.add_router("/", measures.router)
api.add_router("/", organisations.router)
api.add_router("/", news.router)
