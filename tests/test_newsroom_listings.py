"""Newsroom listings, the homepage "Newsroom & Events" block and the feeds, as visitors see them."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import build_newsroom, make_document, make_entry
from .html_checks import assert_valid_html
from .site_helpers import tile_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return build_newsroom()


def card_titles(html):
    return re.findall(r'<h[23] class="tile__title">([^<]+)', html)


def test_index_lists_newest_first_twelve_per_page_with_category_buttons(client, newsroom):
    home, index, (events, learning) = newsroom
    for n in range(14):
        make_entry(events if n % 2 else learning, f"Entry {n:02d}", days_ago=n)
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_html(html)
    assert card_titles(html) == [f"Entry {n:02d}" for n in range(12)]
    assert re.findall(r'class="tile__category">([^<]+)<', html)[:2] == [
        "Learning Portal",
        "Events",
    ]
    assert (
        f'href="{events.url}">Events</a>' in html
        and f'href="{learning.url}">Learning Portal</a>' in html
    )
    page_two = client.get(index.url, {"page": 2}).content.decode()
    assert card_titles(page_two) == ["Entry 12", "Entry 13"]
    assert client.get(index.url, {"page": 9}).status_code == 404


def test_category_page_shows_its_own_entries(client, newsroom):
    home, index, (events, learning) = newsroom
    make_entry(events, "Symposium", days_ago=1)
    make_entry(learning, "Talk", days_ago=2)
    html = client.get(events.url).content.decode()
    assert_valid_html(html)
    assert card_titles(html) == ["Symposium"]
    assert 'aria-current="page">Events</a>' in html


def test_future_dated_entries_wait_for_their_date(client, newsroom):
    """Live but dated next month: nowhere on the public site until then (as Jekyll builds no
    future post), neither listed nor reachable, searchable, in the feed or in the sitemap."""
    home, index, (events, _) = newsroom
    later = make_entry(events, "Quarterly symposium next month", days_ago=-30)
    shown = make_entry(events, "Quarterly symposium yesterday", days_ago=1)
    assert later.live
    assert card_titles(client.get(index.url).content.decode()) == [shown.title]
    assert client.get(later.url).status_code == 404
    assert client.get(shown.url).status_code == 200
    found = client.get("/search/", {"q": "quarterly symposium"}).content.decode()
    assert shown.title in found and later.title not in found
    feed = client.get(index.url + "feed/").content.decode()
    assert shown.title in feed and later.title not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert shown.full_url in sitemap and later.full_url not in sitemap
    # A file entry dated next month: its document waits with it.
    document = make_document("Programme")
    make_entry(events, "Programme next month", days_ago=-30, kind="file", document=document)
    assert client.get(document.url).status_code == 404
    # Editors still preview it as it will look.
    preview = later.make_preview_request()
    assert preview.status_code == 200 and later.title in preview.content.decode()


def test_titles_are_cut_at_fifteen_words(client, newsroom):
    home, index, (events, _) = newsroom
    long_title = " ".join(f"word{n}" for n in range(20))
    make_entry(events, long_title)
    (shown,) = card_titles(client.get(index.url).content.decode())
    assert shown == " ".join(f"word{n}" for n in range(15)) + " …"


def test_homepage_shows_three_newest_linking_as_listings_do(client, newsroom):
    home, index, (events, learning) = newsroom
    document = make_document()
    make_entry(events, "Old article", days_ago=10)
    article = make_entry(events, "Article", days_ago=3)
    make_entry(learning, "Report", days_ago=2, kind="file", document=document)
    make_entry(
        learning,
        "Press coverage",
        days_ago=1,
        kind="link",
        external_url="https://news.example.com/x",
    )
    html = client.get("/").content.decode()
    assert_valid_html(html)
    assert card_titles(html) == ["Press coverage", "Report", "Article"]
    tiles = tile_links(html)
    assert (
        'href="https://news.example.com/x" target="_blank" rel="noopener noreferrer"'
        in (tiles["Press coverage"])
    )
    assert f'href="{document.url}">' in tiles["Report"]
    assert f'href="{article.url}">' in tiles["Article"]
    assert "File download" in html and "External link" in html
    assert f'<a class="more-link" href="{index.url}">' in html


def test_homepage_without_entries_shows_an_empty_state(client, newsroom):
    assert "News and events will appear here." in client.get("/").content.decode()


def parse_feed(response):
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)


def test_feeds_are_valid_rss_for_newsroom_and_categories(client, newsroom):
    home, index, (events, learning) = newsroom
    document = make_document()
    make_entry(events, "Article", days_ago=3, summary="Summary <b>bold</b> & more")
    make_entry(learning, "Report", days_ago=2, kind="file", document=document)
    make_entry(
        learning, "Coverage", days_ago=1, kind="link", external_url="https://news.example.com/x"
    )
    make_entry(events, "Draft", publish=False)

    index_html = client.get(index.url).content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="{index.title.replace("&", "&amp;")}" href="{index.url}feed/">'
        in index_html
    )

    root = parse_feed(client.get(index.url + "feed/"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Coverage", "Report", "Article"]
    links = [i.findtext("link") for i in items]
    assert links[0] == "https://news.example.com/x"
    assert links[1] == "http://testserver" + document.url
    assert links[2].startswith("http://testserver/") and links[2].endswith("/article/")
    assert items[2].findtext("description") == "Summary <b>bold</b> & more"
    assert [i.findtext("category") for i in items] == [
        "Learning Portal",
        "Learning Portal",
        "Events",
    ]
    assert all(i.findtext("pubDate") for i in items)

    category_root = parse_feed(client.get(events.url + "feed/"))
    assert [i.findtext("title") for i in category_root.findall("./channel/item")] == ["Article"]
    assert f'href="{events.url}feed/"' in client.get(events.url).content.decode()


def test_entry_pages(client, newsroom):
    home, index, (events, _) = newsroom
    article = make_entry(
        events,
        "Symposium",
        body=[
            ("paragraph", "<p>Hello <b>world</b></p>"),
            ("heading", {"text": "Programme", "level": "h2"}),
            ("embed", {"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Video: talk"}),
            ("accordion", {"items": [{"title": "Where?", "body": "<p>NCCS</p>"}]}),
        ],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_html(html)
    assert '<h1 class="page-title__heading">Symposium</h1>' in html
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert '<summary class="accordion__title">Where?</summary>' in html
    link = make_entry(events, "Away", kind="link", external_url="https://news.example.com/y")
    response = client.get(link.url)
    assert response.status_code == 302 and response["Location"] == "https://news.example.com/y"


def render_queries(client, url):
    client.get(url)  # warm per-request caches such as the site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_entries(client, newsroom):
    home, index, (events, learning) = newsroom
    document = make_document()
    kinds = [
        {"kind": "article"},
        {"kind": "file", "document": document},
        {"kind": "link", "external_url": "https://example.com/"},
    ]
    entries = [
        make_entry(events if n % 2 else learning, f"Entry {n}", days_ago=n + 1, **kinds[n % 3])
        for n in range(3)
    ]
    urls = [index.url, events.url, "/", entries[0].url, index.url + "feed/"]
    few = [render_queries(client, url) for url in urls]
    for n in range(3, 60):
        make_entry(events if n % 2 else learning, f"Entry {n}", days_ago=n + 1, **kinds[n % 3])
    many = [render_queries(client, url) for url in urls]
    assert many == few, dict(zip(urls, zip(few, many, strict=True), strict=True))
