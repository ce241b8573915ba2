"""Every change to a site's pages is reviewed: contributors submit, publishers approve or ask for
changes, through the admin's own views (home/governance.py, `setup_roles`)."""

import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    TaskState,
    Workflow,
    WorkflowPage,
)

from accounts import policy
from content.models import StandardPage
from home.governance import CONTRIBUTORS, PUBLISHERS, ensure_roles
from home.models import HomePage
from newsroom.governance import MODERATORS
from newsroom.models import NewsroomIndexPage

from .admin_forms import edit_form_post_data
from .factories import StandardPageFactory, build_newsroom
from .site_helpers import run_import, user_in

pytestmark = pytest.mark.django_db


def setup_roles() -> str:
    out = io.StringIO()
    call_command("setup_roles", stdout=out)
    return out.getvalue()


@pytest.fixture
def site_pages():
    home, index, _ = build_newsroom()
    about = StandardPageFactory(parent=home, title="About us", slug="about-us")
    setup_roles()
    return home, about


@pytest.fixture
def contributor(django_user_model, site_pages):
    return user_in(django_user_model, "contributor", CONTRIBUTORS)


@pytest.fixture
def publisher(django_user_model, site_pages):
    return user_in(django_user_model, "publisher", PUBLISHERS)


def submit(client, user, page, **changes):
    """The page's edit form as the editor's browser posts it, with ``changes``, submitted."""
    page = page.specific
    client.force_login(user)
    data = edit_form_post_data(page, user, action="action-submit")
    data.update(changes)
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    client.logout()
    assert response.status_code == 302, response.content.decode()[:3000]
    return said


def act(client, user, page, action, comment=""):
    """A publisher's workflow action on the page's task, and what the admin then says."""
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    client.force_login(user)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/", {"comment": comment}
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    client.logout()
    assert response.status_code == 302
    return TaskState.objects.get(pk=state.pk), said


def live_html(client, page) -> str:
    client.logout()
    return client.get(page.url).content.decode()


def test_a_contributors_change_goes_live_only_when_a_publisher_approves(
    client, site_pages, contributor, publisher
):
    home, about = site_pages
    said = submit(client, contributor, about, title="About ACTRIS")
    assert any("submitted" in m.lower() for m in said), said
    about.refresh_from_db()
    assert about.title == "About us" and about.has_unpublished_changes
    assert about.current_workflow_state.workflow.name == "Site review"
    assert "About ACTRIS" not in live_html(client, about)

    state, said = act(client, publisher, about, "approve")
    assert state.status == TaskState.STATUS_APPROVED
    assert any("approved" in m.lower() for m in said), (
        said
    )  # a confirmation on the page they land on
    about.refresh_from_db()
    assert about.title == "About ACTRIS" and not about.has_unpublished_changes
    assert "About ACTRIS" in live_html(client, about)


def test_the_homepage_is_reviewed_too(client, site_pages, contributor, publisher):
    home, _ = site_pages
    submit(client, contributor, home, seo_title="Cell therapy in Singapore")
    home = HomePage.objects.get(pk=home.pk)
    assert home.seo_title != "Cell therapy in Singapore"
    assert home.current_workflow_state is not None
    act(client, publisher, home, "approve")
    assert HomePage.objects.get(pk=home.pk).seo_title == "Cell therapy in Singapore"


def test_a_publisher_asks_for_changes_with_a_comment(client, site_pages, contributor, publisher):
    _, about = site_pages
    submit(client, contributor, about, title="About ACTRIS (draft)")
    state, _ = act(client, publisher, about, "reject", comment="Please drop '(draft)'")
    assert state.status == TaskState.STATUS_REJECTED
    assert state.get_comment() == "Please drop '(draft)'"
    about.refresh_from_db()
    assert about.title == "About us"  # still the live version
    # the contributor is shown the comment with the page's history of the review
    client.force_login(contributor)
    history = client.get(f"/admin/pages/{about.pk}/history/").content.decode()
    assert "Please drop &#x27;(draft)&#x27;" in history or "Please drop '(draft)'" in history


def test_contributors_cannot_publish_and_publishers_can(client, site_pages, contributor, publisher):
    _, about = site_pages
    assert about.permissions_for_user(contributor).can_edit()
    assert not about.permissions_for_user(contributor).can_publish()
    client.force_login(contributor)
    client.post(
        f"/admin/pages/{about.pk}/edit/",
        {**edit_form_post_data(about, contributor), "title": "Published by a contributor"},
    )
    about.refresh_from_db()
    assert about.title == "About us"
    assert about.permissions_for_user(publisher).can_publish()
    assert about.permissions_for_user(publisher).can_unpublish()
    client.force_login(publisher)
    response = client.post(
        f"/admin/pages/{about.pk}/edit/",
        {**edit_form_post_data(about, publisher), "title": "Published by a publisher"},
    )
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.title == "Published by a publisher" and about.live
    # and so publishers give a second factor under TWO_STEP_REQUIRED=publishers
    assert policy.can_publish(publisher) and not policy.can_publish(contributor)


def test_publishers_may_approve_newsroom_entries(site_pages, publisher):
    task = GroupApprovalTask.objects.get(name="Moderator approval")
    assert set(task.groups.values_list("name", flat=True)) == {MODERATORS, PUBLISHERS}
    newsroom = NewsroomIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=newsroom).workflow.name == "Newsroom review"


def test_each_site_has_its_own_groups_and_review(client, site_pages, django_user_model):
    home, about = site_pages
    research_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Research", slug="research")
    )
    research_home.save_revision().publish()
    research = Site.objects.create(
        hostname="research.example", port=80, root_page=research_home, site_name="Research"
    )
    report = setup_roles()
    assert "Contributors (Research)" in report
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
        GroupApprovalTask.objects.count(),
    )
    setup_roles()  # again: nothing new
    assert (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
        GroupApprovalTask.objects.count(),
    ) == counts

    theirs = user_in(django_user_model, "researcher", "Contributors (Research)")
    ours = user_in(django_user_model, "writer", CONTRIBUTORS)
    assert research_home.permissions_for_user(theirs).can_edit()
    assert not home.permissions_for_user(theirs).can_edit()
    assert not about.permissions_for_user(theirs).can_edit()
    assert not research_home.permissions_for_user(ours).can_edit()
    client.force_login(theirs)
    assert client.get(f"/admin/pages/{about.pk}/edit/").status_code in (302, 403)
    assert WorkflowPage.objects.get(page=research_home).workflow.name == "Site review (Research)"
    assert WorkflowPage.objects.get(page=home).workflow.name == "Site review"
    task = GroupApprovalTask.objects.get(name="Publisher approval (Research)")
    assert list(task.groups.values_list("name", flat=True)) == ["Publishers (Research)"]
    assert research.is_default_site is False


def test_a_new_site_root_takes_the_groups_and_review_with_it(site_pages):
    """A first import makes the homepage the site's root: the rights and the review move from
    the page that was the root, and what an administrator granted deeper stays."""
    home, about = site_pages
    contributors = Group.objects.get(name=CONTRIBUTORS)
    GroupPagePermission.objects.create(
        group=contributors, page=about, permission_id=GroupPagePermission.objects.filter(
            group=contributors).values_list("permission_id", flat=True).first()
    )  # fmt: skip
    new_root = Page.get_first_root_node().add_child(
        instance=HomePage(title="Imported home", slug="imported-home")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = new_root
    site.save()
    ensure_roles()
    pages = set(
        GroupPagePermission.objects.filter(group=contributors).values_list("page_id", flat=True)
    )
    assert pages == {new_root.id, about.id}
    assert not WorkflowPage.objects.filter(page=home).exists()
    assert WorkflowPage.objects.get(page=new_root).workflow.name == "Site review"


def test_an_import_puts_the_review_on_the_homepage_it_makes(media_root):
    from pathlib import Path

    Site.objects.all().delete()
    HomePage.objects.all().delete()
    sample = Path(__file__).resolve().parent.parent / "sample_content" / "actris-site"
    run_import(sample)
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.id
    assert WorkflowPage.objects.get(page=home).workflow.name == "Site review"
    assert StandardPage.objects.exists()
    rights = GroupPagePermission.objects.filter(group__name=PUBLISHERS)
    assert set(rights.values_list("page_id", flat=True)) == {home.id}
    assert set(rights.values_list("permission__codename", flat=True)) >= {"publish_page"}
