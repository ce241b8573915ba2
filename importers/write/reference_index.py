"""Wagtail's reference index ("usage" of pages, images, documents) written once per object per
import, instead of on every save.

Every save of a tracked object normally queues an index update of it, run at once outside a
worker: a page is saved three or four times while it is created, revised and published, and
each update reads the whole object back. While ``deferred`` is active the saves are collected;
at the end each object is indexed once, by Wagtail's own task function, inside the import's
transaction (a refused import leaves the index as it was). Deletions are applied at once.
"""

from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


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
    """Index each saved object that still exists, as Wagtail's task does; how many."""
    from django.apps import apps

    done = 0
    for (app_label, model_name), keys in saved.items():
        existing = apps.get_model(app_label, model_name)._default_manager.filter(pk__in=keys)
        for pk in existing.values_list("pk", flat=True):
            update_reference_index_task.call(app_label, model_name, str(pk))
            done += 1
    return done
