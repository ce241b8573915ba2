"""The imported site looks like its Isomer original: each page type of two shared sites
screenshotted on both at 1280 and 375 px, SSIM at or above a floor (tests/likeness.py).

Floors sit a little under what the pages score today, so a change that moves the look away
from the original fails here; bench/visual.py prints the figures for every page. Runs once, on
PostgreSQL (a corpus-wide check)."""

import io
import json

import pytest
from django.core.management import call_command

from ..conftest import isomer_sites
from ..likeness import REFERENCE_DIR, chromium, compare, file_name, reference_server

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.isomer_sites,
]

# (address, page type, floor at 1280 px, floor at 375 px)
PAGES = {
    "cris-actris": [
        ("/", "home", 0.93, 0.56),
        ("/our-facilities/about-our-facilities/", "collection", 0.93, 0.84),
        ("/about-us/about-actris/", "collection", 0.84, 0.76),
        ("/terms-of-use/", "page", 0.89, 0.87),
        ("/newsroom-and-events/", "newsroom", 0.77, 0.71),
        ("/actris-townhall-2026/", "entry", 0.92, 0.89),
        ("/contact-us/", "contact", 0.87, 0.82),
    ],
    "govtech-im8": [
        ("/", "home", 0.6, 0.59),
        ("/about-ssp/", "collection", 0.95, 0.86),
        ("/contact-us/", "contact", 0.88, 0.84),
    ],
}


@pytest.mark.parametrize("site", sorted(PAGES))
def test_pages_look_like_the_isomer_original(site, live_server, corpus_wide, artifacts):
    if not (REFERENCE_DIR / site).is_dir():
        pytest.skip(f"the Isomer original of {site} is not in {REFERENCE_DIR}")
    call_command(
        "import_isomer", str(isomer_sites() / site), stdout=io.StringIO(), stderr=io.StringIO()
    )
    scores, below = [], []
    with reference_server(site) as original, chromium() as browser:
        for address, kind, *floors in PAGES[site]:
            for width, floor in zip((1280, 375), floors, strict=True):
                likeness = compare(browser, live_server.url, original, address, width)
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
