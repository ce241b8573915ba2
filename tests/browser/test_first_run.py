"""What a fresh clone shows after `make run`: the bundled sample site, seen in Chromium."""

import io
import re

import pytest
from django.core.management import call_command

from .conftest import load_every_picture

# serialized_rollback: the transactional flush would otherwise take the migrations' root page with it.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_first_run_homepage_looks_like_the_real_site(chromium, live_server, artifacts):
    # What `make run` does on a fresh clone: setup_site imports the bundled sample site.
    out = io.StringIO()
    call_command("setup_site", "--url", live_server.url, stdout=out, stderr=io.StringIO())
    assert f"Sign in at {live_server.url}/admin/" in out.getvalue()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    failures = []
    page.on("response", lambda r: r.status >= 400 and failures.append((r.status, r.url)))
    page.goto(live_server.url + "/")

    # The hero picture is shown and has loaded (a real file, not the brand-colour fallback).
    hero_image = page.locator("section.hero img.hero__image")
    assert hero_image.is_visible()
    hero_image.evaluate("img => img.decode()")
    assert hero_image.evaluate("img => img.naturalWidth") >= 800
    assert "/media/images/" in hero_image.evaluate("img => img.currentSrc")
    assert (
        page.locator("section.hero h1").inner_text().strip()
        == "Advanced Cell Therapy and Research Institute, Singapore"
    )

    # The main menu is visible and opens the collection's pages.
    menu = page.get_by_role("navigation", name="Main menu")
    assert menu.is_visible()
    for name in ("Our Facilities", "Newsroom & Events"):
        assert menu.get_by_role("button", name=re.compile(f"^{re.escape(name)}")).is_visible()
    assert menu.get_by_role("link", name="Contact Us").is_visible()
    assert page.locator(".site-header__logo").is_visible()

    # Scroll through so the lazy pictures load, then keep a full-page picture for people.
    load_every_picture(page)
    broken = page.evaluate(
        "() => [...document.images].filter(i => i.naturalWidth === 0).map(i => i.currentSrc)"
    )
    assert broken == [], (broken, failures)
    assert page.locator("section.infopic img").count() == 4
    assert page.locator(".tiles--home li").count() == 3
    assert page.locator("footer.site-footer").is_visible()
    assert failures == []
    page.screenshot(path=str(artifacts / "first-run-homepage.png"), full_page=True)

    # The menu leads to the collection's pages.
    menu.get_by_role("button", name=re.compile(r"^Our Facilities")).click()
    menu.get_by_role("link", name="Cell Processing & Manufacturing").click()
    page.wait_for_url(re.compile(r"/our-facilities/cell-processing-and-manufacturing/$"))
    assert page.locator("h1").inner_text().strip() == "Cell Processing & Manufacturing"
    context.close()
