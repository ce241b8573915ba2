"""Listing queries: a fixed number of database queries however many entries there are."""

from django.utils import timezone
from wagtail.models import Page

from .models import NewsCategoryPage, NewsEntryPage, NewsroomIndexPage


def listed_entries(parent: Page):
    """Live, public entries under ``parent`` dated today or earlier, newest first."""
    return (
        NewsEntryPage.objects.live()
        .public()
        .descendant_of(parent)
        .filter(publication_date__lte=timezone.localdate())
        .select_related("listing_image", "document")
        .defer_streamfields()
        .order_by("-publication_date", "-first_published_at", "-pk")
    )


def with_categories(entries: list, newsroom: Page) -> list:
    """Attach each entry's category from one query (entries are direct children of categories)."""
    categories = {
        category.path: category for category in NewsCategoryPage.objects.child_of(newsroom)
    }
    for entry in entries:
        entry.category = categories.get(entry.path[: -NewsEntryPage.steplen])
    return entries


def newest_entries_for_homepage(count: int):
    """The ``count`` newest listed entries across all categories, and the newsroom page."""
    newsroom = NewsroomIndexPage.objects.live().first()
    if newsroom is None:
        return [], None
    entries = list(listed_entries(newsroom)[:count])
    return with_categories(entries, newsroom), newsroom
