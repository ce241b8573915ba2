"""`manage.py import_isomer`: writing, idempotency, bad input and atomicity, on a real database."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Revision

from home.models import HomePage

from .conftest import SEED, SEED_SECTIONS, isomer_sites, write_document

pytestmark = pytest.mark.django_db
Image = get_image_model()


def run_import(*args):
    from io import StringIO

    out = StringIO()
    call_command("import_isomer", *map(str, args), stdout=out)
    return out.getvalue()


def database_snapshot():
    page = HomePage.objects.get()
    return {
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "log_entries": PageLogEntry.objects.count(),
        "page": (page.title, page.live, page.latest_revision_id, page.live_revision_id),
        "body": json.dumps(list(page.body.raw_data), sort_keys=True),
    }


SITE_DOCUMENT = """---
layout: homepage
title: Test site
description: A sitÃ© description
image: /images/hero.png
notification: ""
sections:
  - hero:
      title: Welcome
      background: /images/hero.png
      button: Learn more
      url: /about/
  - infopic:
      title: About Us
      image: /images/About%20Us/intro%20pic.png
      alt: Our lab
  - infopic:
      title: Lab
      image: /images/R&amp;D lab.png
      alt: The R&D lab
  - infopic:
      title: Broken
      image: /images/broken.png
      alt: Broken
  - infopic:
      title: Missing
      image: /images/missing.png
      alt: Missing
  - infopic:
      title: Escape
      image: /images/../../../etc/passwd
      alt: Nope
---
"""


def test_seed_import_publishes_the_homepage():
    output = run_import(SEED)
    page = HomePage.objects.get()
    assert page.live and not page.has_unpublished_changes
    assert page.title == "Advanced Cell Therapy and Research Institute, Singapore (ACTRIS)"
    assert "ACTRIS\u2019s vision" in page.search_description
    assert [block.block_type for block in page.body] == SEED_SECTIONS
    hero = page.body[0].value
    assert [kh["title"] for kh in hero["key_highlights"]] == [
        "About Us",
        "Our Facilities",
        "Our Service Provision",
        "Resources",
    ]
    assert hero["background"] is None  # the seed ships without image files
    assert "Homepage created and published." in output
    assert "Sections: 6 (1 hero, 4 infopic, 1 resources)" in output
    assert "Images: 0 imported, 0 reused, 6 missing" in output


def test_second_run_changes_nothing_and_says_so():
    run_import(SEED)
    before = database_snapshot()
    output = run_import(SEED)
    assert database_snapshot() == before
    assert output.startswith("Nothing changed")


def test_images_imported_once_and_reused(site_dir):
    path = write_document(site_dir, SITE_DOCUMENT)
    output = run_import(path, "--report", site_dir / "report.json")
    assert "Images: 3 imported, 0 reused, 3 missing" in output
    assert Image.objects.count() == 3  # hero.png is used twice but imported once
    page = HomePage.objects.get()
    hero, about, lab, broken, missing, escape = (block.value for block in page.body)
    assert hero["background"].title == "hero"
    assert page.share_image_id == hero["background"].id
    assert about["image"].contextual_alt_text == "Our lab"
    assert about["image"].description == "Our lab"
    assert lab["image"].title == "R&D lab"
    assert broken["image"] is None and missing["image"] is None and escape["image"] is None
    assert broken["title"] == "Broken"  # the block is kept without its image
    report = json.loads((site_dir / "report.json").read_text())
    assert report["images"]["missing"] == [
        "/images/../../../etc/passwd",
        "/images/broken.png",
        "/images/missing.png",
    ]
    codes = {item["code"] for item in report["items"]}
    assert {"missing_image", "unreadable_image", "refused_path"} <= codes
    assert page.search_description == "A sit\u00e9 description"

    # A second run reuses every image by content hash and writes no revision.
    before = database_snapshot()
    output = run_import(path)
    assert "Images: 0 imported, 3 reused, 3 missing" in output
    assert database_snapshot() == before


def test_same_image_content_under_another_name_is_reused(site_dir):
    run_import(write_document(site_dir, SITE_DOCUMENT))
    (site_dir / "images" / "copy.png").write_bytes((site_dir / "images" / "hero.png").read_bytes())
    doc = SITE_DOCUMENT.replace("background: /images/hero.png", "background: /images/copy.png")
    output = run_import(write_document(site_dir, doc))
    assert Image.objects.count() == 3
    assert "0 imported" in output


def test_changed_document_makes_one_new_revision(tmp_path):
    run_import(SEED)
    revisions = Revision.objects.count()
    ids_before = [block.id for block in HomePage.objects.get().body]
    changed = SEED.read_text().replace("button: Learn more\n", "button: Discover\n", 1)
    run_import(write_document(tmp_path, changed))
    page = HomePage.objects.get()
    assert Revision.objects.count() == revisions + 1
    assert page.body[0].value["button"] == "Discover"
    # Block ids are stable across the change: only content changed.
    assert [block.id for block in page.body] == ids_before


def test_draft_saves_a_revision_without_publishing(tmp_path):
    run_import(SEED)
    live_title = HomePage.objects.get().body[0].value["title"]
    changed = SEED.read_text().replace(
        "title: Advanced Cell Therapy and Research Institute, Singapore\n",
        "title: A new hero title\n",
    )
    output = run_import(write_document(tmp_path, changed), "--draft")
    page = HomePage.objects.get()
    assert "saved as a draft revision" in output
    assert page.has_unpublished_changes
    assert page.body[0].value["title"] == live_title  # the live page is untouched
    assert page.get_latest_revision_as_object().body[0].value["title"] == "A new hero title"
    # Publishing the same document now publishes that draft instead of writing another.
    revisions = Revision.objects.count()
    run_import(write_document(tmp_path, changed))
    page.refresh_from_db()
    assert Revision.objects.count() == revisions
    assert not page.has_unpublished_changes
    assert page.body[0].value["title"] == "A new hero title"


def test_dry_run_writes_nothing(site_dir, media_root):
    before = database_snapshot()
    output = run_import(write_document(site_dir, SITE_DOCUMENT), "--dry-run")
    assert output.startswith("Dry run: the homepage would change")
    assert "Images: 3 imported" in output
    assert database_snapshot() == before
    assert not list(media_root.glob("original_images/*"))


def test_dry_run_after_import_says_nothing_would_change():
    run_import(SEED)
    assert run_import(SEED, "--dry-run").startswith("Dry run: nothing would change")


BAD_INPUTS = {
    "missing file": (None, "File not found"),
    "no front matter": ("Just text\n", "No front matter"),
    "invalid yaml": ("---\ntitle: [oops\n---\n", "Invalid YAML"),
    "control character": ("---\nlayout: homepage\ntitle: A\x13B\n---\n", "(U+0013)"),
    "section not a one-key map": (
        "---\nlayout: homepage\ntitle: T\nsections:\n  - plain text\n---\n",
        "should be one section",
    ),
    "unknown section type": (
        "---\nlayout: homepage\ntitle: T\nsections:\n  - banner:\n      title: x\n---\n",
        "unknown section type 'banner'",
    ),
    "wrong value type": (
        "---\nlayout: homepage\ntitle: T\nsections:\n  - hero:\n      title: {a: b}\n---\n",
        "should be text, not a mapping",
    ),
    "non-document file": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text document"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_is_refused_with_a_message_and_nothing_written(case, tmp_path):
    run_import(SEED)
    before = database_snapshot()
    content, message = BAD_INPUTS[case]
    path = tmp_path / "index.md"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content)
    with pytest.raises(CommandError) as caught:
        run_import(path)
    text = str(caught.value)
    assert text.startswith("Import refused")
    assert "nothing was written" in text
    assert message in text
    assert str(path) in text
    assert caught.value.returncode != 0
    assert database_snapshot() == before


def test_refused_import_writes_an_error_report(tmp_path):
    path = write_document(tmp_path, "---\ntitle: [oops\n---\n")
    with pytest.raises(CommandError):
        run_import(path, "--report", tmp_path / "r.json")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["outcome"] == "failed"
    assert report["errors"][0]["line"] == 2


def test_failure_mid_write_leaves_database_and_storage_as_they_were(
    site_dir, monkeypatch, media_root
):
    run_import(SEED)
    before = database_snapshot()
    files_before = sorted(media_root.rglob("*"))
    from wagtail.models import Page

    def explode(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Page, "save_revision", explode)
    with pytest.raises(RuntimeError):
        run_import(write_document(site_dir, SITE_DOCUMENT))
    assert database_snapshot() == before
    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == [
        p for p in files_before if p.is_file()
    ]


def test_the_live_actris_homepage_imports_with_its_images():
    root = isomer_sites() / "cris-actris"
    output = run_import(root / "index.md")
    assert "Images: 6 imported, 0 reused, 0 missing" in output
    page = HomePage.objects.get()
    assert page.notification.startswith('<p data-block-key="k0000"><b>ACTRIS will never ask you')
    infopics = [b.value for b in page.body if b.block_type == "infopic"]
    assert all(v["image"] is not None for v in infopics)
    assert run_import(root / "index.md").startswith("Nothing changed")


@pytest.mark.parametrize(
    "name",
    [
        "theme-next-gen-every-section.md",
        "enterprisesg-seeds-dropdown-hero.md",
        "cris-actris-2023-11-09.md",
    ],
)
def test_homepage_variants_import_and_validate(name):
    path = isomer_sites() / "homepage-variants" / name
    run_import(path)
    page = HomePage.objects.get()
    assert page.live
    assert len(page.body) > 0
    assert run_import(path).startswith("Nothing changed")
