"""Who may change each site, and the review every change goes through. Idempotent: safe to run
often (``manage.py setup_roles``, ``make run``, the production entrypoint, every site import).

For each Wagtail site (its pages are those under its root page):

- "Contributors": create and edit the site's pages, upload images and documents, and submit
  changes for review. They cannot publish.
- "Publishers": everything contributors can, plus approve, request changes (with a comment),
  publish, unpublish and lock the site's pages, and edit pictures' and documents' details.
- Workflow "Site review": one task, "Publisher approval", for the publishers, assigned to the
  site's root page, so a contributor's change goes live only once a publisher approves it.
  The newsroom keeps its own "Newsroom review" (newsroom/governance.py), which the default
  site's publishers may approve as well as the newsroom moderators.

The default site's groups have the plain names; every other site's carry its name, e.g.
"Contributors (research.actris.sg)", so a contributor of one site cannot touch another.

Wagtail's own "Editors" and "Moderators" groups, and its "Moderators approval" workflow, are made
by its migrations with permissions on the tree's root: every site. They are left as they are
(people may be in them); site administrators use the groups above instead (docs/editors.md).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

CONTRIBUTORS = "Contributors"
PUBLISHERS = "Publishers"
WORKFLOW = "Site review"
TASK = "Publisher approval"

CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
PUBLISHER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
CONTRIBUTOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
PUBLISHER_MEDIA_PERMISSIONS = CONTRIBUTOR_MEDIA_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
]


@dataclass
class SiteRoles:
    site: Site
    contributors: Group
    publishers: Group
    workflow: Workflow
    task: GroupApprovalTask


def site_label(site: Site) -> str:
    """'' for the default site; otherwise ' (its name)', added to its groups' names."""
    if site.is_default_site:
        return ""
    return f" ({site.site_name or site.hostname})"


def former_roots():
    """Top-level pages that are no site's root (Wagtail's welcome page once an import has made
    the homepage the root)."""
    return Page.objects.filter(depth=2).exclude(
        id__in=Site.objects.values_list("root_page_id", flat=True)
    )


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def role_group(name: str, page: Page | None, page_permissions, media_permissions) -> Group:
    """The group ``name`` with admin access, ``media_permissions`` on the root collection and
    ``page_permissions`` on ``page`` and the pages under it (none while there is no page)."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    root_collection = Collection.get_first_root_node()
    for app_label, codename in media_permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=_permission(app_label, codename)
        )
    # a root page replaced (a first import makes the homepage the site's root) hands the
    # group's permissions on to the new one; what an administrator granted deeper stays
    GroupPagePermission.objects.filter(group=group, page__in=former_roots()).delete()
    if page is not None:
        for codename in page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_permission("wagtailcore", codename)
            )
    return group


def ensure_review(workflow_name: str, task_name: str, approvers, page: Page | None):
    """The active workflow ``workflow_name`` of one approval task for ``approvers``, assigned to
    ``page`` and the pages under it (a former site root's assignment moves with the root)."""
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=workflow_name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(workflow=workflow, page__in=former_roots()).delete()
    if page is not None:  # no write when it is assigned already (every import runs this)
        assigned = WorkflowPage.objects.filter(page=page).first()
        if assigned is None:
            WorkflowPage.objects.create(page=page, workflow=workflow)
        elif assigned.workflow_id != workflow.id:
            assigned.workflow = workflow
            assigned.save(update_fields=["workflow"])
    return workflow, task


def ensure_site_roles(site: Site) -> SiteRoles:
    label = site_label(site)
    root = site.root_page
    contributors = role_group(
        CONTRIBUTORS + label, root, CONTRIBUTOR_PAGE_PERMISSIONS, CONTRIBUTOR_MEDIA_PERMISSIONS
    )
    publishers = role_group(
        PUBLISHERS + label, root, PUBLISHER_PAGE_PERMISSIONS, PUBLISHER_MEDIA_PERMISSIONS
    )
    workflow, task = ensure_review(WORKFLOW + label, TASK + label, [publishers], root)
    return SiteRoles(site, contributors, publishers, workflow, task)


@transaction.atomic
def ensure_roles(*, create_newsroom: bool = False) -> list[SiteRoles]:
    """Every site's contributors, publishers and review, then the newsroom's (created under the
    homepage first when ``create_newsroom``; an import never makes one it did not find)."""
    from newsroom.governance import ensure_newsroom_governance, ensure_newsroom_index
    from newsroom.models import NewsroomIndexPage

    roles = [ensure_site_roles(site) for site in Site.objects.select_related("root_page")]
    newsroom = ensure_newsroom_index() if create_newsroom else NewsroomIndexPage.objects.first()
    default = next((r for r in roles if r.site.is_default_site), None)
    ensure_newsroom_governance(
        newsroom, extra_approvers=[default.publishers] if default is not None else []
    )
    return roles
