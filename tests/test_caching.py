"""What may be kept by the proxy or a CDN, for how long, and what a change makes stale.

The proxy itself (nginx purging and serving from its cache) is exercised by ``make smoke``; here
the app's side of the contract: headers, private sections, fragments and the purge lists.
"""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from actris_cms import signals
from actris_cms.cache import pages_showing
from siteconfig.models import Footer, MainMenu

from .factories import StandardPageFactory, build_newsroom, make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home, newsroom, (events, learning) = build_newsroom()
    about = StandardPageFactory(parent=home, title="About us")
    return home, newsroom, events, learning, about


def test_anonymous_pages_say_how_long_proxies_may_keep_them(client, site):
    response = client.get("/")
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        "s-maxage=600",
        "stale-while-revalidate=60",
    }


def test_editors_previews_and_searches_are_never_kept(client, site, django_user_model):
    assert "private" in client.get("/search/?q=cell")["Cache-Control"]
    editor = django_user_model.objects.create_superuser("ed", "", "pw")
    client.force_login(editor)
    response = client.get("/")
    assert "public" not in response["Cache-Control"] and "private" in response["Cache-Control"]
    home = site[0]
    preview = client.get(f"/admin/pages/{home.id}/edit/preview/?mode=")
    assert "public" not in preview.get("Cache-Control", "")


def test_private_sections_are_neither_cached_nor_listed(client, site):
    home, newsroom, events, learning, about = site
    secret = make_entry(learning, "Staff only")
    open_entry = make_entry(events, "Open day")
    PageViewRestriction.objects.create(
        page=learning, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    listing = client.get(newsroom.url).content.decode()
    assert "Open day" in listing and "Staff only" not in listing
    assert "Learning Portal" not in listing  # the category button too
    assert "Staff only" not in client.get("/").content.decode()

    form = client.get(secret.url)
    assert "public" not in form["Cache-Control"]
    restriction = PageViewRestriction.objects.get()
    answer = client.post(
        f"/_util/authenticate_with_password/{restriction.id}/{secret.id}/",
        {"password": "letmein", "return_url": secret.url},
    )
    assert answer.status_code == 302
    page = client.get(secret.url)
    assert page.status_code == 200 and "Staff only" in page.content.decode()
    assert "public" not in page["Cache-Control"]  # a visitor's unlocked copy stays theirs
    assert "public" in client.get(open_entry.url)["Cache-Control"]


def test_header_and_footer_change_as_soon_as_settings_are_saved(client, site):
    home, newsroom, events, learning, about = site
    assert "Visit our office" not in client.get(about.url).content.decode()  # fragments cached
    footer = Footer.for_site(home.get_site())
    footer.links = [("link", {"title": "Visit our office", "link": {"page": None, "url": "/x/"}})]
    footer.save()
    menu = MainMenu.for_site(home.get_site())
    menu.items = [("link", {"title": "Careers", "link": {"page": None, "url": "/careers/"}})]
    menu.save()
    html = client.get(about.url).content.decode()
    assert "Visit our office" in html and "Careers" in html


def test_publishing_an_entry_refreshes_every_page_that_lists_it(client, site):
    home, newsroom, events, learning, about = site
    assert "Fresh news" not in client.get("/").content.decode()
    make_entry(events, "Fresh news")
    for url in ("/", newsroom.url, events.url, newsroom.url + "feed/"):
        assert "Fresh news" in client.get(url).content.decode(), url


def test_purge_lists_name_the_pages_that_show_a_change(site):
    home, newsroom, events, learning, about = site
    entry = make_entry(events, "Fresh news")
    shown, everything = pages_showing(entry)
    assert not everything
    assert {page.id for page in shown} == {entry.id, events.id, newsroom.id, home.id}

    menu = MainMenu.for_site(home.get_site())
    menu.items = [("section", {"title": "About", "page": about})]
    menu.save()
    shown, everything = pages_showing(about)
    assert everything  # the menu shows it: every page shows it


@override_settings(
    WAGTAILFRONTENDCACHE={
        "proxy": {
            "BACKEND": "actris_cms.cache.ProxyPurgeBackend",
            "LOCATION": "http://127.0.0.1:9/",  # nothing listens: purging must not break saving
        }
    }
)
def test_publishing_works_when_the_proxy_cannot_be_reached(client, site):
    home, newsroom, events, learning, about = site
    entry = make_entry(events, "Still published")
    assert entry.live
    assert "Still published" in client.get(events.url).content.decode()


def test_a_batch_of_changes_is_acted_on_once_at_its_end(
    client, site, monkeypatch, django_capture_on_commit_callbacks
):
    """An import publishes thousands of pages inside ``signals.batched()``: one purge at the end
    (of the pages showing the changes, or of every page past ``BATCH_PAGES``), not one each."""
    home, newsroom, events, learning, about = site
    client.get("/")  # fragments cached
    purged = []
    monkeypatch.setattr(
        signals, "purge", lambda pages, everything=False: purged.append(
            ({page.id for page in pages}, everything)
        )
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        with signals.batched():
            entry = make_entry(events, "Batched news")
            other = make_entry(events, "More batched news")
            assert purged == []
    assert purged == [({entry.id, other.id, events.id, newsroom.id, home.id}, False)]
    assert "More batched news" in client.get("/").content.decode()

    monkeypatch.setattr(signals, "BATCH_PAGES", 1)
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with signals.batched():
            make_entry(events, "One")
            make_entry(learning, "Two")
    assert purged == [(set(), True)]
