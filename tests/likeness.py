"""How much the Wagtail site looks like its Isomer original: the same address screenshotted on both
in Debian's Chromium, compared with SSIM (grayscale), and pictures of the pairs for people.

Used by ``bench/visual.py`` (every page of a site, figures per page) and by the likeness test (a
few pages of each page type, a floor each). The original is the Jekyll build in
``../shared/isomer-reference/<site>/``, served by ``../shared/tools/serve_reference.py``.
"""

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageOps

SHARED = Path(
    os.environ.get(
        "ISOMER_SHARED_DIR",
        Path(os.environ["ISOMER_SITES_DIR"]).parent
        if os.environ.get("ISOMER_SITES_DIR")
        else Path(__file__).resolve().parent.parent.parent / "shared",
    )
)
REFERENCE_DIR = SHARED / "isomer-reference"
SERVE_REFERENCE = SHARED / "tools" / "serve_reference.py"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WIDTHS = (1280, 375)
VIEWPORT_HEIGHT = 900
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
    "--font-render-hinting=none",
]
# Screenshots compare layout, not moments: no animation, transition or blinking caret.
STILL = (
    "*, *::before, *::after { animation: none !important; transition: none !important;"
    " caret-color: transparent !important; scroll-behavior: auto !important; }"
)


def lato_problem() -> str:
    """Why the originals cannot be rendered as visitors saw them, or "": they ask a font service
    for Lato, which is blocked here, so the system must have it (Debian's fonts-lato; installed by
    scripts/ensure-browser.sh) or they fall back to a serif and every comparison is off."""
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    if any(next(folder.rglob("Lato-*.ttf"), None) for folder in folders if folder.is_dir()):
        return ""
    return (
        "Lato is not installed, so the Isomer originals would render in a fallback font: "
        "apt-get install fonts-lato (scripts/ensure-browser.sh does)."
    )


def reference_addresses(site: str) -> list[str]:
    """Every address the Isomer original answers with a page of its own (not a redirect or an
    empty file), as a visitor types it: ``/about-us/`` for ``about-us/index.html``."""
    root = REFERENCE_DIR / site
    addresses = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root)
        if relative.parts[0] in {"assets", "misc"} or relative.name == "404.html":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if not text.strip() or 'http-equiv="refresh"' in text[:2000]:
            continue
        if 'class="bp-container search-content"' in text:
            continue  # Isomer's search page: its results are drawn by a script from an index
        if relative.name == "index.html":
            folder = relative.parent.as_posix()
            addresses.append("/" if folder == "." else f"/{folder}/")
        else:
            addresses.append("/" + relative.with_suffix("").as_posix())
    return addresses


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def reference_server(site: str):
    """The Isomer original of ``site`` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(SERVE_REFERENCE), site, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"the reference server for {site} did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _loopback_only(route):
    host = urlsplit(route.request.url).hostname
    if host in {"127.0.0.1", "localhost", "::1"}:
        route.continue_()
    else:
        route.abort()


def screenshot(browser, url: str, width: int) -> Image.Image:
    """The whole page at ``url`` as a visitor with a ``width`` px wide window sees it once every
    picture has loaded: other hosts blocked, animations stopped, cut to the window's width (a
    page that scrolls sideways is judged on what fits the window)."""
    context = browser.new_context(
        viewport={"width": width, "height": VIEWPORT_HEIGHT},
        reduced_motion="reduce",
        device_scale_factor=1,
        bypass_csp=True,  # only to add the STILL style below; the page runs as served
    )
    page = context.new_page()
    page.route("**/*", _loopback_only)
    try:
        page.goto(url, wait_until="load", timeout=60_000)
        page.add_style_tag(content=STILL)
        page.evaluate(
            """async () => {
                await document.fonts.ready;
                for (const img of document.images) { img.loading = 'eager'; }
                for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
                    window.scrollTo(0, y);
                    await new Promise(r => setTimeout(r, 30));
                }
                window.scrollTo(0, 0);
                await Promise.all([...document.images].map(img => img.complete ? null :
                    new Promise(r => { img.onload = img.onerror = r; setTimeout(r, 5000); })));
            }"""
        )
        page.wait_for_timeout(150)
        height = page.evaluate("document.documentElement.scrollHeight")
        png = page.screenshot(
            full_page=True,
            clip={"x": 0, "y": 0, "width": width, "height": height},
            animations="disabled",
        )
    finally:
        context.close()
    return Image.open(io.BytesIO(png)).convert("RGB")


def similarity(ours: Image.Image, original: Image.Image) -> float:
    """SSIM of two full-page screenshots in grayscale, the shorter padded with white to the
    taller one's height (a page that is too short or too long loses for every missing row)."""
    import numpy as np
    from skimage.metrics import structural_similarity

    width = min(ours.width, original.width)
    height = max(ours.height, original.height)
    arrays = []
    for picture in (ours, original):
        grey = ImageOps.grayscale(picture.crop((0, 0, width, picture.height)))
        canvas = Image.new("L", (width, height), 255)
        canvas.paste(grey, (0, 0))
        arrays.append(np.asarray(canvas))
    return float(structural_similarity(arrays[0], arrays[1], data_range=255))


def side_by_side(ours: Image.Image, original: Image.Image, caption: str) -> Image.Image:
    """The two screenshots next to each other under a caption (Wagtail left, Isomer right),
    scaled down so that a long page stays a reasonable file."""
    gap, band = 16, 28
    height = max(ours.height, original.height)
    canvas = Image.new("RGB", (ours.width + original.width + gap, height + band), "white")
    canvas.paste(ours, (0, band))
    canvas.paste(original, (ours.width + gap, band))
    draw = ImageDraw.Draw(canvas)
    draw.text((4, 6), f"Wagtail (left) | Isomer original (right) | {caption}", fill="black")
    scale = min(1.0, 2400 / canvas.width, 6000 / canvas.height)
    if scale < 1:
        canvas = canvas.resize((int(canvas.width * scale), int(canvas.height * scale)))
    return canvas


@dataclass
class Likeness:
    address: str
    width: int
    score: float
    ours: Image.Image
    original: Image.Image

    def picture(self) -> Image.Image:
        return side_by_side(
            self.ours, self.original, f"{self.address} at {self.width} px: SSIM {self.score:.3f}"
        )


def compare(browser, ours_base: str, original_base: str, address: str, width: int) -> Likeness:
    ours = screenshot(browser, ours_base + address, width)
    original = screenshot(browser, original_base + address, width)
    return Likeness(address, width, similarity(ours, original), ours, original)


def file_name(address: str, width: int) -> str:
    stem = address.strip("/").replace("/", "_") or "home"
    return f"{stem[:80]}-{width}.png"


# Isomer page types, told apart by what the built page holds (the oracle's own markup).
PAGE_TYPES = ("home", "collection", "page", "newsroom", "entry", "contact")


def page_type(site: str, address: str) -> str:
    """The kind of page the Isomer original shows at ``address`` (see PAGE_TYPES)."""
    root = REFERENCE_DIR / site
    relative = address.strip("/")
    path = root / relative / "index.html" if address.endswith("/") else root / f"{relative}.html"
    html = path.read_text(encoding="utf-8", errors="replace")
    main = html[html.find('id="main-content"') :]
    if "bp-hero" in main or address == "/":
        return "home"
    if "contact-us" in main and "Get in touch with" in main:
        return "contact"
    if "media-category-button" in main:
        return "newsroom"
    if "has-side-nav" in main:
        return "collection"
    if "bp-section-pagetitle" in main:
        return "page"
    return "entry"
