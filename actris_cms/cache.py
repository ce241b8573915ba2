"""Caching: how long visitors' pages may be kept, and what a change makes stale.

Three layers, one rule each:

- The proxy (nginx, or a CDN) keeps anonymous pages for ``PAGE_CACHE_SECONDS`` because pages
  say so (``Cache-Control: public, s-maxage=...``, set in one place: ``CachedPageMixin.serve``).
- The app keeps rendered fragments (header, footer, page bodies) in its cache under the
  current *content version*; any publish, unpublish, move, delete or settings change starts a
  new version, so no fragment outlives the content it shows.
- Wagtail's frontend-cache invalidation purges from the proxy exactly the pages that show what
  changed (``pages_showing``): the page, its listings and feeds, its section's pages, and every
  page when the change reaches the menu or the site's settings.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from .privacy import ViewRestrictionsMixin

CONTENT_VERSION = "content-version"
logger = logging.getLogger(__name__)


def content_version() -> int:
    """The version fragments are cached under (a number any content change moves on)."""
    return cache.get_or_set(CONTENT_VERSION, 1, timeout=None)


def new_content_version() -> None:
    try:
        cache.incr(CONTENT_VERSION)
    except ValueError:  # not set (yet, or evicted): any other value makes old keys stale
        cache.set(CONTENT_VERSION, content_version() + 1, timeout=None)


def cacheable(request, response) -> bool:
    """Only anonymous, successful GETs without cookies; never previews, admin or search."""
    return (
        not getattr(request, "private_page", False)
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def cache_headers(request, response):
    if cacheable(request, response):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.BROWSER_CACHE_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
            stale_while_revalidate=settings.STALE_SECONDS,
        )
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


class CachedPageMixin(ViewRestrictionsMixin):
    """On every page model: pages tell the proxy and the CDN how long they may be kept (never
    when the page is in a private section: a visitor who gave its password must not leave a
    copy for everyone)."""

    def serve(self, request, *args, **kwargs):
        request.private_page = self.is_private()
        return cache_headers(request, super().serve(request, *args, **kwargs))


# -- what a change makes stale -----------------------------------------------------------------
def menu_pages() -> set[int]:
    """Ids of pages the main menu shows: its section pages, their children, linked pages."""
    from siteconfig.models import MainMenu

    linked, sections = set(), set()
    for menu in MainMenu.objects.all():
        for item in menu.items.raw_data:
            value = item.get("value") or {}
            page = value.get("page") or (value.get("link") or {}).get("page")
            linked.add(page)
            if item.get("type") == "section":
                sections.add(page)
    linked.discard(None)
    sections.discard(None)
    children = set()
    for section in Page.objects.filter(pk__in=sections):
        children.update(section.get_children().values_list("id", flat=True))
    return linked | children


def pages_showing(page: Page) -> tuple[list[Page], bool]:
    """(pages that show ``page``, whether every page does: the menu shows it)."""
    from content.models import SectionPage
    from newsroom.models import NewsEntryPage

    page = page.specific_deferred
    if {page.id, page.get_parent().id} & menu_pages():  # the menu's pages are looked up once
        return [], True
    shown = [page, page.get_parent()]
    if isinstance(page, NewsEntryPage):
        shown += list(page.get_ancestors().filter(depth__gte=2))  # homepage, newsroom, category
    if section := SectionPage.objects.ancestor_of(page).first():
        shown += list(section.get_descendants(inclusive=True).live())
    return shown, False


def purge(pages, everything=False) -> None:
    """Drop ``pages`` (or every live page) and the sitemap from the proxy's cache."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    batch = PurgeBatch()
    batch.add_pages(Page.objects.live() if everything else [p for p in pages if p.live])
    batch.add_urls(site.root_url + "/sitemap.xml" for site in Site.objects.all())
    batch.purge()


class ProxyPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge as our nginx takes it: ``GET /_purge<path>`` with the page's Host
    (ngx_cache_purge's separate-location form; its ``PURGE`` method form crashes nginx 1.22's
    workers). A time limit keeps a slow proxy from holding up publishing, and "not in the
    cache" (404) is done, not an error."""

    TIMEOUT_SECONDS = 2

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        path = "/_purge" + (parts.path or "/")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, path, parts.query, ""])
        request = Request(target, headers={"Host": host})
        try:
            urlopen(request, timeout=self.TIMEOUT_SECONDS)  # noqa: S310 - our own proxy
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the proxy: HTTP %s", url, error.code)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the proxy: %s", url, error)
