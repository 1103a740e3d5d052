"""The Atom feed of a site's news (RFC 4287, Django's syndication framework): at
`<news index>/atom/`, the latest articles below that index, each with its title, address, dates,
lead as summary, and the health community as author, in the language of the news section.

News has no tags or lists today, so there is one feed per news index (that is, per site). Events
and hearings have their own iCalendar feeds."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

FEED_SIZE = 20


class NewsAtomFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, index=None, **kwargs):
        from samhandling.core.sites import community_for_request

        self.community = community_for_request(request)
        self.request = request
        return index

    def title(self, index):
        name = self.community.name if self.community else ""
        return f"{index.title} – {name}" if name else index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return index.get_full_url(self.request) + "atom/"

    def subtitle(self, index):
        return index.lead or None

    def author_name(self, index):
        return self.community.name if self.community else None

    def feed_guid(self, index):
        return self.feed_url(index)

    def items(self, index):
        from .selectors import latest_news

        return latest_news(root=index, limit=FEED_SIZE)

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.lead or None

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return dt.datetime.combine(article.date, dt.time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, article):
        published = self.item_pubdate(article)
        changed = article.last_published_at
        return max(published, changed) if changed else published

    def item_author_name(self, article):
        return self.community.name if self.community else None

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.locale.language_code
        return feed
