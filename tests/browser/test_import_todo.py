"""An editor works through the import's to-do list in Chromium: finds an image without alt text,
describes it in the page editor, saves a draft (the item stays: visitors still meet the problem),
publishes, and the item leaves the list."""

import io
import re
from urllib.parse import unquote

import pytest
from django.core.management import call_command

from importers.models import ReviewItem

from ..conftest import isomer_sites
from .test_browser import signed_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def figure_alt_item():
    """An open alt-text item whose stand-in alt sits in an image block's alt text field."""
    for item in ReviewItem.objects.filter(code="missing_alt", resolved_at__isnull=True).exclude(
        page=None
    ):
        page = item.page.specific
        for block in getattr(page, "body", None) or []:
            if (
                block.block_type == "image"
                and block.value["image"].contextual_alt_text == item.subject
            ):
                return item
    raise AssertionError("no image block with a stand-in alt text in the ACTRIS import")


def test_an_item_fixed_in_the_editor_leaves_the_list(
    chromium, live_server, artifacts, django_user_model
):
    call_command("import_isomer", str(isomer_sites() / "cris-actris"), stdout=io.StringIO())
    django_user_model.objects.create_superuser("todo", "", "todo-password-1")
    item = figure_alt_item()
    left = ReviewItem.objects.filter(resolved_at__isnull=True).count()
    context, page = signed_in(chromium, live_server.url, "todo", "todo-password-1")
    try:
        assert f"{left} items left" in page.locator("main").inner_text()  # the dashboard
        page.goto(live_server.url + "/admin/reports/import-todo/?code=missing_alt")
        assert f"{left} left to do" in page.locator("main").inner_text()
        page.screenshot(path=str(artifacts / "import-todo-report.png"), full_page=False)
        row = page.locator("tr", has_text=unquote(item.message)[:60]).first
        row.get_by_role("link", name="Edit page").click()
        page.wait_for_url(re.compile(rf"/admin/pages/{item.page_id}/edit/"))

        ids = page.evaluate(
            "(alt) => [...document.querySelectorAll('input')].filter(i => i.value === alt).map(i => i.id)",
            item.subject,
        )
        assert ids, f"no field holds the alt text {item.subject!r}"
        field = page.locator(f"#{ids[0]}")
        field.fill("Technicians at work in the cleanroom")
        saved = f"/admin/pages/{item.page_id}/edit/"
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith(saved), timeout=60000
        ):  # the save has reached the server and finished (a busy machine may be slow)
            page.get_by_role("button", name="Save draft").click()
        page.wait_for_selector(
            ".messages .success, [data-w-messages-target] .success, .w-message--success, .success",
            timeout=15000,
        )

        # A draft does not close it: the live page still has the stand-in alt text.
        page.goto(live_server.url + "/admin/reports/import-todo/?code=missing_alt")
        assert f"{left} left to do" in page.locator("main").inner_text()
        assert "Edit image" not in page.locator("main").inner_text()

        page.goto(live_server.url + saved)
        with page.expect_response(
            lambda r: r.request.method == "POST" and r.url.endswith(saved), timeout=60000
        ):
            page.locator("footer").get_by_role("button", name="More actions").click()
            page.get_by_role("button", name="Publish").click()
        page.goto(live_server.url + "/admin/reports/import-todo/?code=missing_alt")
        text = page.locator("main").inner_text()
        assert f"{left - 1} left to do" in text
        assert unquote(item.message)[:60] not in text
    finally:
        context.close()
    item.refresh_from_db()
    assert item.resolved_at is not None
