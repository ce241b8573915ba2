"""The bundled sample site (`sample_content/actris-site/`) that `make run` imports on its first
run: small, complete (nothing it references is missing), and it looks like the real site."""

import html
import io
import json
import os
import re
import subprocess
import sys
import urllib.parse
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from content.models import ContactPage, SectionPage, StandardPage
from home.models import HomePage
from newsroom.models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage
from siteconfig.models import Footer, MainMenu

from .conftest import PROJECT_DIR, SEED
from .html_checks import assert_valid_html

SAMPLE = PROJECT_DIR / "sample_content" / "actris-site"
MAX_BYTES = 8 * 1000 * 1000
FACILITIES = [
    ("About Our Facilities", "/our-facilities/about-our-facilities/"),
    (
        "Process & Assay Development & Validation",
        "/our-facilities/process-assay-development-validation/",
    ),
    ("Cell Processing & Manufacturing", "/our-facilities/cell-processing-and-manufacturing/"),
]
REFERENCE = re.compile(r"/(?:images|files)/[^\"'()\n<>]+")


def import_sample(*args) -> str:
    out = io.StringIO()
    call_command("import_isomer", str(SAMPLE), *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def media_srcs(fragment: str) -> list[str]:
    return re.findall(r'<img[^>]*\ssrc="([^"]+)"', fragment)


def only(pattern: str, page: str) -> str:
    found = re.findall(pattern, page, re.S)
    assert len(found) == 1, (pattern, len(found))
    return found[0]


# -- the folder itself (no database) -----------------------------------------------------------


def test_sample_is_under_8_mb():
    total = sum(
        os.path.getsize(os.path.join(folder, name))
        for folder, _, names in os.walk(SAMPLE)
        for name in names
    )
    assert 1_000_000 < total < MAX_BYTES, total


def test_sample_holds_what_it_references_and_nothing_more():
    """Every image and file the documents name is in the folder, and every image or file in
    the folder is named by a document (no dead weight)."""
    referenced = set()
    for path in SAMPLE.rglob("*"):
        if path.is_file() and path.suffix in (".md", ".yml", ".html") and path.name != "README.md":
            for raw in REFERENCE.findall(path.read_text(encoding="utf-8")):
                referenced.add(urllib.parse.unquote(html.unescape(raw.strip())).lstrip("/"))
    media = {
        path.relative_to(SAMPLE).as_posix()
        for folder in ("images", "files")
        for path in (SAMPLE / folder).rglob("*")
        if path.is_file()
    }
    assert referenced == media
    assert len(media) == 16  # 15 pictures and one PDF
    assert sorted(p.name for p in (SAMPLE / "_our-facilities").glob("*.md")) == sorted(
        f"{title}.md" for title, _ in FACILITIES
    )
    assert len(list(SAMPLE.glob("newsroom-and-events/*/_posts/*.md"))) == 6
    assert SEED.is_file()  # the one-document sample the other tests use is still there


# -- imported ----------------------------------------------------------------------------------


def check_import_report(report: dict) -> None:
    """Nothing the sample references is missing, and no link leads nowhere."""
    assert report["images"]["missing"] == []
    assert len(report["images"]["imported"]) == 15
    codes = report["needs_a_human"]
    for code in ("missing_image", "missing_document", "broken_link", "broken_menu_link"):
        assert code not in codes, [i for i in report["items"] if i["code"] == code]
    assert report["counts"]["entries created"] == 6
    assert report["counts"]["documents imported"] == 1


def check_homepage(client, media_root) -> str:
    """The homepage: hero picture, four infopics with their pictures, the newest entries.

    Returns the homepage's HTML for the checks of the menu and footer on it."""
    home = HomePage.objects.get()
    assert home.live and home.latest_revision_id
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert_valid_html(page)
    hero = only(r'<section class="hero[^"]*".*?</section>', page)
    assert "Advanced Cell Therapy and Research Institute, Singapore" in hero
    [hero_src] = media_srcs(hero)
    assert hero_src.startswith("/media/") and "service-excellen" in hero_src
    assert 'href="/our-facilities/about-our-facilities/">Learn more<' in hero
    infopics = re.findall(r'<section class="[^"]*\binfopic\b.*?</section>', page, re.S)
    assert len(infopics) == 4
    for infopic in infopics:
        [src] = media_srcs(infopic)
        assert src.startswith("/media/images/"), src
    for src in media_srcs(page):  # the renditions exist on disk
        assert (media_root / src.removeprefix("/media/")).is_file(), src
    news = only(r'<ul class="tiles tiles--home">.*?</ul>', page)
    assert news.count("<li>") == 3
    assert "ACTRIS Townhall 2026" in page
    return page


def check_main_menu(client, page: str) -> None:
    """The main menu: the collection, the newsroom with its categories, the contact page; every
    link in it answers."""
    menu = MainMenu.objects.get()
    assert [item.value["title"] for item in menu.items] == [
        "Our Facilities",
        "Newsroom & Events",
        "Contact Us",
    ]
    nav = only(r'<nav class="site-menu".*?</nav>', page)
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert "/contact-us/" in hrefs and "/newsroom-and-events/events/" in hrefs
    assert {path for _, path in FACILITIES} <= set(hrefs)
    for href in hrefs:
        assert client.get(href, follow=True).status_code == 200, href


def check_footer(page: str) -> None:
    """The footer from _data/footer.yml."""
    footer = Footer.objects.get()
    assert footer.linkedin == "https://www.linkedin.com/company/72026534/"
    footer_html = only(r'<footer class="site-footer">.*?</footer>', page)
    assert 'href="/contact-us/"' in footer_html
    assert "https://www.linkedin.com/company/72026534/" in footer_html


def check_facilities(client) -> None:
    """The collection: its three pages in collection.yml order, each with its picture."""
    section = SectionPage.objects.get(slug="our-facilities")
    children = [p.specific for p in section.get_children().live()]
    assert [(p.title, p.url) for p in children] == FACILITIES
    assert all(isinstance(p, StandardPage) for p in children)
    for _, url in FACILITIES:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert_valid_html(body)
        assert any(src.startswith("/media/images/") for src in media_srcs(body)), url


def check_contact_page(client) -> None:
    """The contact page is live at /contact-us/ with the address and email."""
    contact = ContactPage.objects.get()
    assert contact.live and contact.url == "/contact-us/"
    response = client.get("/contact-us/")
    assert response.status_code == 200
    assert "23 Rochester Park" in response.content.decode()
    assert "business@actris.cris.sg" in response.content.decode()


def check_newsroom(client) -> None:
    """The newsroom: 6 entries (articles, links, a file) in 3 categories, all listed."""
    newsroom = NewsroomIndexPage.objects.get()
    assert NewsCategoryPage.objects.child_of(newsroom).live().count() == 3
    entries = list(NewsEntryPage.objects.live().select_related("document"))
    assert len(entries) == 6
    assert Counter(e.kind for e in entries) == {"article": 3, "link": 2, "file": 1}
    listing = client.get(newsroom.url)
    assert listing.status_code == 200
    for entry in entries:
        assert html.escape(entry.title, quote=False) in listing.content.decode(), entry.title
        check_news_entry(client, entry)


def check_news_entry(client, entry) -> None:
    """An entry answers as its kind should: an article with a picture, a link or file redirect."""
    response = client.get(entry.url)
    if entry.kind == "article":
        assert response.status_code == 200, entry.url
        assert any(
            src.startswith("/media/images/") for src in media_srcs(response.content.decode())
        )
    elif entry.kind == "link":  # sends visitors on to the address on another site
        assert response.status_code == 302
        assert entry.external_url.startswith("https://www.cris.sg/")
        assert response["Location"] == entry.external_url
    else:  # the file entry sends visitors to its document, which is served
        assert response.status_code == 302
        document = client.get(response["Location"])
        assert document.status_code == 200
        assert b"".join(document.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_imported_sample_looks_like_the_real_site(client, tmp_path, media_root):
    report_file = tmp_path / "report.json"
    output = import_sample("--report", report_file)
    assert output.startswith("Site imported."), output
    check_import_report(json.loads(report_file.read_text()))

    page = check_homepage(client, media_root)
    check_main_menu(client, page)
    check_footer(page)
    check_facilities(client)
    check_contact_page(client)
    check_newsroom(client)


@pytest.mark.django_db
def test_setup_site_imports_the_sample_once_and_prints_the_served_address(monkeypatch):
    out = io.StringIO()
    call_command("setup_site", "--url", "http://127.0.0.1:8123", stdout=out, stderr=io.StringIO())
    first = out.getvalue()
    assert "Sign in at http://127.0.0.1:8123/admin/ with" in first
    assert "password: " in first
    assert "Site imported." in first
    assert HomePage.objects.get().latest_revision_id
    assert NewsEntryPage.objects.live().count() == 6
    assert MainMenu.objects.get().items
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()

    def state():
        return (
            sorted(Page.objects.values_list("id", "latest_revision_id", "live", "url_path")),
            Revision.objects.count(),
            get_image_model().objects.count(),
            get_document_model().objects.count(),
            sorted(get_user_model().objects.values_list("username", "password")),
        )

    before = state()
    # Without --url it reads HOST and PORT, the variables `make run` passes (as run-dev.sh does).
    monkeypatch.setenv("HOST", "127.0.0.1")
    monkeypatch.setenv("PORT", "8124")
    out = io.StringIO()
    call_command("setup_site", stdout=out, stderr=io.StringIO())
    second = out.getvalue()
    assert "sample import skipped" in second
    assert "http://127.0.0.1:8124/admin/" in second
    assert "password: " not in second
    assert state() == before


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "http://127.0.0.1:8000"),
        ({"HOST": "127.0.0.1", "PORT": "8124"}, "http://127.0.0.1:8124"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://127.0.0.1:9000"),
        ({"PORT": "8124", "WAGTAILADMIN_BASE_URL": "https://cms.example"}, "https://cms.example"),
    ],
)
def test_make_run_links_the_admin_to_the_port_it_serves(env, expected):
    """The development settings (what `make run` uses) build admin links for HOST and PORT."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("HOST", "PORT", "WAGTAILADMIN_BASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    printed = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SHOW_BASE_URL],
        cwd=PROJECT_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed.split() == ["actris_cms.settings.dev", expected]


SHOW_BASE_URL = (
    "from django.conf import settings; "
    "print(settings.SETTINGS_MODULE, settings.WAGTAILADMIN_BASE_URL)"
)
