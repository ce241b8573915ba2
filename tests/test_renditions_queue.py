"""Renditions made by the worker, not by the import (issue 23: big sites in minutes).

With ``RENDITIONS_QUEUE=database`` (production's default) an import queues the renditions its
pages need in the database (django-tasks-db) and commits without making them; the worker
(``scripts/entrypoint.sh worker``: ``db_worker --backend renditions``) makes every one, so a
visitor then waits for none. The real backend and the real worker command, on both databases.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.images import get_image_model
from wagtail.models import Page

from actris_cms.settings.base import tasks_setting

from .site_helpers import run_import

# Committed for real: the worker closes its connection between tasks, as a worker process does.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SAMPLE_SITE = Path(__file__).resolve().parent.parent / "sample_content" / "actris-site"
Rendition = get_image_model().get_rendition_model()


@pytest.fixture
def queued(settings, media_root):
    settings.WARM_RENDITIONS = True
    settings.TASKS = tasks_setting("database")


def run_worker() -> None:
    call_command(
        "db_worker", "--backend", "renditions", "--batch", "--no-startup-delay", "--no-reload",
        verbosity=0,
    )  # fmt: skip


def test_the_import_queues_renditions_and_the_worker_makes_them(queued, client):
    assert run_import(SAMPLE_SITE).startswith("Site imported.")
    live = Page.objects.live().filter(depth__gt=1).count()
    tasks = DBTaskResult.objects.filter(backend_name="renditions")
    # One task per imported page and one for the site's own pictures; none run yet.
    assert tasks.count() >= live + 1
    assert set(tasks.values_list("status", flat=True)) == {"READY"}
    assert Rendition.objects.count() == 0

    run_worker()

    assert set(tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    made = Rendition.objects.count()
    assert made > 0
    # Visitors then wait for no picture: every page shows renditions that exist.
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code in (200, 302), page.url
    assert Rendition.objects.count() == made


def test_a_re_run_queues_only_what_is_missing(queued):
    run_import(SAMPLE_SITE)
    run_worker()
    made = Rendition.objects.count()
    tasks = DBTaskResult.objects.filter(backend_name="renditions")
    queued_before = set(tasks.values_list("id", flat=True))
    run_import(SAMPLE_SITE)
    # nothing changed: no page's pictures are queued again, only the site's own (cheap: made)
    new = tasks.exclude(id__in=queued_before)
    assert [task.task_path.rsplit(".", 1)[-1] for task in new] == ["warm_site_pictures"]
    run_worker()
    assert Rendition.objects.count() == made  # nothing made twice


def test_inline_is_the_default_outside_production(settings, media_root):
    """``make run`` has no worker: the import makes the renditions itself."""
    settings.WARM_RENDITIONS = True
    settings.TASKS = tasks_setting("inline")
    run_import(SAMPLE_SITE)
    assert Rendition.objects.count() > 0
    assert not DBTaskResult.objects.exists()


def test_the_reference_index_of_an_import_is_written_by_the_worker(queued):
    """Wagtail's "usage" index of the imported objects is queued in the import's transaction,
    a few objects per task, and written by the worker as a full rebuild would write it."""
    from wagtail.models import ReferenceIndex

    from .test_import_search_index import reference_rows

    assert run_import(SAMPLE_SITE).startswith("Site imported.")
    tasks = DBTaskResult.objects.filter(
        backend_name="renditions", task_path__endswith=".index_references"
    )
    pages = Page.objects.filter(depth__gt=1).count()
    assert 0 < tasks.count() < pages  # batched, not one task per save
    assert not ReferenceIndex.objects.filter(to_content_type__model="image").exists()

    run_worker()

    assert set(tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    indexed = reference_rows()
    assert any(row[2] == "image" for row in indexed)  # pages' pictures
    assert any(row[2] == "page" for row in indexed)  # links between pages
    call_command("rebuild_references_index", stdout=__import__("io").StringIO())
    assert reference_rows() == indexed


def test_a_dry_run_queues_no_reference_updates(queued):
    """The tasks are rows of the import's transaction: an import rolled back (here a dry run,
    as any refused write) leaves none behind for the worker."""
    output = run_import(SAMPLE_SITE, "--dry-run")
    assert output.startswith("Dry run: nothing was written."), output
    assert Page.objects.filter(depth__gt=2).count() == 0
    assert not DBTaskResult.objects.exists()
