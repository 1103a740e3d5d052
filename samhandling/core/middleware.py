"""Chooses the interface language: the visitor's own choice (the language cookie set by the
switch), otherwise the default language of the site's health community."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .sites import community_for_request

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_for_request(request) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in SUPPORTED:
        return chosen
    community = community_for_request(request)
    if community and community.default_language in SUPPORTED:
        return community.default_language
    return settings.LANGUAGE_CODE


class SiteLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
