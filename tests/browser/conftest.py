"""Playwright driving Debian's Chromium against the live test server (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

from ..likeness import CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary blocking calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Debian's Chromium not found at {CHROMIUM}; install it with: apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # One browser for every browser test, launched as the likeness comparison launches its
        # own (bench/visual.py): a second Playwright in this process would find this one's loop.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def axe_source():
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE}; run: npm ci --prefix tests/browser")
    return AXE.read_text()


def serious_violations(page, axe_source) -> list:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(autouse=True)
def wagtail_tree(transactional_db):
    """Transactional tests flush the database afterwards, migration data included: make sure
    the Wagtail root page, root collection and default locale exist before each browser test."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


def load_every_picture(page) -> None:
    """Scroll through ``page`` so lazy pictures load, and wait until every picture is done."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 400) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 60));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
