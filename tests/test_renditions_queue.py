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


def test_the_reference_index_is_written_by_the_import_not_left_to_the_worker(queued, client):
    """Who may fetch a document is decided from Wagtail's reference index (the pages that link
    it): it must hold the import's links when the import commits, not when a worker gets to
    it. With the worker's queue in use and no worker run, the index equals a full rebuild."""
    from .test_import_search_index import reference_rows

    run_import(SAMPLE_SITE)
    imported = reference_rows()
    assert any(row[2] == "document" for row in imported)
    call_command("rebuild_references_index", stdout=__import__("io").StringIO())
    assert reference_rows() == imported
