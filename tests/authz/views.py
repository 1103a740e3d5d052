"""Every view of the project that the matrix must cover: the URL patterns whose view lives in a
`samhandling.*` module (including those our apps register in the Wagtail admin through hooks), the
JSON API's operations, and the Wagtail viewsets (snippets, model viewsets) of our apps' models."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver


def _our_app_labels() -> set[str]:
    return {c.label for c in apps.get_app_configs() if c.name.startswith("samhandling.")}


def _is_ours(pattern: URLPattern, route: str, labels: set[str]) -> bool:
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None)
    module = (view_class or callback).__module__ or ""
    if module.startswith("samhandling."):
        return True
    if module.startswith("ninja.") and route.startswith("api/"):
        return True  # an operation of samhandling.api (django-ninja wraps each one)
    initkwargs = getattr(callback, "view_initkwargs", {}) or {}
    model = initkwargs.get("model") or getattr(view_class, "model", None)
    if getattr(getattr(model, "_meta", None), "app_label", None) in labels:
        return True  # a Wagtail viewset of one of our models
    return route.startswith("admin/snippets/") and route.split("/")[2] in labels


def _walk(patterns, prefix: str, labels: set[str]):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), labels)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if _is_ours(pattern, route, labels):
                yield route


def project_routes() -> set[str]:
    """The routes (as the resolver spells them, without the leading slash) of our views."""
    return set(_walk(get_resolver().url_patterns, "", _our_app_labels()))
