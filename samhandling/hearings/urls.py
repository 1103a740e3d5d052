"""The hearings' public addresses: responses (response_urls.py), comments (comment_urls.py) and
the reads beside the hearing pages (page_urls.py)."""

from . import comment_urls, page_urls, response_urls

app_name = "hearings"
urlpatterns = [*response_urls.urlpatterns, *comment_urls.urlpatterns, *page_urls.urlpatterns]
