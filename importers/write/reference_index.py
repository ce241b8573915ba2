"""Wagtail's reference index ("usage" of pages, images, documents) written once per object per
import, instead of on every save.

Every save of a tracked object normally queues an index update of it (Wagtail's
``update_reference_index_task``, run at once outside a worker): a page is saved three or four
times while it is created, revised and published, and each update reads the whole object
back. While ``deferred`` is active the saves are collected; at the end each object is indexed
once, as Wagtail's task does, loading ``BATCH`` objects of a model per query, inside the
import's transaction: the index is never behind the content (who may fetch a document is
decided from it: ``newsroom/wagtail_hooks.py``), and a refused import leaves it as it was.
Deletions are applied at once.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH = 250


@contextmanager
def deferred():
    saved: dict[tuple[str, str], set] = {}

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            saved.setdefault((sender._meta.app_label, sender._meta.model_name), set()).add(
                instance.pk
            )

    def remove(sender, instance, **kwargs):
        ReferenceIndex.remove_for_object(instance)
        ReferenceIndex.remove_references_to(instance)

    models = list(ReferenceIndex.tracked_models)
    for model in models:
        post_save.connect(collect, sender=model, weak=False, dispatch_uid=f"refs-defer-{model}")
        post_delete.connect(remove, sender=model, weak=False, dispatch_uid=f"refs-del-{model}")
    try:
        with disable_reference_index_auto_update():
            yield saved
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=f"refs-defer-{model}")
            post_delete.disconnect(sender=model, dispatch_uid=f"refs-del-{model}")
    write(saved)


def write(saved: dict[tuple[str, str], set]) -> int:
    """Index the objects saved that still exist, ``BATCH`` per query; how many."""
    done = 0
    for (app_label, model_name), keys in sorted(saved.items()):
        keys = sorted(str(key) for key in keys)
        for start in range(0, len(keys), BATCH):
            done += index_references(app_label, model_name, keys[start : start + BATCH])
    return done


def indexed_object(instance):
    """What Wagtail's task indexes for ``instance``: its parent, for a child of a cluster
    (a ParentalKey), up to the top; None when a parent is missing."""
    while instance is not None:
        parental = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
        if not parental:
            return instance
        instance = getattr(instance, parental[0].name)
    return None


def index_references(app_label: str, model_name: str, keys: list[str]) -> int:
    """Wagtail's ``update_reference_index_task`` for many objects of one model, loaded in one
    query (objects deleted since are skipped); how many were indexed."""
    model = apps.get_model(app_label, model_name)
    done = 0
    for found in model._default_manager.filter(pk__in=keys):
        instance = indexed_object(found)
        if instance is not None and ReferenceIndex.is_indexed(instance._meta.model):
            # no savepoint of its own (Wagtail's task has one): a failure fails the import
            ReferenceIndex.create_or_update_for_object(instance)
            done += 1
    return done
