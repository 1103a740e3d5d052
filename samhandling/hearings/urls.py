"""The hearings' public addresses: responses (response_urls.py) and comments (comment_urls.py)."""

from . import comment_urls, response_urls

app_name = "hearings"
urlpatterns = [*response_urls.urlpatterns, *comment_urls.urlpatterns]
