"""The search index written once per import, in bulk, instead of once per save.

Every save of an indexed object (a page is saved several times while it is created, revised
and published; every image and document once) normally updates the search index at once. On
PostgreSQL each update also recomputes the title norms over the whole index, so a site of 2,000
pages cost minutes of index work alone. While ``deferred`` is active the saves are collected;
at the end the objects are indexed in bulk (one statement and one norm refresh per model and
batch), inside the import's transaction, so a refused import leaves the index as it was.
Deletions still update the index at once.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

BATCH = 500


@contextmanager
def deferred():
    """Collect index updates of saved objects; write them in bulk when the block ends."""
    saved: dict[type, set] = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(collect, sender=model, weak=False, dispatch_uid=f"defer-{model}")
    try:
        yield saved
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid=f"defer-{model}")
            post_save.connect(post_save_signal_handler, sender=model)
    write(saved)


def write(saved: dict[type, set]) -> int:
    """Index the objects saved, as their most specific indexed class; how many.

    As the save signal's handler does one object at a time: each object is indexed as the
    class ``get_indexed_instance`` gives, and only while that class's ``get_indexed_objects``
    holds it; here with one query per class, related fields prefetched as that queryset
    defines them (the tags of pictures), instead of several queries per object."""
    wanted: dict[type, set] = defaultdict(set)
    for model, keys in saved.items():
        if model.get_indexed_instance is index.Indexed.get_indexed_instance:
            wanted[model] |= keys  # indexed as itself (pictures, documents): no need to load it
            continue
        for found in model._default_manager.filter(pk__in=keys).iterator():
            if (indexed := found.get_indexed_instance()) is not None:
                wanted[type(indexed)].add(indexed.pk)
    done = 0
    for model, keys in wanted.items():
        keys = sorted(keys)
        for start in range(0, len(keys), BATCH):
            objects = list(model.get_indexed_objects().filter(pk__in=keys[start : start + BATCH]))
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
            done += len(objects)
    return done
