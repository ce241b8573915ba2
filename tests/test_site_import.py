"""`import_isomer SITE_DIR` and `export_isomer`: whole sites, re-runs, round trips, safety."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from content.models import ContactPage, SectionGroupPage, SectionPage, StandardPage
from exporters.snapshot import content_snapshot
from importers.mapping.refs import LinkRef
from importers.models import ImportedPage
from importers.pipeline import prepare, prepare_homepage
from newsroom.models import NewsCategoryPage, NewsEntryPage
from siteconfig.models import Footer, MainMenu, SiteIdentity

from .conftest import isomer_sites
from .html_checks import assert_valid_html
from .jekyll_site import answers, final_response, published
from .site_helpers import copy_site, run_import, wipe_content

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


def actris():
    return isomer_sites() / "cris-actris"


def source_counts(root):
    """What the ACTRIS folder holds, counted from the files themselves."""
    documents = 0
    for folder in root.iterdir():
        if folder.is_dir() and folder.name.startswith("_") and folder.name != "_data":
            documents += len([p for p in folder.rglob("*.md")])
    pages = len(list((root / "pages").glob("*.md")))
    posts = len(list(root.glob("newsroom-and-events/*/_posts/*.md")))
    images = [
        p
        for p in (root / "images").rglob("*")
        if p.is_file() and p.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif"}
    ]
    files = [p for p in (root / "files").rglob("*") if p.is_file()]
    other = [
        p
        for p in (root / "images").rglob("*")
        if p.is_file() and p.suffix.lower() not in {".png", ".jpg", ".jpeg", ".gif"}
    ]
    return documents, pages, posts, images, files + other


def assert_actris_menu_links_resolve(client):
    """Checks the ACTRIS main menu items and that every menu link resolves to a live page."""
    menu = MainMenu.objects.get()
    assert [item.value["title"] for item in menu.items] == [
        "About Us",
        "Our Facilities",
        "Our Service Provision",
        "Newsroom & Events",
        "Resources",
        "Careers",
        "Contact Us",
    ]
    html = client.get("/").content.decode()
    menu_links = re.findall(r'<nav class="site-menu".*?</nav>', html, re.S)[0]
    hrefs = set(re.findall(r'href="([^"]+)"', menu_links))
    # The Isomer original's menu links 21 distinct addresses: each section's pages, the
    # newsroom's categories and the single links (no "overview" items, no empty categories).
    assert len(hrefs) == 21, sorted(hrefs)
    for href in hrefs:
        response = client.get(href, follow=True)
        assert response.status_code == 200, href


def assert_every_permalink_answers(client, root):
    """Checks every permalink answers 200, or redirects to a page that does, with valid HTML."""
    checked_html = 0
    for page_plan in prepare(root).pages:
        if not page_plan.permalink:
            continue
        response = final_response(client, page_plan.permalink)
        if response is None:
            continue  # a link entry sends visitors to its external address
        assert response.status_code == 200, (
            page_plan.key,
            page_plan.permalink,
            response.status_code,
        )
        if "text/html" in response["Content-Type"]:
            # Every page is well-formed HTML with one h1, ordered headings and alt text.
            assert_valid_html(response.content.decode())
            checked_html += 1
    assert checked_html > 100
    assert Redirect.objects.filter(is_permanent=True).count() > 0


def test_actris_imports_completely(client):
    root = actris()
    output = run_import(root)
    assert output.startswith("Site imported.")
    collection_pages, simple_pages, posts, images, files = source_counts(root)

    assert (
        StandardPage.objects.count() == collection_pages + simple_pages - 1
    )  # contact-us is a ContactPage
    assert ContactPage.objects.count() == 1
    assert NewsEntryPage.objects.count() == posts == 63
    assert NewsCategoryPage.objects.count() == 5
    assert SectionPage.objects.count() == 5
    assert SectionGroupPage.objects.count() == 4
    distinct_images = {p.read_bytes() for p in images}
    assert Image.objects.count() == len(distinct_images)
    assert Document.objects.count() == len({p.read_bytes() for p in files})
    assert all(page.live for page in Page.objects.filter(depth__gt=1))

    assert_actris_menu_links_resolve(client)
    assert_every_permalink_answers(client, root)

    # Pages render their content: a Tiptap card grid, images with alt text.
    page = client.get("/about-us/our-people/management-team/").content.decode()
    assert "A/Prof Aloysius Ho" in page and 'class="side-nav"' in page


def test_actris_report_lists_what_needs_a_human(tmp_path):
    report_file = tmp_path / "report.json"
    run_import(actris(), "--report", report_file)
    report = json.loads(report_file.read_text())
    missing = sorted(
        {
            item["message"].split(": ", 1)[1].split(" not found")[0]
            for item in report["items"]
            if item["code"] == "missing_image"
        }
    )
    assert missing == [
        "/images/Newsroom & Events/Events/2.png",
        "/images/Newsroom & Events/Events/29th_APBMT_Photo_Collage.png",
        "/images/Newsroom & Events/Events/Joint_lab_with_Lonza_P1.png",
        "/images/Newsroom & Events/Events/Joint_lab_with_Lonza_P2.png",
        "/images/Newsroom & Events/Events/Joint_lab_with_Thermo_Fisher.png",
        "/images/Newsroom & Events/Events/Photo_Collage___HRH_Visit_to_ACTRIS.png",
        "/images/Newsroom & Events/Events/Untitled_design__2_.png",
    ]
    by_code = report["needs_a_human"]
    assert by_code["broken_link"] == 1  # the homepage links to a page the site does not have
    assert by_code["placeholder"] == 2  # "Placeholder image" alt text on the team cards
    assert all(item["file"] for item in report["items"])
    assert report["counts"]["entries created"] == 63


def test_rerun_changes_nothing_then_only_what_changed(tmp_path):
    root = copy_site(actris(), tmp_path / "site")
    run_import(root)
    revisions, images, documents = (
        Revision.objects.count(),
        Image.objects.count(),
        Document.objects.count(),
    )
    output = run_import(root)
    assert output.startswith("Nothing changed")
    assert (Revision.objects.count(), Image.objects.count(), Document.objects.count()) == (
        revisions,
        images,
        documents,
    )

    # A changed source file: exactly that page gets a new revision.
    source = root / "_our-facilities" / "Equipment.md"
    source.write_text(
        source.read_text().replace("---\n", "---\n", 1) + "\n<p>Newly added paragraph.</p>\n"
    )
    page = ImportedPage.objects.get(source_path="_our-facilities/Equipment.md").page
    before = {p.id: p.latest_revision_id for p in Page.objects.all()}
    output = run_import(root)
    after = {p.id: p.latest_revision_id for p in Page.objects.all()}
    changed = [page_id for page_id in after if after[page_id] != before[page_id]]
    assert changed == [page.id]
    assert "pages updated: 1" in output
    assert "Newly added paragraph." in str(StandardPage.objects.get(id=page.id).body.raw_data)

    # A page edited in Wagtail is not overwritten by the next import, and is reported.
    edited = StandardPage.objects.get(id=page.id)
    edited.title = "Equipment (edited in Wagtail)"
    edited.save_revision().publish()
    source.write_text(source.read_text() + "\n<p>Another source change.</p>\n")
    output = run_import(root)
    edited.refresh_from_db()
    assert edited.title == "Equipment (edited in Wagtail)"
    assert "edited_in_wagtail: 1" in output
    output = run_import(root, "--overwrite-edited")
    edited.refresh_from_db()
    assert edited.title == "Equipment"
    assert "Another source change." in str(edited.body.raw_data)


def test_round_trip_gives_the_same_content(tmp_path):
    run_import(actris())
    first = content_snapshot()
    call_command("export_isomer", str(tmp_path / "export"), stdout=io.StringIO())
    exported = tmp_path / "export"
    assert (exported / "_config.yml").is_file() and (
        exported / "_data" / "navigation.yml"
    ).is_file()
    assert len(list(exported.glob("newsroom-and-events/*/_posts/*.md"))) == 63

    # The homepage front matter equals the source's after normalisation.
    def normalised(path):
        mapped = prepare_homepage(path)

        def clean(value):
            if hasattr(value, "path"):
                return value.path
            if isinstance(value, LinkRef) and not value.url.startswith(
                ("/", "http", "mailto", "tel")
            ):
                return LinkRef("/" + value.url)  # relative links are written site-absolute
            if isinstance(value, dict):
                return {k: clean(v) for k, v in value.items()}
            if isinstance(value, list):
                return [clean(v) for v in value]
            return value

        return (
            mapped.title,
            mapped.search_description,
            mapped.notification,
            clean(mapped.share_image),
            clean(mapped.body),
        )

    source_home = normalised(actris() / "index.md")
    exported_home = normalised(exported / "index.md")
    assert exported_home[:2] == source_home[:2]
    assert exported_home[3:] == source_home[3:]
    assert (
        "ScamShield" in exported_home[2]
        and exported_home[2] == prepare_homepage(actris() / "index.md").notification
    )

    wipe_content()
    assert Page.objects.filter(depth__gt=1).count() == 0
    run_import(exported)
    assert content_snapshot() == first


def test_every_shared_site_imports_or_is_refused_clearly(client, artifacts, corpus_wide):
    sites = sorted(p for p in isomer_sites().iterdir() if (p / "_config.yml").is_file())
    assert len(sites) == 8
    figures = {}
    for site in sites:
        wipe_content()
        if site.name == "govtech-siot":
            with pytest.raises(CommandError) as caught:
                run_import(site)
            assert "older Isomer v1 format" in str(caught.value)
            continue
        output = run_import(site)
        assert output.startswith("Site imported."), site.name
        assert Page.objects.filter(depth__gt=2).count() > 5, site.name
        files = published(site)  # every file Jekyll would publish, at its address
        missed = [(name, url) for name, url, layout in files if not answers(client, url, layout)]
        figures[site.name] = {"published": len(files), "not answered": missed}
        assert missed == [], site.name
        before = everything_imported()
        run_import(site)  # a second run changes nothing at all
        after = everything_imported()
        changed = [part for part in before if before[part] != after[part]]
        assert changed == [], (site.name, changed)
        figures[site.name]["second run changed"] = changed
    (artifacts / "jekyll-addresses.json").write_text(json.dumps(figures, indent=1))


def everything_imported() -> dict:
    """Pages (content and revisions), redirects, images, documents and settings, as stored."""
    return {
        "content": content_snapshot(),
        "revisions": list(Revision.objects.order_by("id").values_list("id", flat=True)),
        "pages": list(Page.objects.order_by("path").values_list("id", "path", "url_path", "live")),
        "redirects": sorted(Redirect.objects.values_list("old_path", "redirect_page_id")),
        "images": sorted(get_image_model().objects.values_list("id", "file", "title")),
        "documents": sorted(get_document_model().objects.values_list("id", "file", "title")),
        "settings": [
            sorted(map(str, model.objects.values_list()))
            for model in (SiteIdentity, MainMenu, Footer)
        ],
    }


def test_folder_that_is_not_an_isomer_site(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError) as caught:
        run_import(tmp_path)
    assert "not an Isomer site" in str(caught.value)


HOSTILE_PAGE = """---
title: Hostile
permalink: /hostile/
variant: markdown
---
<p onclick="steal()">Hello <img src="/images/pic.png" onerror="alert(1)" alt="A picture"></p>
<script>alert('x')</script>
<a href="javascript:alert(1)">click</a>
<iframe src="https://evil.example.com/embed"></iframe>
<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Video"></iframe>
<img src="/images/../../outside.png" alt="escape">
{% include secret.html %} Static text kept {{ site.title }}
"""


def test_hostile_content_never_reaches_the_database(tmp_path, site_dir):
    root = tmp_path / "hostile"
    (root / "pages").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "pic.png").write_bytes((site_dir / "images" / "hero.png").read_bytes())
    (tmp_path / "outside.png").write_bytes((site_dir / "images" / "hero.png").read_bytes())
    (root / "_config.yml").write_text(
        "title: Hostile site\nremote_theme: isomerpages/isomerpages-template@next-gen\n"
    )
    (root / "index.md").write_text(
        "---\nlayout: homepage\ntitle: Home\nsections:\n  - hero:\n      title: Hi\n---\n"
    )
    (root / "pages" / "hostile.md").write_text(HOSTILE_PAGE)
    report_file = tmp_path / "report.json"
    run_import(root, "--report", report_file)

    page = StandardPage.objects.get(title="Hostile")
    stored = json.dumps(list(page.body.raw_data)) + json.dumps(
        [r.content for r in Revision.objects.all()], default=str
    )
    for needle in (
        "onclick",
        "onerror",
        "<script",
        "javascript:",
        "evil.example.com",
        "alert(",
        "{%",
        "{{",
    ):
        assert needle not in stored, needle
    assert "Static text kept" in stored
    assert [b["type"] for b in page.body.raw_data] == [
        "paragraph",
        "image",
        "paragraph",
        "embed",
        "paragraph",
    ]
    assert Image.objects.count() == 1  # pic.png only; the path outside the site was refused

    report = json.loads(report_file.read_text())
    messages = " ".join(item["message"] for item in report["items"])
    codes = report["needs_a_human"]
    assert (
        codes.get("sanitised_html", 0) >= 2
        and codes.get("unknown_iframe") == 1
        and codes.get("liquid") == 1  # the include of a file the site does not have
        and codes.get("liquid_rendered") == 1  # {{ site.title }}, from _config.yml
    )
    assert "outside the site folder" in messages
    assert "javascript" in messages
    assert all(
        item["file"] == "pages/hostile.md"
        for item in report["items"]
        if item["code"] in ("liquid", "unknown_iframe")
    )


def test_an_error_mid_import_leaves_the_database_as_it_was(tmp_path, monkeypatch, media_root):
    from importers.write import SiteWriter

    run_import(isomer_sites() / "govtech-im8")
    before = content_snapshot()
    files_before = sorted(p for p in media_root.rglob("*") if p.is_file())

    def explode(self, plans):
        raise RuntimeError("power cut during the import")

    monkeypatch.setattr(SiteWriter, "redirects", explode)
    with pytest.raises(RuntimeError):
        run_import(actris())
    assert content_snapshot() == before
    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == files_before


def test_dry_run_writes_nothing(media_root):
    before = content_snapshot()
    output = run_import(isomer_sites() / "govtech-im8", "--dry-run")
    assert output.startswith("Dry run: nothing was written.")
    assert "pages created: 44" in output
    assert content_snapshot() == before
    assert not [p for p in media_root.rglob("*") if p.is_file()]
