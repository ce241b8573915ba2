"""The public site beyond the homepage: search, SEO files, error pages, well-formed HTML everywhere."""

import re
import xml.etree.ElementTree as ET

import pytest

from .factories import StandardPageFactory, build_newsroom, make_entry
from .html_checks import assert_valid_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_pages():
    home, newsroom, (events, _) = build_newsroom()
    StandardPageFactory(
        parent=home,
        title="About cell manufacturing",
        slug="about-manufacturing",
        body=[
            (
                "paragraph",
                "<p>ACTRIS runs cleanrooms for cellular therapeutics and manufacturing.</p>",
            )
        ],
    )
    for n in range(12):
        StandardPageFactory(
            parent=home,
            title=f"Guideline {n}",
            slug=f"guideline-{n}",
            body=[("paragraph", f"<p>Quality guideline number {n} for bioprocessing.</p>")],
        )
    make_entry(
        events, "Symposium on immunotherapy", summary="A day of talks on immunotherapy research."
    )
    StandardPageFactory(
        parent=home,
        title="Secret bioprocessing draft",
        slug="secret",
        body=[("paragraph", "<p>bioprocessing secrets</p>")],
        publish=False,
    )
    return home


def result_titles(html):
    return re.findall(r'class="search-result__title"><a href="[^"]+">([^<]+)</a>', html)


def test_search_finds_pages_and_entries_with_snippets(client, site_with_pages):
    html = client.get("/search/", {"q": "immunotherapy"}).content.decode()
    assert_valid_html(html)
    assert result_titles(html) == ["Symposium on immunotherapy"]
    assert "<mark>immunotherapy</mark>" in html
    html = client.get("/search/", {"q": "cleanrooms"}).content.decode()
    assert result_titles(html) == ["About cell manufacturing"]
    assert "<mark>cleanrooms</mark>" in html


def test_search_matches_the_start_of_words(client, site_with_pages):
    html = client.get("/search/", {"q": "manufactu"}).content.decode()
    assert "About cell manufacturing" in result_titles(html)


def test_search_paginates_and_hides_drafts(client, site_with_pages):
    first = client.get("/search/", {"q": "bioprocessing"}).content.decode()
    assert "12 results" in first
    assert len(result_titles(first)) == 10
    second = client.get("/search/", {"q": "bioprocessing", "page": 2}).content.decode()
    assert len(result_titles(second)) == 2
    assert "Secret bioprocessing draft" not in first + second


def test_search_without_results_or_query(client, site_with_pages):
    assert "No results for" in client.get("/search/", {"q": "zzzxqy"}).content.decode()
    html = client.get("/search/").content.decode()
    assert "Type what you are looking for" in html
    assert 'role="search"' in html


def test_robots_and_sitemap(client, site_with_pages):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    urls = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(url.endswith("/about-manufacturing/") for url in urls)
    assert not any("secret" in url for url in urls)


def test_seo_tags_on_content_pages(client, site_with_pages):
    html = client.get("/about-manufacturing/").content.decode()
    assert_valid_html(html)
    assert '<html lang="en">' in html
    assert '<link rel="canonical" href="http://testserver/about-manufacturing/">' in html
    assert '<meta property="og:title" content="About cell manufacturing">' in html
    assert 'name="twitter:card"' in html


def test_404_page(client, site_with_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_valid_html(html)
    assert "Page not found" in html


def test_500_page_needs_no_database():
    from django.db import connection
    from django.template import loader
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = loader.get_template("500.html").render({})
    assert len(queries) == 0
    assert "Something went wrong" in html
    assert_valid_html(html)
