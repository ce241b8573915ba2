"""The block chooser in a real browser: hovering a block shows its preview with a real picture."""

import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings

from blocks.hero import BOX_SETTINGS, DROPDOWN_SETTINGS
from home.models import HomePage

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def serve_media(route):
    """The live test server does not serve media (DEBUG is off; nginx does it in production):
    answer /media/ requests from MEDIA_ROOT."""
    relative = route.request.url.split(settings.MEDIA_URL, 1)[1].split("?")[0]
    file = Path(settings.MEDIA_ROOT) / relative
    if not file.is_file():
        route.fulfill(status=404)
        return
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": content_type})


LOADED = """selector => {
    const img = document.querySelector(selector);
    return img !== null && img.complete && img.naturalWidth > 0;
}"""


def show_preview(page, label):
    """Click the eye of ``label`` in the open block chooser; the frame of its preview."""
    row = page.locator(
        ".w-combobox__option-row", has=page.get_by_role("option", name=label, exact=True)
    )
    row.get_by_role("button", name="Preview").click()
    preview = page.locator(".w-combobox-preview")
    preview.wait_for()
    page.wait_for_function(
        "label => document.querySelector('.w-combobox-preview__label').textContent.trim() "
        "=== label",
        arg=label,
    )
    frame = page.locator(".w-combobox-preview__iframe").element_handle().content_frame()
    frame.wait_for_load_state()
    return preview, frame


def test_the_block_chooser_previews_blocks_with_their_pictures(
    chromium, live_server, django_user_model, artifacts
):
    django_user_model.objects.create_superuser("chooser", "", "chooser-password-1")
    home = HomePage.objects.get()
    base = live_server.url

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.route(re.compile(r".*/media/.*"), serve_media)
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("chooser")
    page.get_by_label("Password").fill("chooser-password-1")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"{base}/admin/pages/{home.id}/edit/")
    page.locator(".c-sf-add-button").first.click()

    # The hero: its picture behind the title, in the site's look.
    preview, frame = show_preview(page, "Hero banner")
    assert "The large banner at the top of the page" in preview.inner_text()
    frame.wait_for_function(LOADED, arg="section.hero img.hero__image")
    assert (
        frame.locator("section.hero h1").inner_text().strip()
        == "Advanced Cell Therapy and Research Institute, Singapore"
    )
    # site.css draws the title in white on the picture (the browser default is black).
    assert frame.locator("section.hero h1").evaluate("h => getComputedStyle(h).color") == (
        "rgb(255, 255, 255)"
    )
    page.screenshot(path=str(artifacts / "block-preview.png"))

    # The infopic: text, then (on a preview this narrow, as on a phone) its picture.
    preview, frame = show_preview(page, "Infopic")
    assert "Consecutive infopics alternate sides" in preview.inner_text()
    assert frame.locator("h2.infopic__title").inner_text().strip() == "About Us"
    frame.locator("section.infopic img").scroll_into_view_if_needed()
    frame.wait_for_function(LOADED, arg="section.infopic img")
    assert frame.locator(".eyebrow").evaluate("e => getComputedStyle(e).textTransform") == (
        "uppercase"
    )
    page.screenshot(path=str(artifacts / "block-preview-infopic.png"))

    # Inserted, the hero keeps its variant-only fields behind its settings (the cog).
    page.get_by_role("option", name="Hero banner", exact=True).click()
    settings = page.locator("#block_group-body-0-value-settings")
    box = settings.get_by_text(BOX_SETTINGS.heading, exact=True)
    assert not box.is_visible()
    page.locator('[data-streamfield-action="SETTINGS"]').first.click()
    box.wait_for()
    assert settings.get_by_text(DROPDOWN_SETTINGS.heading, exact=True).is_visible()
    assert settings.get_by_text(BOX_SETTINGS.help_text).is_visible()
    box.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "block-hero-settings.png"))
    context.close()
