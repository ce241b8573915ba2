"""Moderated and scheduled publishing through the admin's own forms and views."""

import datetime
import io
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from newsroom.governance import EDITORS, MODERATORS
from newsroom.models import NewsEntryPage

from .factories import build_newsroom, make_entry
from .site_helpers import tile_links, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return build_newsroom()


@pytest.fixture
def editor(django_user_model, newsroom):
    return user_in(django_user_model, "writer", EDITORS)


@pytest.fixture
def moderator(django_user_model, newsroom):
    return user_in(django_user_model, "moderator", MODERATORS)


def entry_form(title, action, go_live_at=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title),
            "kind": "article",
            "publication_date": datetime.date.today().isoformat(),
            "summary": "Written in the admin",
            "listing_image": "",
            "document": "",
            "external_url": "",
            "body": streamfield([("paragraph", rich_text("<p>Body text</p>"))]),
            "seo_title": "",
            "search_description": "",
            "headings_from": "2",
            "go_live_at": go_live_at,
            "expire_at": "",
            action: action,
        }
    )


def create_as(client, user, category, title, action="action-submit", go_live_at=""):
    client.force_login(user)
    response = client.post(
        f"/admin/pages/add/newsroom/newsentrypage/{category.id}/",
        entry_form(title, action, go_live_at),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return NewsEntryPage.objects.get(title=title)


def public_views(client, entry, index):
    client.logout()
    return {
        "page": client.get(f"{index.url}{entry.get_parent().slug}/{entry.slug}/").status_code,
        "homepage": entry.title in client.get("/").content.decode(),
        "listing": entry.title in client.get(index.url).content.decode(),
        "feed": entry.title in client.get(index.url + "feed/").content.decode(),
    }


HIDDEN = {"page": 404, "homepage": False, "listing": False, "feed": False}
VISIBLE = {"page": 200, "homepage": True, "listing": True, "feed": True}


def workflow_action(client, user, entry, action, comment="", said=None):
    task_state = TaskState.objects.get(
        workflow_state__base_content_type__isnull=False,
        workflow_state__object_id=str(entry.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    client.force_login(user)
    response = client.post(
        f"/admin/pages/workflow/action/{entry.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )
    if said is not None:  # what the moderator reads on the page they land on
        said.extend(str(m) for m in get_messages(response.wsgi_request))
    client.logout()
    assert response.status_code == 302
    return TaskState.objects.get(pk=task_state.pk)


def test_submitted_entry_is_hidden_until_a_moderator_approves(client, newsroom, editor, moderator):
    home, index, (events, _) = newsroom
    entry = create_as(client, editor, events, "Cell therapy workshop")
    assert not entry.live
    assert entry.current_workflow_state.status == "in_progress"
    assert public_views(client, entry, index) == HIDDEN

    said = []
    state = workflow_action(client, moderator, entry, "approve", said=said)
    assert state.status == TaskState.STATUS_APPROVED
    assert said == ["Approved: 'Cell therapy workshop'; it is now live."]
    # Approved again (a double click, a second moderator): Wagtail refuses, nothing confirmed.
    client.force_login(moderator)
    again = client.post(
        f"/admin/pages/workflow/action/{entry.pk}/approve/{state.pk}/", {"comment": ""}
    )
    client.logout()
    assert [str(m) for m in get_messages(again.wsgi_request) if "Approved" in str(m)] == []
    entry.refresh_from_db()
    assert entry.live
    assert public_views(client, entry, index) == VISIBLE


def test_rejection_returns_the_entry_to_the_editor_with_the_comment(
    client, newsroom, editor, moderator
):
    home, index, (events, _) = newsroom
    entry = create_as(client, editor, events, "Needs work")
    said = []
    state = workflow_action(client, moderator, entry, "reject", "Please add the venue.", said)
    assert state.status == TaskState.STATUS_REJECTED
    assert said == ["Changes requested: 'Needs work' goes back to its author with your comment."]
    assert state.comment == "Please add the venue."
    entry.refresh_from_db()
    assert not entry.live
    assert entry.current_workflow_state.status == "needs_changes"
    client.force_login(editor)
    edit_page = client.get(f"/admin/pages/{entry.pk}/edit/").content.decode()
    assert "Please add the venue." in edit_page
    assert public_views(client, entry, index) == HIDDEN


def test_an_editor_cannot_publish_directly(client, newsroom, editor):
    home, index, (events, _) = newsroom
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/newsroom/newsentrypage/{events.id}/",
        entry_form("Sneaky", "action-publish"),
    )
    entry = NewsEntryPage.objects.filter(title="Sneaky").first()
    assert entry is None or not entry.live
    published = make_entry(events, "Already live")
    client.force_login(editor)
    response = client.get(f"/admin/pages/{published.pk}/unpublish/")
    assert response.status_code in (302, 403)
    published.refresh_from_db()
    assert published.live
    perms = published.permissions_for_user(editor)
    assert perms.can_edit() and not perms.can_publish() and not perms.can_unpublish()


def test_an_editor_cannot_edit_the_homepage_or_other_sections(client, newsroom, editor):
    home, index, _ = newsroom
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code in (302, 403)
    assert not home.permissions_for_user(editor).can_edit()
    assert not home.permissions_for_user(editor).can_add_subpage()
    assert client.get(f"/admin/pages/add/home/homepage/{home.pk}/").status_code in (302, 403)


def test_a_moderator_can_publish_and_unpublish(client, newsroom, moderator):
    home, index, (events, _) = newsroom
    entry = create_as(client, moderator, events, "Moderator news", action="action-publish")
    assert entry.live
    client.force_login(moderator)
    response = client.post(f"/admin/pages/{entry.pk}/unpublish/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert not entry.live


def test_approved_entry_with_future_go_live_publishes_on_schedule(
    client, newsroom, editor, moderator
):
    home, index, (events, _) = newsroom
    go_live = timezone.localtime() + datetime.timedelta(seconds=6)
    entry = create_as(
        client, editor, events, "Scheduled news", go_live_at=go_live.strftime("%Y-%m-%d %H:%M:%S")
    )
    workflow_action(client, moderator, entry, "approve")
    entry.refresh_from_db()
    assert not entry.live
    assert entry.get_latest_revision().approved_go_live_at is not None
    call_command("publish_scheduled", stdout=io.StringIO())
    entry.refresh_from_db()
    assert not entry.live, "not before its time"
    assert public_views(client, entry, index) == HIDDEN

    time.sleep(max(0.0, (go_live - timezone.localtime()).total_seconds()) + 0.5)
    call_command("publish_scheduled", stdout=io.StringIO())
    entry.refresh_from_db()
    assert entry.live
    assert public_views(client, entry, index) == VISIBLE


def test_anonymous_visitors_get_no_drafts_previews_or_admin(client, newsroom):
    home, index, (events, _) = newsroom
    draft = make_entry(events, "Secret draft", publish=False)
    assert client.get(draft.url or f"{events.url}{draft.slug}/").status_code == 404
    preview = client.get(f"/admin/pages/{draft.pk}/edit/preview/")
    assert preview.status_code == 302 and "/admin/login/" in preview["Location"]
    admin = client.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]


def test_governance_setup_is_idempotent(newsroom):
    from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

    counts = (GroupPagePermission.objects.count(), Workflow.objects.count(), Group.objects.count())
    call_command("setup_newsroom", stdout=io.StringIO())
    call_command("setup_newsroom", stdout=io.StringIO())
    assert (
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Group.objects.count(),
    ) == counts
    home, index, _ = newsroom
    assert WorkflowPage.objects.get(page=index).workflow.name == "Newsroom review"


def test_file_and_link_entries_made_in_the_admin_link_correctly(client, newsroom, moderator):
    """A moderator uploads a PDF through the admin's document form, then publishes a file entry
    and a link entry through the page forms; listings, homepage and feed link as Isomer does."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    home, index, (events, _) = newsroom
    client.force_login(moderator)
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Annual report 2025",
            "file": SimpleUploadedFile(
                "annual-report-2025.pdf", b"%PDF-1.4\n%report\n", "application/pdf"
            ),
            "collection": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = get_document_model().objects.get(title="Annual report 2025")

    def publish(title, **fields):
        data = entry_form(title, "action-publish")
        data.update(fields)
        response = client.post(f"/admin/pages/add/newsroom/newsentrypage/{events.id}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        return NewsEntryPage.objects.get(title=title)

    file_entry = publish("Annual report", kind="file", document=str(document.id))
    link_entry = publish(
        "In the press", kind="link", external_url="https://news.example.com/actris"
    )
    assert file_entry.live and link_entry.live
    refused = client.post(
        f"/admin/pages/add/newsroom/newsentrypage/{events.id}/",
        {**entry_form("Missing file", "action-publish"), "kind": "file"},
    )
    assert "A file entry needs a document" in refused.content.decode()
    client.logout()

    for url in (index.url, events.url, "/"):
        tiles = tile_links(client.get(url).content.decode())
        assert f'href="{document.url}">' in tiles["Annual report"], url
        assert (
            'href="https://news.example.com/actris" target="_blank" rel="noopener noreferrer"'
            in tiles["In the press"]
        ), url
    feed = client.get(index.url + "feed/").content.decode()
    assert f"<link>http://testserver{document.url}</link>" in feed
    assert "<link>https://news.example.com/actris</link>" in feed
    assert client.get(document.url).status_code == 200


def test_compare_with_previous_shows_the_submitted_change_after_an_autosave(
    client, newsroom, editor, moderator
):
    """An identical revision stored just before Submit (autosave, or Save draft without edits)
    must not leave the moderator comparing two equal versions."""
    home, index, (events, _) = newsroom
    entry = make_entry(events, "Open day", publish=True)
    live = entry.live_revision
    changed = {**entry_form("Open day", "action-submit"), "summary": "A summary to review"}
    draft = {key: value for key, value in changed.items() if key != "action-submit"}
    client.force_login(editor)
    edit = f"/admin/pages/{entry.pk}/edit/"
    for form in (draft, draft, changed):  # the change, the same again (autosave), Submit
        response = client.post(edit, form)
        assert response.status_code == 302, response.content.decode()[:2000]
        # The editor's form sends each block's id back, as the browser does.
        block_id = entry.revisions.latest("pk").as_object().body[0].id
        draft["body-0-id"] = changed["body-0-id"] = block_id
    revisions = list(entry.revisions.order_by("pk").values_list("pk", flat=True))
    assert len(revisions) == 4, "live, draft, its identical copy, the submitted one"
    submitted = revisions[-1]

    client.force_login(moderator)
    dashboard = client.get("/admin/").content.decode()
    compare = rf"/admin/pages/{entry.pk}/revisions/compare/(\d+)\.\.\.{submitted}/"
    previous = re.search(compare, dashboard)
    assert previous is not None, "the dashboard offers 'Compare with previous version'"
    assert int(previous.group(1)) == live.pk, "the latest revision that differs: the live one"
    compared = client.get(previous.group(0)).content.decode()
    assert "There are no differences" not in compared
    assert "A summary to review" in compared
