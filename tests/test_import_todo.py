"""The import's to-do list in the admin, on the real ACTRIS import: what it lists, its filters,
and items leaving it only when the page is fixed (re-checked on save, not ticked)."""

import json
import re
from urllib.parse import unquote

import pytest
from wagtail.models import Page

from importers.models import ReviewItem
from importers.review import kind_label, subject_of

from .admin_forms import edit_form_post_data
from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON
from .site_helpers import run_import

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


def save_through_editor(client, user, page) -> None:
    """Press Save draft in the real edit form with ``page``'s (possibly changed) content."""
    data = edit_form_post_data(page, user)
    data.pop("action-publish", None)
    response = client.post(f"/admin/pages/{page.id}/edit/", data)
    assert response.status_code == 302, response.content[:2000]


def replace_in_body(page, old: str, new: str):
    raw = json.loads(json.dumps(list(page.body.raw_data)).replace(json.dumps(old)[1:-1], new))
    page.body = raw
    return page


def test_the_report_lists_what_needs_a_person_and_items_leave_when_fixed(
    actris, client, editor, django_capture_on_commit_callbacks
):
    site, report = actris
    reported_alt = [i for i in report["items"] if i["code"] == "missing_alt"]
    # Every image without alt text is on the list, but those the import could not bring in
    # (their file is missing: a "missing image" item of its own says so).
    missing = {unquote(path) for path in report["images"]["missing"]}
    not_listed = [
        unquote(re.search(r"Image (.+?) has no alt text", item.message).group(1))
        for item in ReviewItem.objects.filter(code="missing_alt", resolved_at__isnull=False)
    ]
    assert set(not_listed) <= missing, set(not_listed) - missing
    assert open_items(code="missing_alt").count() == len(reported_alt) - len(not_listed) > 100
    assert open_items(code="broken_link").exists()
    assert not open_items(code="edited_in_wagtail").exists()  # information, not a to-do

    listing = client.get("/admin/reports/import-todo/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert f"{open_items().count()} left to do" in html
    assert "Image without alt text" in html and "Edit page" in html
    only_links = client.get("/admin/reports/import-todo/?code=broken_link").content.decode()
    assert "Broken link" in only_links and "Image without alt text</td>" not in only_links
    csv = client.get("/admin/reports/import-todo/?export=csv")
    assert csv.status_code == 200 and b"missing_alt" in b"".join(csv.streaming_content)

    # An image described in the editor leaves the list; a broken link saved unchanged stays.
    item = open_items(code="missing_alt", page__isnull=False).exclude(page__depth=2).first()
    page = Page.objects.get(pk=item.page_id).specific
    links_before = open_items(code="broken_link").count()
    with django_capture_on_commit_callbacks(execute=True):
        save_through_editor(client, editor, page)
    assert open_items(pk=item.pk).exists()  # saved unchanged: still no alt text
    with django_capture_on_commit_callbacks(execute=True):
        save_through_editor(
            client, editor, replace_in_body(page, item.subject, "Cell culture in a clean room")
        )
    assert not open_items(pk=item.pk).exists()
    assert open_items(code="broken_link").count() == links_before
    dashboard = client.get("/admin/").content.decode()
    assert re.search(rf"{open_items().count()} items? left", dashboard)
    assert (
        f"{open_items().count()} left to do"
        in client.get("/admin/reports/import-todo/").content.decode()
    )

    # Re-importing refreshes the list without bringing back what was fixed in Wagtail.
    run_import(site)
    assert not open_items(page=page, subject=item.subject).exists()
    assert open_items(code="missing_alt").count() == len(reported_alt) - len(not_listed) - 1


def test_editors_without_page_rights_do_not_see_the_list(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("reader", "", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/reports/import-todo/").status_code in (302, 403)
