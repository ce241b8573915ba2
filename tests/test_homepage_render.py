"""What visitors get at `/`: structure, accessibility basics, images, and query counts."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import EVERY_SECTION_DOCUMENT, SECTION_TYPES, SEED, isomer_sites, write_document
from .factories import actris_homepage
from .html_checks import assert_valid_html

pytestmark = pytest.mark.django_db


def import_document(path, *extra):
    call_command("import_isomer", str(path), *extra, stdout=open("/dev/null", "w"))


@pytest.fixture
def seeded():
    return actris_homepage()


def classes_of(html, prefix):
    return re.findall(rf'<section class="section section--(\w+) {prefix}', html)


def test_seed_homepage_structure(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    checker = assert_valid_html(html)
    assert {"header", "main", "footer", "nav"} <= checker.landmarks
    assert (
        '<h1 class="hero__title">Advanced Cell Therapy and Research Institute, Singapore</h1>'
        in html
    )
    # the button says where it leads to those who hear it ("Learn more" alone does not)
    assert (
        'href="/about-us/about-actris/">Learn more<span class="visually-hidden">: Advanced Cell '
        "Therapy and Research Institute, Singapore</span></a>"
    ) in html
    highlights = re.findall(
        r'<a class="key-highlights__link" href="([^"]+)">\s*<span class="key-highlights__title">([^<]+)</span>',
        html,
    )
    assert highlights == [
        ("/about-us/about-actris/", "About Us"),
        ("/our-facilities/about-our-facilities/", "Our Facilities"),
        ("/our-service-provision/clinical-scale-manufacturing/", "Our Service Provision"),
        ("/resources/cgmp-guidelines/", "Resources"),
    ]
    assert re.findall(r'<h2 class="section-title infopic__title">([^<]+)</h2>', html) == [
        "About Us",
        "Our Facilities",
        "Our Service Provision",
        "Resources",
    ]
    # Infopics alternate image side and sections alternate white / grey after the hero.
    assert re.findall(r"infopic infopic--image-(\w+)", html) == ["right", "left", "right", "left"]
    assert re.findall(r'<section class="section section--(\w+)', html) == [
        "white",
        "grey",
        "white",
        "grey",
        "white",
    ]
    assert '<h2 class="section-title">Newsroom &amp; Events</h2>' in html
    assert "ACTRIS\u2019s vision" in html  # the repaired meta description
    assert '<meta name="description" content="The Advanced Cell Therapy' in html
    assert "â€" not in html


def test_blocks_without_images_render_cleanly(client, seeded):
    html = client.get("/").content.decode()
    assert "hero hero--center hero--no-image" in html
    assert html.count("infopic--text-only") == 4
    assert "<img" not in html
    assert "None" not in html


def test_empty_notification_shows_nothing_and_html_notification_is_safe(client, seeded, tmp_path):
    assert b"data-notification" not in client.get("/").content
    text = SEED.read_text().replace(
        'notification: ""',
        'notification: <b>Scam alert</b> <a href="https://www.scamshield.gov.sg/" '
        'onclick="steal()">ScamShield</a><script>alert(1)</script>',
    )
    import_document(write_document(tmp_path, text))
    html = client.get("/").content.decode()
    assert '<div class="notification__text"><p data-block-key="k0000"><b>Scam alert</b>' in html
    assert '<a href="https://www.scamshield.gov.sg/">ScamShield</a>' in html
    assert "steal()" not in html and "<script>alert" not in html


def test_every_section_type_renders(client):
    import_document(isomer_sites() / EVERY_SECTION_DOCUMENT)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_html(html)
    # "hero " (the section, not only its parts) and its dropdown, then every other section.
    for css_class in ("hero ", "hero-dropdown", *SECTION_TYPES[1:]):
        assert f'class="{css_class}' in html or f" {css_class}" in html, css_class


@pytest.mark.parametrize("variant", ["center", "image", "side", "floating"])
def test_every_hero_variant_renders(client, tmp_path, variant):
    document = f"""---
layout: homepage
title: Variants
sections:
  - hero:
      title: Hero {variant}
      subtitle: A subtitle
      variant: {variant}
      alignment: right
      backgroundColor: black
      size: sm
      dropdown:
        title: Pick one
        options:
          - title: First
            url: /first/
      key_highlights:
        - title: One
          url: /one/
---
"""
    import_document(write_document(tmp_path, document))
    html = client.get("/").content.decode()
    assert_valid_html(html)
    assert f"hero hero--{variant}" in html
    assert '<a href="/first/">First</a>' in html
    assert "Pick one" in html
    if variant in ("side", "floating"):
        assert "hero--align-right hero--box-black hero--size-sm" in html
    else:
        assert "hero--align-right" not in html
    if variant == "image":
        assert '<h1 class="visually-hidden">Hero image</h1>' in html
    else:
        assert f'<h1 class="hero__title">Hero {variant}</h1>' in html


def test_live_actris_homepage_serves_responsive_modern_images(client):
    import_document(isomer_sites() / "cris-actris" / "index.md")
    html = client.get("/").content.decode()
    assert_valid_html(html)
    pictures = re.findall(r"<img[^>]+srcset=[^>]+>", html)
    assert len(pictures) == 5  # the hero and four infopics, each at two WebP widths
    assert all(len(re.findall(r"\.webp \d+w", tag)) == 2 and "sizes=" in tag for tag in pictures)
    assert 'alt="About-Us-Image"' in html
    assert 'loading="eager"' in html and 'fetchpriority="high"' in html  # the hero
    assert html.count('loading="lazy"') == 4  # infopics below the fold
    assert all(
        re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag)
        for tag in re.findall(r"<img[^>]+>", html)
    )
    assert 'property="og:image"' in html
    assert "data-notification" in html


def test_homepage_query_count_is_fixed(client, seeded, django_assert_max_num_queries):
    client.get("/")  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(first) == len(second)
    with django_assert_max_num_queries(12):
        client.get("/")


def test_no_cdn_assets(client, seeded):
    html = client.get("/").content.decode()
    for url in re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', html):
        assert url.startswith("/static/"), url
    assert client.get("/static/css/site.css").status_code == 200


def test_health_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
