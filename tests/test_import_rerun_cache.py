"""Re-runs of a big site in seconds (issue 23): what did not change is neither converted nor
written again.

Two memories make it so, both kept with the page's import record. ``mapped``: the map step's
plan of a source, valid while a hash of the source, the site's Liquid inputs and the
importer's code is the same. ``written_key``: a hash of what the write step last applied to
make the revision the page still has. The first part is pure (no database); the second imports
for real and spies on the map step to show which pages are converted again.
"""

import dataclasses
import datetime
import math
from pathlib import Path

import pytest
from wagtail.models import Page, Revision

import importers.mapping as mapping
from importers.mapping import cache
from importers.mapping.pages import PagePlan, map_page
from importers.mapping.refs import ImageRef
from importers.models import ImportedPage
from importers.normalise.site import normalise_site
from importers.parse import parse_site
from importers.read import read_site
from importers.report import ReportItem

from .conftest import isomer_sites
from .site_helpers import copy_site, run_import

SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_content" / "actris-site"


def documents(root: Path):
    return normalise_site(parse_site(read_site(root)), False)


# -- the codec and the keys (no database) -----------------------------------------------------
def test_every_actris_plan_comes_back_equal_from_its_stored_text():
    site = documents(isomer_sites() / "cris-actris")
    shared = cache.shared_key(site.liquid)
    sources = [page for page in site.pages if page.source]
    assert len(sources) > 100
    for page in sources:
        assert cache.page_key(page, shared), page.key
        plan, notes = map_page(page, site.liquid)
        text = cache.encode(plan, notes)
        assert text, f"{page.key}: its plan could not be stored"
        assert cache.decode(text) == (plan, notes), page.key


def test_values_that_would_not_come_back_exactly_are_not_stored():
    plan = PagePlan(key="a.md", kind="standard", title="A", slug="a", parent=None)
    note = ReportItem("code", "message", "a.md", 3)
    kept = dataclasses.replace(
        plan,
        fields={
            "body": [{"type": "image", "value": {"image": ImageRef("/images/a.png", "A", "x")}}],
            "publication_date": datetime.date(2023, 8, 4),
        },
    )
    assert cache.decode(cache.encode(kept, [note])) == (kept, [note])
    for odd in (
        {"tags": {"b", "a"}},
        {"score": math.nan},
        {"by_year": {2023: "x"}},
        {"o": object()},
    ):
        assert cache.encode(dataclasses.replace(plan, fields=odd), []) == "", odd


def test_a_page_key_changes_with_its_source_and_with_what_liquid_reads(tmp_path):
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    page_file = root / "_our-facilities" / "About Our Facilities.md"
    key_of = {}
    for label in ("first", "again", "edited", "data"):
        if label == "edited":
            page_file.write_text(page_file.read_text() + "\nOne more line.\n")
        if label == "data":
            (root / "_data" / "facts.yml").write_text("founded: 2019\n")
        site = documents(root)
        shared = cache.shared_key(site.liquid)
        key_of[label] = {page.key: cache.page_key(page, shared) for page in site.pages}
    name = str(page_file.relative_to(root))
    assert key_of["first"] == key_of["again"]  # deterministic: the same on every run
    changed = {k for k in key_of["first"] if key_of["first"][k] != key_of["edited"][k]}
    assert changed == {name}
    # any page may read site.data: a new data file changes every page's key
    assert all(key_of["edited"][k] != key_of["data"][k] for k in key_of["data"])


def test_the_code_key_changes_with_the_code(tmp_path, monkeypatch):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    module = tmp_path / "app" / "convert.py"
    module.write_text("RULE = 1\n")
    monkeypatch.setattr(cache, "PROJECT", tmp_path)
    cache.code_key.cache_clear()
    try:
        first = cache.code_key()
        module.write_text("RULE = 2\n")
        cache.code_key.cache_clear()
        assert cache.code_key() != first
    finally:
        cache.code_key.cache_clear()


# -- re-runs, for real ------------------------------------------------------------------------
@pytest.fixture
def mapped_pages(monkeypatch):
    """The keys of the pages the map step converts (the real function, counted)."""
    seen = []

    def counted(page, liquid=None):
        seen.append(page.key)
        return map_page(page, liquid)

    monkeypatch.setattr(mapping, "map_page", counted)
    return seen


@pytest.mark.django_db
def test_a_re_run_converts_and_writes_only_what_changed(tmp_path, media_root, mapped_pages):
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    assert run_import(root).startswith("Site imported.")
    sources = {record.source_path for record in ImportedPage.objects.exclude(mapped="")}
    assert set(mapped_pages) >= sources and len(sources) > 10
    revisions = Revision.objects.count()

    mapped_pages.clear()
    assert run_import(root).startswith("Nothing changed")
    assert mapped_pages == []  # every plan from the last run; nothing written either
    assert Revision.objects.count() == revisions

    # one source changed: that page alone is converted again, and gets its new text
    page_file = root / "_our-facilities" / "About Our Facilities.md"
    name = str(page_file.relative_to(root))
    page_file.write_text(page_file.read_text() + "\nA sentence added to the source.\n")
    output = run_import(root)
    assert mapped_pages == [name]
    assert "pages updated: 1" in output
    page = ImportedPage.objects.get(source_path=name).page.specific
    assert "A sentence added to the source." in str(page.body.raw_data)

    # the site's shared Liquid inputs changed: every page is converted again, none rewritten
    mapped_pages.clear()
    (root / "_data" / "facts.yml").write_text("founded: 2019\n")
    assert run_import(root).startswith("Nothing changed")
    assert set(mapped_pages) >= sources


@pytest.mark.django_db
def test_a_stale_or_foreign_memory_is_not_trusted(tmp_path, media_root, mapped_pages):
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    run_import(root)
    record = ImportedPage.objects.exclude(mapped="").first()
    # stored by other code (another key) or unreadable: the page is converted again
    ImportedPage.objects.filter(pk=record.pk).update(mapped_key="0" * 64)
    other = ImportedPage.objects.exclude(mapped="").exclude(pk=record.pk).first()
    ImportedPage.objects.filter(pk=other.pk).update(mapped='{"plan": {"nonsense": 1}}')
    mapped_pages.clear()
    assert run_import(root).startswith("Nothing changed")
    assert sorted(mapped_pages) == sorted([record.source_path, other.source_path])
    record.refresh_from_db()
    other.refresh_from_db()
    assert record.mapped_key != "0" * 64 and other.mapped.startswith('{"plan": {"key"')


@pytest.mark.django_db
def test_a_page_edited_in_wagtail_is_still_left_alone(tmp_path, media_root):
    """The write step's shortcut holds only while the page's latest revision is the import's."""
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    run_import(root)
    record = ImportedPage.objects.get(source_path="_our-facilities/About Our Facilities.md")
    page = Page.objects.get(pk=record.page_id).specific
    page.title = "Edited in Wagtail"
    page.save_revision().publish()
    for change in ("", "\nChanged at the source.\n"):
        source = root / record.source_path
        source.write_text(source.read_text() + change)
        output = run_import(root)
        page.refresh_from_db()
        assert page.title == "Edited in Wagtail"
        assert "edited_in_wagtail: 1" in output


def test_liquid_that_shows_the_date_of_the_run_is_mapped_every_run(tmp_path):
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    page_file = root / "_our-facilities" / "About Our Facilities.md"
    page_file.write_text(page_file.read_text() + "\nAs of {{ 'now' | date: '%Y' }}.\n")
    site = documents(root)
    shared = cache.shared_key(site.liquid)
    keys = {page.key: cache.page_key(page, shared) for page in site.pages}
    assert keys["_our-facilities/About Our Facilities.md"] == ""
    assert all(
        key for name, key in keys.items() if name != "_our-facilities/About Our Facilities.md"
    )
    (root / "_includes").mkdir(exist_ok=True)
    (root / "_includes" / "stamp.html").write_text("{{ \"today\" | date: '%d %b' }}")
    assert cache.shared_key(documents(root).liquid) == ""


@pytest.mark.django_db
def test_front_matter_keys_json_cannot_sort_still_import_and_re_run(tmp_path, media_root):
    """A YAML key that is a number beside ones that are words (``2023:``, ``title:``): neither
    hash can be made, so the page takes the long way every run, and nothing breaks."""
    root = copy_site(SAMPLE_SITE, tmp_path / "site")
    page_file = root / "_our-facilities" / "About Our Facilities.md"
    page_file.write_text(page_file.read_text().replace("---\n", "---\n2023: launch year\n", 1))
    assert run_import(root).startswith("Site imported.")
    record = ImportedPage.objects.get(source_path="_our-facilities/About Our Facilities.md")
    assert record.written_key == "" and record.mapped == ""
    assert run_import(root).startswith("Nothing changed")
