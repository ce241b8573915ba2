"""The import's to-do list in the admin, on the real ACTRIS import: what it lists, its filters,
and items leaving it only when the page is fixed (re-checked on save, not ticked)."""

import json
import re
from urllib.parse import unquote

import pytest
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from importers.models import ReviewItem
from importers.review import kind_label, subject_of

from .admin_forms import edit_form_post_data
from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .site_helpers import run_import
from .test_admin_link_policy import settings_post_data

pytestmark = pytest.mark.django_db


def test_subjects_are_read_from_report_messages():
    assert subject_of("broken_link", "Link to /a b/ points at no page of the site") == "/a b/"
    assert subject_of("missing_alt", "Image x.png has no alt text; its file name 'X' was used.")
    assert subject_of("simplified_html", "Removed <font>.") == ""
    assert kind_label("missing_alt") == "Image without alt text"
    assert kind_label("some_new_code") == "Some new code"


@pytest.fixture
def actris(tmp_path):
    site = ISOMER_SITES_DIR / "cris-actris"
    if not site.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    report = tmp_path / "report.json"
    run_import(site, "--report", report)
    return site, json.loads(report.read_text())


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("todo", "", "pw")
    client.force_login(user)
    return user


def open_items(**filters):
    return ReviewItem.objects.filter(resolved_at__isnull=True, **filters)


def save_through_editor(client, user, page, publish=False) -> None:
    """Press Save draft (or Publish) in the real edit form with ``page``'s content."""
    data = edit_form_post_data(page, user)
    if not publish:
        data.pop("action-publish", None)
    else:
        data["action-publish"] = "action-publish"
    response = client.post(f"/admin/pages/{page.id}/edit/", data)
    assert response.status_code == 302, response.content[:2000]


def replace_in_body(page, old: str, new: str):
    raw = json.loads(json.dumps(list(page.body.raw_data)).replace(json.dumps(old)[1:-1], new))
    page.body = raw
    return page


def lists_filters_and_links(client, reported_alt, not_listed):
    assert open_items(code="missing_alt").count() == len(reported_alt) - len(not_listed) > 100
    assert open_items(code="broken_link").exists()
    assert not open_items(code="edited_in_wagtail").exists()  # information, not a to-do
    assert not open_items(code="skipped_layout").exists()  # Wagtail has its own search page

    listing = client.get("/admin/reports/import-todo/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f"{open_items().count()} left to do" in html
    assert "Image without alt text" in html and "Edit page" in html
    assert "Table used for layout" in html  # every kind the import raises has its label
    # Messages read as plain words: addresses without %20, the file and its line spelled out.
    item = open_items(code="missing_alt", message__contains="%20").first()
    assert item.image.file.name.endswith(unquote(item.message.split()[1]).rsplit("/")[-1])
    assert escape(unquote(item.message)) in html and escape(item.message) not in html
    assert f"{escape(item.source_path)}, line {item.line}" in html
    # No "Edit image": the picture's description is not this page's alt text.
    assert f'href="/admin/images/{item.image_id}/"' not in html
    only_links = client.get("/admin/reports/import-todo/?code=broken_link").content.decode()
    assert "Broken link" in only_links and "Image without alt text</td>" not in only_links
    title = Page.objects.get(pk=item.page_id).title
    by_page = client.get("/admin/reports/import-todo/", {"page": title}).content.decode()
    elsewhere = open_items().exclude(page__title__icontains=title).exclude(page=None).first()
    assert escape(unquote(item.message)) in by_page
    assert escape(unquote(elsewhere.message)) not in by_page
    csv = client.get("/admin/reports/import-todo/?export=csv")
    assert csv.status_code == 200 and b"missing_alt" in b"".join(csv.streaming_content)


def saved(client, editor, page, capture, publish=True) -> None:
    with capture(execute=True):
        save_through_editor(client, editor, page, publish=publish)


def unchanged_saves_close_nothing(client, editor, capture):
    """Every kind is re-checked on publish: publishing with nothing changed closes no item."""
    pages = {item.page_id for item in open_items().exclude(page=None)}
    open_before = open_items().count()
    for page in Page.objects.filter(pk__in=pages).specific():
        if open_items(page=page).exclude(code="missing_alt").exists():
            saved(client, editor, page.get_latest_revision_as_object(), capture)
    assert open_items().count() == open_before
    for code in ("missing_image", "layout_table", "simplified_html", "broken_link"):
        assert open_items(code=code).exists(), code


def judgement_and_media_items_close_when_fixed(client, editor, capture):
    # Simplified HTML: done once an editor has changed what the import wrote.
    item = open_items(code="simplified_html").first()
    page = Page.objects.get(pk=item.page_id).specific
    saved(client, editor, replace_in_body(page, "Terms", "Terms and conditions"), capture)
    assert not open_items(pk=item.pk).exists()

    # A missing picture: done once the entry has a picture again.
    item = open_items(code="missing_image").first()
    entry = Page.objects.get(pk=item.page_id).specific
    entry.listing_image = get_image_model().objects.first()
    saved(client, editor, entry, capture)
    assert not open_items(pk=item.pk).exists()


def counts_are_the_same_for_a_newsroom_editor(client, django_user_model):
    """Someone who may edit only the newsroom sees, on the dashboard and in the list, the same
    number: the items they can fix."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from newsroom.governance import EDITORS

    call_command("setup_newsroom", stdout=open("/dev/null", "w"))
    writer = django_user_model.objects.create_user("writer", password="writer-pw-1")
    writer.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(writer)
    listing = client.get("/admin/reports/import-todo/").content.decode()
    theirs = int(re.search(r"(\d+) left to do", listing).group(1))
    assert 0 < theirs < open_items().count()
    assert re.search(rf"\b{theirs} items? left", client.get("/admin/").content.decode())


def test_the_report_lists_what_needs_a_person_and_items_leave_when_fixed(
    actris, client, editor, django_capture_on_commit_callbacks, django_user_model
):
    site, report = actris
    capture = django_capture_on_commit_callbacks
    reported_alt = [i for i in report["items"] if i["code"] == "missing_alt"]
    # Every image without alt text is on the list, but those the import could not bring in
    # (their file is missing: a "missing image" item of its own says so).
    missing = {unquote(path) for path in report["images"]["missing"]}
    not_listed = [
        unquote(re.search(r"Image (.+?) has no alt text", item.message).group(1))
        for item in ReviewItem.objects.filter(code="missing_alt", resolved_at__isnull=False)
    ]
    assert set(not_listed) <= missing, set(not_listed) - missing
    lists_filters_and_links(client, reported_alt, not_listed)
    unchanged_saves_close_nothing(client, editor, capture)

    # An image described in the editor leaves the list once published (visitors still met the
    # stand-in alt text while the fix was a draft); a broken link published unchanged stays.
    item = open_items(code="missing_alt", page__isnull=False).exclude(page__depth=2).first()
    page = Page.objects.get(pk=item.page_id).specific
    links_before = open_items(code="broken_link").count()
    fixed = replace_in_body(page, item.subject, "Cell culture in a clean room")
    saved(client, editor, fixed, capture, publish=False)
    assert open_items(pk=item.pk).exists()
    saved(
        client,
        editor,
        Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object(),
        capture,
    )
    assert not open_items(pk=item.pk).exists()
    assert open_items(code="broken_link").count() == links_before
    judgement_and_media_items_close_when_fixed(client, editor, capture)
    left = open_items().count()
    assert re.search(rf"{left} items? left", client.get("/admin/").content.decode())
    assert f"{left} left to do" in client.get("/admin/reports/import-todo/").content.decode()
    counts_are_the_same_for_a_newsroom_editor(client, django_user_model)

    # Re-importing refreshes the list: what was fixed in Wagtail stays fixed, listed once.
    done = ReviewItem.objects.filter(resolved_at__isnull=False).count()
    run_import(site)
    assert open_items().count() == left
    assert ReviewItem.objects.filter(resolved_at__isnull=False).count() == done
    assert not open_items(page=page, subject=item.subject).exists()


def test_site_wide_items_are_rechecked_when_settings_are_saved(
    client, editor, django_capture_on_commit_callbacks
):
    from importers.report import ImportReport
    from importers.review import sync
    from siteconfig.models import Footer

    report = ImportReport(source="test-site")
    report.add(
        "refused_link", "Link 'javascript:alert(1)' refused: not a web address.", "_data/footer.yml"
    )
    sync(report, {})
    item = open_items(source_path="_data/footer.yml").get()
    html = client.get("/admin/reports/import-todo/").content.decode()
    assert 'href="/admin/settings/siteconfig/footer/' in html and "Edit settings" in html
    site = Site.objects.get(is_default_site=True)
    footer, url = Footer.for_site(site), f"/admin/settings/siteconfig/footer/{site.id}/"
    with django_capture_on_commit_callbacks(execute=True):  # saved unchanged, in the admin
        assert client.post(url, settings_post_data(footer)).status_code == 302
    assert open_items(pk=item.pk).exists()
    footer.copyright_agency = "ACTRIS"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, settings_post_data(footer)).status_code == 302
    assert not open_items(pk=item.pk).exists()


def test_editors_without_page_rights_do_not_see_the_list(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/import-todo/").status_code in (302, 403)
