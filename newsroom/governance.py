"""Who may do what in the newsroom, and the review workflow. Idempotent: safe to run often.

- "Newsroom editors": create and edit entries and categories under the newsroom, and submit
  them for moderation. They cannot publish, and cannot edit the homepage or any other section.
- "Newsroom moderators": everything editors can, plus approve or reject (with a comment),
  publish, unpublish and lock entries under the newsroom.
- Workflow "Newsroom review": one group-approval task for the moderators, assigned to the
  newsroom index, so every change under it goes through review unless a moderator publishes.
"""

from django.db import transaction
from wagtail.models import (
    Page,
)

from home.governance import (
    CONTRIBUTOR_MEDIA_PERMISSIONS,
    CONTRIBUTOR_PAGE_PERMISSIONS,
    PUBLISHER_MEDIA_PERMISSIONS,
    PUBLISHER_PAGE_PERMISSIONS,
    ensure_review,
    role_group,
)

from .models import NewsroomIndexPage

EDITORS = "Newsroom editors"
MODERATORS = "Newsroom moderators"
WORKFLOW = "Newsroom review"
TASK = "Moderator approval"
NEWSROOM_TITLE = "Newsroom & Events"
NEWSROOM_SLUG = "newsroom-and-events"

# the site's contributors' and publishers' rights, under the newsroom only
EDITOR_PAGE_PERMISSIONS = CONTRIBUTOR_PAGE_PERMISSIONS
MODERATOR_PAGE_PERMISSIONS = PUBLISHER_PAGE_PERMISSIONS
EDITOR_MEDIA_PERMISSIONS = CONTRIBUTOR_MEDIA_PERMISSIONS
MODERATOR_MEDIA_PERMISSIONS = PUBLISHER_MEDIA_PERMISSIONS


def ensure_newsroom_index(homepage: Page | None = None) -> NewsroomIndexPage | None:
    """The site's newsroom page, created under the homepage when there is none."""
    newsroom = NewsroomIndexPage.objects.first()
    if newsroom is not None:
        return newsroom
    if homepage is None:
        from home.models import HomePage

        homepage = HomePage.objects.first()
    if homepage is None:
        return None
    newsroom = NewsroomIndexPage(title=NEWSROOM_TITLE, slug=NEWSROOM_SLUG)
    homepage.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    return newsroom


@transaction.atomic
def ensure_newsroom_governance(
    newsroom: NewsroomIndexPage | None = None, extra_approvers=()
) -> dict:
    """The newsroom's groups and review; ``extra_approvers`` (the site's publishers) may approve
    entries as well as the moderators."""
    newsroom = newsroom or NewsroomIndexPage.objects.first()
    editors = role_group(EDITORS, newsroom, EDITOR_PAGE_PERMISSIONS, EDITOR_MEDIA_PERMISSIONS)
    moderators = role_group(
        MODERATORS, newsroom, MODERATOR_PAGE_PERMISSIONS, MODERATOR_MEDIA_PERMISSIONS
    )
    workflow, task = ensure_review(WORKFLOW, TASK, [moderators, *extra_approvers], newsroom)
    return {"editors": editors, "moderators": moderators, "workflow": workflow, "task": task}
