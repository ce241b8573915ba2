"""Budgets a visitor feels, on the real ACTRIS site: queries per page, and no picture made while
someone waits for it.

Counts are deterministic (the second view of a page, once per-request caches are warm), so they
are asserted; timings are not (``bench/serve.py`` measures those).
"""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Page

from content.models import ContactPage, StandardPage
from home.models import HomePage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage

from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .site_helpers import run_import

pytestmark = [pytest.mark.django_db, pytest.mark.isomer_sites]

PAGE_BUDGET = 10
SEARCH_BUDGET = 12
Rendition = get_image_model().get_rendition_model()


@pytest.fixture
def actris(settings):
    site = ISOMER_SITES_DIR / "cris-actris"
    if not site.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    settings.WARM_RENDITIONS = True  # as in production: importing makes the pictures
    run_import(site)
    return site


def view_queries(client, url) -> list[str]:
    """The SQL of the second view of ``url`` (the first fills per-request caches)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def representative_pages() -> dict[str, Page]:
    def biggest(pages):
        return max(pages, key=lambda page: len(json.dumps(list(page.body.raw_data))))

    return {
        "homepage": HomePage.objects.get(),
        "article": biggest(NewsEntryPage.objects.live().filter(kind="article")),
        "content page": biggest(StandardPage.objects.live()),
        "contact page": ContactPage.objects.live().first(),
        "newsroom index": NewsroomIndexPage.objects.live().get(),
        "newsroom category": NewsCategoryPage.objects.live().first(),
    }


def no_picture_made_on_view(client):
    made_at_import = Rendition.objects.count()
    assert made_at_import > 100  # every picture of every page, in its sizes
    urls = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    not_served = []
    for url in urls:
        response = client.get(url)
        if response.status_code not in (200, 301, 302):
            not_served.append((url, response.status_code))
    assert not_served == []
    made_on_view = list(
        Rendition.objects.order_by("id")[made_at_import:].values_list("image__title", "filter_spec")
    )
    assert made_on_view == [], f"renditions made while a visitor waited ({len(urls)} pages)"


def query_budgets(client, artifacts):
    counts = {}
    for name, page in representative_pages().items():
        counts[name] = len(view_queries(client, page.url))
    counts["search, few results"] = len(view_queries(client, "/search/?q=haematology"))
    counts["search, a full page"] = len(view_queries(client, "/search/?q=cell"))
    (artifacts / "query-budgets.json").write_text(json.dumps(counts, indent=2))
    over = {
        name: count
        for name, count in counts.items()
        if count > (SEARCH_BUDGET if name.startswith("search") else PAGE_BUDGET)
    }
    assert over == {}, counts


def search_flat_in_results(client):
    from search.views import RESULTS_PER_PAGE

    full_page = client.get("/search/?q=cell").context["results_page"]
    assert len(full_page) == RESULTS_PER_PAGE
    assert 0 < len(client.get("/search/?q=haematology").context["results_page"]) < RESULTS_PER_PAGE
    few = len(view_queries(client, "/search/?q=haematology"))
    full = len(view_queries(client, "/search/?q=cell"))
    # At most one query per page type among the results, never one per result.
    assert full <= few + len({type(page) for page in full_page}), (few, full)


def settings_once_per_request(client):
    url = StandardPage.objects.live().first().url
    cache.clear()  # nothing rendered yet: header and footer are built from the settings
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for table in ("siteconfig_siteidentity", "siteconfig_mainmenu", "siteconfig_footer"):
        sql = [query["sql"] for query in queries.captured_queries]
        assert len([s for s in sql if f'FROM "{table}"' in s]) == 1, table


def sitemap_cached_until_published(client):
    first = client.get("/sitemap.xml")
    assert first.status_code == 200 and "s-maxage" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/sitemap.xml")
    assert again.content == first.content
    assert not [q for q in queries.captured_queries if "wagtailcore_page" in q["sql"]]
    page = StandardPage.objects.live().first()
    page.slug = "a-fresh-address"
    page.save_revision().publish()
    assert "/a-fresh-address/" in client.get("/sitemap.xml").content.decode()


def test_imported_site_keeps_its_budgets(actris, client, artifacts):
    """One import (the slow part), then each budget in turn."""
    no_picture_made_on_view(client)
    query_budgets(client, artifacts)
    search_flat_in_results(client)
    settings_once_per_request(client)
    sitemap_cached_until_published(client)
