"""Who may do what in the newsroom, and the review workflow. Idempotent: safe to run often.

- "Newsroom editors": create and edit entries and categories under the newsroom, and submit
  them for moderation. They cannot publish, and cannot edit the homepage or any other section.
- "Newsroom moderators": everything editors can, plus approve or reject (with a comment),
  publish, unpublish and lock entries under the newsroom.
- Workflow "Newsroom review": one group-approval task for the moderators, assigned to the
  newsroom index, so every change under it goes through review unless a moderator publishes.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import NewsroomIndexPage

EDITORS = "Newsroom editors"
MODERATORS = "Newsroom moderators"
WORKFLOW = "Newsroom review"
TASK = "Moderator approval"
NEWSROOM_TITLE = "Newsroom & Events"
NEWSROOM_SLUG = "newsroom-and-events"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = EDITOR_MEDIA_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


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


def _group(name: str, page_permissions, media_permissions, newsroom) -> Group:
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    root_collection = Collection.get_first_root_node()
    for app_label, codename in media_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )
    if newsroom is not None:
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=newsroom, permission=_permission("wagtailcore", codename)
            )
    return group


@transaction.atomic
def ensure_newsroom_governance(newsroom: NewsroomIndexPage | None = None) -> dict:
    newsroom = newsroom or NewsroomIndexPage.objects.first()
    editors = _group(EDITORS, EDITOR_PAGE_PERMISSIONS, EDITOR_MEDIA_PERMISSIONS, newsroom)
    moderators = _group(
        MODERATORS, MODERATOR_PAGE_PERMISSIONS, MODERATOR_MEDIA_PERMISSIONS, newsroom
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if newsroom is not None:
        WorkflowPage.objects.update_or_create(page=newsroom, defaults={"workflow": workflow})
    return {"editors": editors, "moderators": moderators, "workflow": workflow, "task": task}
