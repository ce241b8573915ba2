"""What happens when content changes: fragments and proxy copies go stale, pictures get ready."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .cache import new_content_version, pages_showing, purge
from .renditions import warm_page


def content_changed(pages, everything=False):
    """A new content version now and again after the transaction commits (a request served in
    between may have cached what it read before the change under the new one), and the proxy
    purged."""
    new_content_version()
    transaction.on_commit(new_content_version)
    transaction.on_commit(lambda: purge(pages, everything))


def page_changed(sender, instance, **kwargs):
    pages, everything = pages_showing(instance)
    content_changed(pages, everything)


def page_published_(sender, instance, **kwargs):
    page_changed(sender, instance)
    if settings.WARM_RENDITIONS:
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
