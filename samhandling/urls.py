from django.conf import settings
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from samhandling.api import api
from samhandling.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sok/", core_views.search, name="search"),
    path("sprak/", set_language, name="set_language"),
    path("api/", api.urls),
    path("", include("samhandling.events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "samhandling.core.views.page_not_found"
handler500 = "samhandling.core.views.server_error"
