"""The imported site looks like its Isomer original: each page type of two shared sites
screenshotted on both at 1280 and 375 px, SSIM at or above a floor (tests/likeness.py).

Floors sit a little under what the pages score here today (measured in this test, PostgreSQL,
the live test server, Debian's fonts-lato installed, 2026-12-03), so a change that moves the look
away from the original fails here; bench/visual.py prints the figures for every page. The
ACTRIS homepage at 375 px scores lowest: the original's notification banner covers the start of
its hero (a known quirk, not copied), so everything under it sits higher there than here. Runs
once, on PostgreSQL (a corpus-wide check)."""

import io
import json

import pytest
from django.core.management import call_command

from ..conftest import isomer_sites
from ..likeness import REFERENCE_DIR, compare, file_name, lato_problem, reference_server

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.isomer_sites,
]

# (address, page type, floor at 1280 px, floor at 375 px)
PAGES = {
    "cris-actris": [
        ("/", "home", 0.94, 0.57),
        ("/our-facilities/about-our-facilities/", "collection", 0.94, 0.85),
        ("/about-us/about-actris/", "collection", 0.85, 0.77),
        ("/terms-of-use/", "page", 0.90, 0.88),
        ("/faq/", "page", 0.96, 0.93),
        ("/newsroom-and-events/", "newsroom", 0.78, 0.76),
        ("/actris-townhall-2026/", "entry", 0.93, 0.90),
        ("/contact-us/", "contact", 0.88, 0.84),
    ],
    "imda-tradetrust": [
        ("/", "home", 0.86, 0.63),
        ("/news-and-events/", "newsroom", 0.80, 0.90),
        ("/privacy/", "page", 0.71, 0.57),
    ],
    "mci-scai": [
        ("/", "home", 0.95, 0.74),
        ("/media-hub/", "newsroom", 0.95, 0.92),
    ],
    "govtech-im8": [
        ("/", "home", 0.84, 0.69),
        ("/about-ssp/", "collection", 0.96, 0.87),
        ("/contact-us/", "contact", 0.90, 0.85),
    ],
}


@pytest.mark.parametrize("site", sorted(PAGES))
def test_pages_look_like_the_isomer_original(site, chromium, live_server, corpus_wide, artifacts):
    if not (REFERENCE_DIR / site).is_dir():
        pytest.skip(f"the Isomer original of {site} is not in {REFERENCE_DIR}")
    assert not lato_problem(), lato_problem()
    call_command(
        "import_isomer", str(isomer_sites() / site), stdout=io.StringIO(), stderr=io.StringIO()
    )
    scores, below = [], []
    # The suite's one browser (a second Playwright would find the first one's event loop).
    with reference_server(site) as original:
        for address, kind, *floors in PAGES[site]:
            for width, floor in zip((1280, 375), floors, strict=True):
                likeness = compare(chromium, live_server.url, original, address, width)
                scores.append(
                    {"address": address, "type": kind, "width": width, "ssim": likeness.score}
                )
                if likeness.score < floor:
                    likeness.picture().save(
                        artifacts / f"likeness-{site}-{file_name(address, width)}"
                    )
                    below.append(f"{address} at {width} px: {likeness.score:.3f} < {floor}")
    (artifacts / f"likeness-{site}.json").write_text(json.dumps(scores, indent=1))
    assert not below, below
