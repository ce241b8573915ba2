"""The search index of an import is written in bulk, in the import's transaction.

Saving pages one by one updated the index at every save (several per page); on PostgreSQL
each update also recomputed the title norms of the whole index, so 2,000 pages cost minutes.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.conf import get_app_config
from wagtail.models import Page

from .site_helpers import run_import

pytestmark = pytest.mark.django_db

SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_content" / "actris-site"


def index_writes(queries) -> list[str]:
    table = get_app_config().get_model("IndexEntry")._meta.db_table
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith("INSERT") and table in q["sql"]
    ]


def test_an_import_writes_the_index_once_per_kind_of_object(client, media_root):
    with CaptureQueriesContext(connection) as queries:
        run_import(SAMPLE_SITE)
    pages = Page.objects.filter(depth__gt=1).count()
    writes = index_writes(queries)
    # One bulk write per indexed class (homepage, sections, pages, entries, images, ...),
    # where every save used to write its own.
    assert 0 < len(writes) <= 12 < pages
    # And the index has every page: searching finds an imported page by a word of its body.
    response = client.get("/search/", {"q": "cleanroom"})
    assert response.status_code == 200
    assert "About Our Facilities" in response.content.decode()
    # and every picture, as the admin's image search finds it
    from wagtail.images import get_image_model

    image = get_image_model().objects.order_by("id").last()
    assert image in get_image_model().objects.search(image.title)


def test_saves_outside_an_import_still_update_the_index_at_once(client, media_root):
    run_import(SAMPLE_SITE)
    page = Page.objects.get(title="About Our Facilities").specific
    page.title = "About Our Cleanrooms Zyxwvut"
    page.save_revision().publish()
    assert "Zyxwvut" in client.get("/search/", {"q": "zyxwvut"}).content.decode()


def reference_rows() -> set[tuple]:
    from wagtail.models import ReferenceIndex

    return set(
        ReferenceIndex.objects.values_list(
            "content_type__model", "object_id", "to_content_type__model", "to_object_id",
            "content_path",
        )
    )  # fmt: skip


def test_an_import_leaves_the_reference_index_as_a_full_rebuild_would(media_root):
    """Wagtail's "usage" index is written once per object at the end of the import (not at
    every save); it holds exactly what Wagtail's own rebuild computes."""
    from django.core.management import call_command

    run_import(SAMPLE_SITE)
    imported = reference_rows()
    assert any(row[2] == "image" for row in imported)  # pages' pictures are in it
    assert any(row[2] == "page" for row in imported)  # and links between pages
    call_command("rebuild_references_index", stdout=__import__("io").StringIO())
    assert reference_rows() == imported


def test_an_import_records_its_files_in_bulk(media_root):
    """The import's record of each media file (ImportedFile) is written in a few statements,
    not an update_or_create (four queries) per file; a re-run rewrites none of them."""
    from importers.models import ImportedFile

    def file_writes(queries):
        table = ImportedFile._meta.db_table
        return [
            q["sql"] for q in queries.captured_queries
            if table in q["sql"] and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        ]  # fmt: skip

    with CaptureQueriesContext(connection) as queries:
        run_import(SAMPLE_SITE)
    files = ImportedFile.objects.count()
    assert files > 10
    assert 0 < len(file_writes(queries)) <= 2
    rows = set(ImportedFile.objects.values_list("source_path", "kind", "object_id", "file_hash"))
    with CaptureQueriesContext(connection) as queries:
        run_import(SAMPLE_SITE)
    assert file_writes(queries) == []
    assert set(ImportedFile.objects.values_list(
        "source_path", "kind", "object_id", "file_hash"
    )) == rows  # fmt: skip


def test_an_import_rechecks_its_to_do_items_once_not_after_every_save(
    media_root, django_capture_on_commit_callbacks
):
    """Every publish outside an import re-checks that page's to-do items after the commit; the
    import's own revisions do not (its ``review.sync`` checks them all at its end):
    no per-page callbacks are left for after the commit."""
    with django_capture_on_commit_callbacks() as callbacks:
        run_import(SAMPLE_SITE)
    pages = Page.objects.filter(depth__gt=1).count()
    assert len(callbacks) < 5 < pages

    def rechecks(callbacks):
        return [c for c in callbacks if c.__qualname__.startswith("recheck_after_commit")]

    page = Page.objects.get(title="About Our Facilities").specific
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision()
    assert rechecks(callbacks) == []  # a draft of a live page: visitors still see the live one
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
    assert len(rechecks(callbacks)) == 1  # an editor's publish is re-checked
