"""Shared previews: one draft revision, shown by a signed, expiring, revocable link."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry, PageViewRestriction

from home.models import HomePage
from sharing.models import SharedPreview

from .factories import actris_homepage, hero

pytestmark = pytest.mark.django_db

LIVE = "Advanced Cell Therapy and Research Institute, Singapore"
DRAFT = "A hero title that is only a draft"


@pytest.fixture
def home_with_draft():
    home = actris_homepage()
    draft = HomePage.objects.get(pk=home.pk)
    draft.body[0] = hero(DRAFT, "Learn more", "/about-us/")
    draft.save_revision()
    return HomePage.objects.get(pk=home.pk)


@pytest.fixture
def editor(django_user_model, home_with_draft):
    """Someone who may edit the site's pages (and nothing else in the admin)."""
    group = Group.objects.create(name="Site editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=home_with_draft, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("editor", password="editor-password-1")
    user.groups.add(group)
    return user


def make_link(client, user, page, days=7):
    client.force_login(user)
    response = client.post(f"/admin/sharing/page/{page.pk}/", {"days": days})
    assert response.status_code == 302
    client.logout()
    return SharedPreview.objects.latest("pk")


def test_an_editor_shares_the_draft_and_anyone_with_the_link_sees_it_as_a_draft(
    client, editor, home_with_draft
):
    link = make_link(client, editor, home_with_draft)
    assert link.revision == home_with_draft.get_latest_revision()
    assert link.created_by == editor
    assert link.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    log = PageLogEntry.objects.get(action="sharing.create")
    assert log.page_id == home_with_draft.pk and log.user == editor

    # The live site still shows the published title; the link shows the draft, marked so.
    assert LIVE in client.get("/").content.decode()
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert DRAFT in html and "<h1" in html
    assert "Draft preview" in html and 'class="draft-banner"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    # No admin access came with it, and the live page is unchanged.
    assert client.get("/admin/").status_code == 302
    assert DRAFT not in client.get("/").content.decode()


def test_the_link_keeps_showing_the_revision_it_was_made_for(client, editor, home_with_draft):
    link = make_link(client, editor, home_with_draft)
    later = HomePage.objects.get(pk=home_with_draft.pk)
    later.body[0] = hero("An even later draft", "Learn more", "/about-us/")
    later.save_revision()
    html = client.get(link.get_absolute_url()).content.decode()
    assert DRAFT in html and "An even later draft" not in html


def test_a_withdrawn_or_expired_link_shows_nothing_of_the_draft(client, editor, home_with_draft):
    link = make_link(client, editor, home_with_draft)
    client.force_login(editor)
    response = client.post(f"/admin/sharing/{link.pk}/revoke/")
    assert response.status_code == 302
    client.logout()
    link.refresh_from_db()
    assert link.revoked and link.revoked_by == editor
    assert PageLogEntry.objects.filter(action="sharing.revoke", page=home_with_draft).exists()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert DRAFT not in response.content.decode()
    assert "withdrawn" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"

    expiring = make_link(client, editor, home_with_draft, days=1)
    assert client.get(expiring.get_absolute_url()).status_code == 200
    SharedPreview.objects.filter(pk=expiring.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(expiring.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode() and DRAFT not in response.content.decode()


def test_a_made_up_or_altered_link_is_not_found(client, editor, home_with_draft):
    link = make_link(client, editor, home_with_draft)
    payload, signature = link.token.split(":", 1)
    assert client.get(f"/_preview/{payload}:{signature[:-2]}xx/").status_code == 404
    assert client.get(f"/_preview/{link.pk}/").status_code == 404
    # The same link number signed with another purpose's key is not a preview link.
    forged = signing.dumps(link.pk, salt="another.purpose")
    assert client.get(f"/_preview/{forged}/").status_code == 404
    # Only GET and HEAD.
    assert client.post(link.get_absolute_url()).status_code == 405


def test_a_page_in_a_private_section_stays_private_through_its_link(
    client, editor, home_with_draft
):
    restriction = PageViewRestriction.objects.create(
        page=home_with_draft, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-pw"
    )
    client.force_login(editor)
    share_screen = client.get(f"/admin/sharing/page/{home_with_draft.pk}/").content.decode()
    assert "This page is in a private section" in share_screen
    client.logout()
    link = make_link(client, editor, home_with_draft)

    asked = client.get(link.get_absolute_url())
    assert asked.status_code == 200 and DRAFT not in asked.content.decode()
    assert 'name="password"' in asked.content.decode()
    assert asked["Cache-Control"] == "private, no-store"
    # The section's password, through Wagtail's own form, and back to the link.
    given = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{home_with_draft.pk}/",
        {"password": "s3cret-pw", "return_url": link.get_absolute_url()},
    )
    assert given.status_code == 302 and given["Location"] == link.get_absolute_url()
    assert DRAFT in client.get(link.get_absolute_url()).content.decode()


def test_a_link_stops_when_its_maker_can_no_longer_edit(client, editor, home_with_draft):
    link = make_link(client, editor, home_with_draft)
    assert client.get(link.get_absolute_url()).status_code == 200
    editor.groups.clear()
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410 and DRAFT not in response.content.decode()
    link.refresh_from_db()
    assert link.status == "Withdrawn: its maker can no longer edit the page"


def test_a_page_without_a_saved_version_cannot_be_shared(client, django_user_model):
    from content.models import StandardPage

    home = actris_homepage()
    page = StandardPage(title="Never saved", slug="never-saved")
    home.add_child(instance=page)  # no revision: as a page made in code, not in the editor
    assert page.get_latest_revision() is None
    chief = django_user_model.objects.create_superuser("chief", "", "chief-password-1")
    client.force_login(chief)
    response = client.post(f"/admin/sharing/page/{page.pk}/", {"days": 7}, follow=True)
    assert response.status_code == 200
    assert "save a draft first" in response.content.decode()
    assert not SharedPreview.objects.exists()


def test_only_people_who_may_edit_the_page_can_share_or_withdraw(
    client, django_user_model, editor, home_with_draft
):
    link = make_link(client, editor, home_with_draft)
    reader = django_user_model.objects.create_user("reader", password="reader-password-1")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    # The admin's answer to a permission error: back to the dashboard with a message.
    for response in (
        client.get(f"/admin/sharing/page/{home_with_draft.pk}/"),
        client.post(f"/admin/sharing/page/{home_with_draft.pk}/", {"days": 7}),
        client.post(f"/admin/sharing/{link.pk}/revoke/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    link.refresh_from_db()
    assert link.active
    assert SharedPreview.objects.count() == 1
    # An expiry the form does not offer is refused.
    client.force_login(editor)
    response = client.post(f"/admin/sharing/page/{home_with_draft.pk}/", {"days": 3650})
    assert response.status_code == 200 and SharedPreview.objects.count() == 1


def test_the_page_header_offers_sharing_to_editors(client, editor, home_with_draft):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{home_with_draft.pk}/edit/").content.decode()
    assert f'href="/admin/sharing/page/{home_with_draft.pk}/"' in html
    listing = client.get(f"/admin/sharing/page/{home_with_draft.pk}/").content.decode()
    assert "Make a preview link of the latest draft" in listing
