"""What Jekyll publishes, and where: the importer takes every such file, at that address.

Small sites written here by hand, one per pattern (not copied from the shared corpus).
"""

import datetime

import pytest

from content.models import ContactPage
from importers.normalise.jekyll import exclude_patterns, excluded, path_permalink, post_url
from importers.pipeline import prepare
from newsroom.models import NewsEntryPage

from .site_helpers import assert_pages_say, run_import
from .test_any_site import site
from .test_site_import import everything_imported

DAY = datetime.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("name", "pretty", "expected"),
    [
        ("archive/2019.md", False, "/archive/2019.html"),
        ("archive/2019.md", True, "/archive/2019/"),
        ("guidelines/index.md", False, "/guidelines/"),
        ("2023-02-10-speech.md", False, "/2023-02-10-speech.html"),
        ("_about/team.md", False, "/about/team.html"),
        ("pages/old.html", False, "/pages/old.html"),
    ],
)
def test_pages_without_a_permalink_go_where_jekyll_puts_them(name, pretty, expected):
    assert path_permalink(name, pretty) == expected


@pytest.mark.parametrize(
    ("style", "front", "expected"),
    [
        ("none", {}, "/news/press/post-Launch-Day-Highlights.html"),
        (None, {}, "/news/press/2024/03/05/post-Launch-Day-Highlights.html"),
        ("pretty", {}, "/news/press/2024/03/05/post-Launch-Day-Highlights/"),
        ("none", {"categories": "Events Extra"}, "/news/press/events/extra/post-Launch-Day-Highlights.html"),
        ("/:year/:title/", {"slug": "launch"}, "/2024/launch/"),
    ],
)  # fmt: skip
def test_posts_go_where_the_sites_permalink_style_puts_them(style, front, expected):
    name = "news/press/_posts/2024-03-05-post-Launch Day | Highlights.md"
    config = {"permalink": style} if style else {}
    assert post_url(name, config, front, DAY) == expected


def test_exclude_rules_match_files_folders_and_globs():
    patterns = exclude_patterns({"exclude": ["README.md", "drafts/", "*.txt.md", "vendor/bundle/"]})
    assert excluded("README.md", patterns) == "README.md"
    assert excluded("drafts/one.md", patterns) == "drafts"
    assert excluded("notes.txt.md", patterns) == "*.txt.md"
    assert excluded("vendor/bundle/gem/page.md", patterns) == "vendor/bundle"
    assert excluded("pages/readme-first.md", patterns) is None
    assert excluded("node_modules/x/index.md", exclude_patterns({})) == "node_modules"


JEKYLL_SITE = {
    "_config.yml": "title: Any site\npermalink: none\nresources_name: news\n"
    "exclude:\n  - drafts/\n  - README.md\n",
    "_locations/collection.yml": "collections:\n  locations:\n    output: true\n",
    "_locations/clinics.md": "---\ntitle: Clinics\npermalink: /locations/clinic/\n"
    "layout: datagovsg-search\ndatagovsg-id: 56e62ca0-fe4e-485f-835d-acfe4b05d4b5\n---\n",
    "2023-02-10-speech-at-the-park.md": "---\nlayout: post\ntitle: Speech at the park\n"
    "file_url: https://www.example.gov.sg/speeches/park\n---\n",
    "drafts/secret.md": "---\ntitle: Not yet\n---\nDraft.\n",
    "drafts/broken.md": "---\ntitle: [never closed\n---\n",
    "news/index.md": "---\nlayout: resources\ntitle: News\n---\n",
    "Resources/index.html": "---\nlayout: resources\ntitle: News\n---\n",  # the same posts again
    "news/press/_posts/2024-03-05-post-Launch Day.md": "---\nlayout: post\ntitle: Launch Day\n"
    "file_url: https://www.example.gov.sg/launch\n---\n",
    "news/press/_posts/2024-03-06-post-Our Story.md": "---\nlayout: post\ntitle: Our story\n---\n"
    "It began with one lab.\n",
    "pages/contact-us.md": "---\nlayout: contact_us\ntitle: Contact Us\npermalink: /contact-us/\n"
    "agency_name: Head office\n---\n",
    "old/moved.html": '<html><head><meta http-equiv="refresh" content="0; url=../labs/contact/">'
    "</head></html>",
    "old/away.html": "<meta content='0;URL=https://www.example.gov.sg/away' http-equiv='refresh'>",
    "old/evil.html": '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    "old/plain.html": "<p>Just HTML, copied as it is.</p>",
    "pages/contact-labs.md": "---\nlayout: contact_us\ntitle: Contact the labs\n"
    "permalink: /labs/contact/\nagency_name: Labs\n---\n",
}


def test_what_jekyll_publishes_is_planned_at_its_address(tmp_path):
    plan = prepare(site(tmp_path, JEKYLL_SITE))
    pages = {page.key: page for page in plan.pages}
    codes = {(note.code, note.file) for note in plan.notes}

    clinics = pages["_locations/clinics.md"]
    assert clinics.permalink == "/locations/clinic/"
    assert "data.gov.sg/datasets?query=56e62ca0" in str(clinics.fields["body"])
    assert ("dataset_search", "_locations/clinics.md") in codes

    stray = pages["2023-02-10-speech-at-the-park.md"]
    assert stray.kind == "standard" and stray.permalink == "/2023-02-10-speech-at-the-park.html"
    assert "https://www.example.gov.sg/speeches/park" in str(stray.fields["body"])
    assert ("post_outside_newsroom", "2023-02-10-speech-at-the-park.md") in codes

    launch = pages["news/press/_posts/2024-03-05-post-Launch Day.md"]
    assert launch.fields["kind"] == "link"
    assert launch.fields["external_url"] == "https://www.example.gov.sg/launch"
    assert launch.permalink == "/news/press/post-Launch-Day.html"

    assert plan.moved == [
        ("/old/away.html", "https://www.example.gov.sg/away"),
        ("/old/moved.html", "/labs/contact/"),
        ("/Resources/", "/news/"),
    ]
    assert ("refused_link", "old/evil.html") in codes
    assert ("not_a_page", "old/plain.html") in codes
    assert not any(key.startswith("old/") for key in pages)

    assert not any(key.startswith("drafts/") for key in pages)
    assert ("excluded", "drafts/secret.md") in codes
    assert not any(note.code == "skipped_document" for note in plan.notes)  # broken but excluded
    assert [page.kind for page in plan.pages if page.key.startswith("pages/contact")] == [
        "contact",
        "contact",
    ]


@pytest.mark.django_db
def test_each_published_file_answers_at_its_old_address_every_run(tmp_path, client):
    root = site(tmp_path, JEKYLL_SITE)
    run_import(root)
    assert_pages_say(
        client,
        {
            "/locations/clinic/": "data.gov.sg",
            "/2023-02-10-speech-at-the-park.html": "https://www.example.gov.sg/speeches/park",
            "/news/press/post-Our-Story.html": "It began with one lab.",
            "/contact-us/": "Head office",
            "/labs/contact/": "Labs",
            "/old/moved.html": "Labs",  # a page that only sent visitors on: a redirect
            "/Resources/": "Our story",  # a second listing of the newsroom's posts
        },
    )
    away = client.get("/old/away.html")
    assert away.status_code == 301 and away["Location"] == "https://www.example.gov.sg/away"
    entry = client.get("/news/press/post-Launch-Day.html")
    assert entry.status_code == 301
    onwards = client.get(
        entry["Location"]
    )  # a link entry's page sends visitors on, as its card did
    assert onwards.status_code in (301, 302)
    assert onwards["Location"] == "https://www.example.gov.sg/launch"
    assert NewsEntryPage.objects.get(title="Launch Day").kind == "link"
    assert sorted(ContactPage.objects.values_list("title", flat=True)) == [
        "Contact Us",
        "Contact the labs",
    ]
    assert client.get("/drafts/secret.html").status_code == 404

    before = everything_imported()
    run_import(root)
    assert everything_imported() == before
