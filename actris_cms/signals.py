"""What happens when content changes: fragments and proxy copies go stale, pictures get ready."""

import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .cache import new_content_version, pages_showing, purge
from .renditions import warm_page

# Changes made inside ``batched()``, acted on once at its end: pages changed (what shows them
# is worked out then), pages already known to show a change, whether every page does.
_batch = threading.local()
BATCH_PAGES = 50  # more pages changed in one batch than this: every page is purged


def batching() -> bool:
    return getattr(_batch, "changed", None) is not None


@contextmanager
def batched():
    """Page changes inside the block (an import's thousands of publishes) are noted, not acted
    on one by one: at the end, one new content version and one purge, of the pages showing the
    changed ones or, past ``BATCH_PAGES`` of them, of every page. The block's owner queues the
    renditions of what it published."""
    if batching():  # nested: the outer block acts
        yield
        return
    _batch.changed, _batch.shown, _batch.everything = {}, {}, False
    try:
        yield
        changed, shown, everything = _batch.changed, _batch.shown, _batch.everything
    finally:
        _batch.changed = None
    everything = everything or len(changed) > BATCH_PAGES
    for page in [] if everything else changed.values():
        found, everything = pages_showing(page)
        if everything:
            break
        shown.update((p.id, p) for p in found)
    if everything or shown:
        content_changed([] if everything else list(shown.values()), everything)


def content_changed(pages, everything=False):
    """A new content version now and again after the transaction commits (a request served in
    between may have cached what it read before the change under the new one), and the proxy
    purged."""
    if batching():
        _batch.everything = _batch.everything or everything
        _batch.shown.update((page.id, page) for page in pages)
        return
    new_content_version()
    transaction.on_commit(new_content_version)
    transaction.on_commit(lambda: purge(pages, everything))


def page_changed(sender, instance, **kwargs):
    if batching():  # what shows it is worked out at the end
        _batch.changed[instance.id] = instance
        return
    pages, everything = pages_showing(instance)
    content_changed(pages, everything)


def page_published_(sender, instance, **kwargs):
    page_changed(sender, instance)
    if settings.WARM_RENDITIONS and not batching():
        page_id = instance.id
        transaction.on_commit(lambda: warm_page.enqueue(page_id))


def before_move(sender, instance, **kwargs):
    instance._shown_before_move = pages_showing(instance)


def after_move(sender, instance, **kwargs):
    before, everything_before = getattr(instance, "_shown_before_move", ([], False))
    after, everything_after = pages_showing(instance)
    content_changed([*before, *after], everything_before or everything_after)


def before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.depth > 1 and instance.live:
        pages, everything = pages_showing(instance)
        content_changed([p for p in pages if p.id != instance.id], everything)


def settings_saved(sender, instance, created=False, **kwargs):
    if not created:  # made with its defaults on first use: nothing shown has changed
        content_changed([], everything=True)


def privacy_changed(sender, instance, **kwargs):
    content_changed([], everything=True)


def connect():
    from siteconfig.models import Footer, MainMenu, SiteIdentity

    page_published.connect(page_published_, dispatch_uid="actris-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="actris-page-unpublished")
    pre_page_move.connect(before_move, dispatch_uid="actris-pre-move")
    post_page_move.connect(after_move, dispatch_uid="actris-post-move")
    pre_delete.connect(before_delete, dispatch_uid="actris-pre-delete")
    for signal in (post_save, post_delete):  # a section made private or public again
        signal.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid=f"actris-{signal}")
    for model in (SiteIdentity, MainMenu, Footer):
        post_save.connect(settings_saved, sender=model, dispatch_uid=f"actris-{model.__name__}")
