"""The read-only JSON API, with its OpenAPI description at /api/openapi.json.

No interactive docs page: django-ninja's would load Swagger UI from a CDN, and no page of ours
asks a third party for anything. The OpenAPI file works with any local viewer."""

from ninja import NinjaAPI

from samhandling.events.api import router as events_router

api = NinjaAPI(
    title="Samhandling",
    version="1",
    description="Public, read-only data of a helsefellesskap's site: events.",
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/", events_router)
