"""RSS 2.0 feeds of newsroom entries (the whole newsroom, or one category)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 50


class EntriesFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.page.title

    def link(self):
        return self.page.get_url(self.request)

    def feed_url(self):
        return self.request.build_absolute_uri(self.page.feed_url())

    def description(self):
        return f"The latest from {self.page.title}"

    def items(self):
        return self.page.feed_entries(FEED_LENGTH)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        url = item.listing_url
        if url.startswith("/"):
            return self.request.build_absolute_uri(url)
        return url

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_guid_is_permalink(self, item):
        return item.kind == "article"

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.publication_date, datetime.time(9, 0))
        )

    def item_categories(self, item):
        return [item.category_label] if item.category_label else []
