"""The newsroom's "Entry cards" choice: Isomer's plain cards (category, title, date), or cards
that also show what editors enter for the listing: the listing image and the summary."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actris_cms.renditions import page_pictures, specs
from newsroom.models import CardStyle, NewsroomIndexPage

from .conftest import png_bytes
from .factories import ImageFactory, build_newsroom, make_entry
from .html_checks import assert_valid_html

pytestmark = pytest.mark.django_db

SUMMARY = "Three days of talks on cell and gene therapy manufacturing"


def large_picture():
    return ImageFactory(file=ContentFile(png_bytes((200, 90, 40), (1200, 800)), "large.png"))


@pytest.fixture
def newsroom(media_root):
    home, index, (events, learning) = build_newsroom()
    pictured = make_entry(
        events, "Manufacturing symposium", days_ago=1, listing_image=large_picture(),
        summary=SUMMARY,
    )  # fmt: skip
    plain = make_entry(learning, "Plain entry", days_ago=2, summary="")
    return index, events, pictured, plain


def choose(index, style):
    index.card_style = style
    index.save_revision().publish()


def tile_of(html, title):
    """The card (the <a class="tile ...">) whose title is ``title``."""
    for tile in re.findall(r'<a class="tile[^"]*".*?</a>', html, re.S):
        if f">{title}<" in tile:
            return tile
    raise AssertionError(f"no card titled {title!r}")


def test_cards_are_plain_as_on_isomer_by_default(client, newsroom):
    index, events, pictured, plain = newsroom
    assert NewsroomIndexPage.objects.get().card_style == CardStyle.PLAIN
    for url in (index.url, events.url, "/"):
        tile = tile_of(client.get(url).content.decode(), "Manufacturing symposium")
        assert "<img" not in tile and SUMMARY not in tile, url


def test_cards_with_pictures_show_the_listing_image_and_summary_everywhere_listed(client, newsroom):
    index, events, pictured, plain = newsroom
    choose(index, CardStyle.PICTURE)
    for url in (index.url, events.url, "/"):
        html = client.get(url).content.decode()
        assert_valid_html(html)
        tile = tile_of(html, "Manufacturing symposium")
        assert 'class="tile__image"' in tile and 'alt=""' in tile, url  # beside its title
        srcset = re.search(r'srcset="([^"]+)"', tile).group(1)
        assert [part.split()[-1] for part in srcset.split(", ")] == ["400w", "800w"]
        assert f'<p class="tile__summary">{SUMMARY}</p>' in tile
        if url == index.url:  # (the plain entry is in the other category)
            plain_before = tile_of(html, "Plain entry")
            assert "<img" not in plain_before and "tile__summary" not in plain_before
    # an entry without a picture or summary looks as it did with plain cards
    choose(NewsroomIndexPage.objects.get(), CardStyle.PLAIN)
    assert tile_of(client.get(index.url).content.decode(), "Plain entry") == plain_before


def test_the_summary_is_text_not_markup(client, newsroom):
    index, events, pictured, plain = newsroom
    choose(index, CardStyle.PICTURE)
    pictured.summary = '<script>alert("x")</script> and <b>bold</b>'
    pictured.save_revision().publish()
    tile = tile_of(client.get(index.url).content.decode(), "Manufacturing symposium")
    assert "<script>" not in tile and "&lt;script&gt;" in tile


def test_publishing_an_entry_prepares_its_card_picture(
    newsroom, settings, django_capture_on_commit_callbacks
):
    index, events, pictured, plain = newsroom
    kinds = [kind for image, kind in page_pictures(pictured) if image == pictured.listing_image]
    assert sorted(kinds) == ["card", "share"]
    settings.WARM_RENDITIONS = True  # as with make run and in production (there by the worker)
    pictured.listing_image.renditions.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        pictured.save_revision().publish()
    made = set(pictured.listing_image.renditions.values_list("filter_spec", flat=True))
    assert set(specs("card")) <= made  # ready before any visitor asks for the card


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pictures_cost_a_constant_number_of_queries(client, newsroom):
    index, events, pictured, plain = newsroom
    choose(index, CardStyle.PICTURE)
    urls = [index.url, events.url, "/"]
    few = [count_queries(client, url) for url in urls]
    for n in range(8):
        make_entry(events, f"More {n}", days_ago=3 + n, listing_image=ImageFactory())
    many = [count_queries(client, url) for url in urls]
    assert many == few, dict(zip(urls, zip(few, many, strict=True), strict=True))
