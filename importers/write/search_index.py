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
    """Index the objects saved, as their most specific indexed class; how many."""
    by_class: dict[type, list] = defaultdict(list)
    for model, keys in saved.items():
        for found in model._default_manager.filter(pk__in=keys).iterator():
            if (indexed := index.get_indexed_instance(found)) is not None:
                by_class[type(indexed)].append(indexed)
    for backend in get_search_backends(with_auto_update=True):
        for model, objects in by_class.items():
            for start in range(0, len(objects), BATCH):
                backend.add_bulk(model, objects[start : start + BATCH])
    return sum(len(objects) for objects in by_class.values())
