import io
import os
from pathlib import Path

import pytest
from PIL import Image as PILImage

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEED = PROJECT_DIR / "sample_content" / "actris-homepage.md"
# The seed homepage's sections, in order.
SEED_SECTIONS = ["hero", "infopic", "infopic", "infopic", "infopic", "resources"]
# Every type of Isomer homepage section; the homepage variant EVERY_SECTION_DOCUMENT has each.
SECTION_TYPES = (
    "hero",
    "infobar",
    "infopic",
    "resources",
    "carousel",
    "announcements",
    "textcards",
    "infocols",
)
EVERY_SECTION_DOCUMENT = Path("homepage-variants") / "theme-next-gen-every-section.md"
ISOMER_SITES_DIR = Path(
    os.environ.get("ISOMER_SITES_DIR", PROJECT_DIR.parent / "shared" / "isomer-sites")
)


ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", PROJECT_DIR / "test-artifacts"))


@pytest.fixture
def corpus_wide():
    """Checks over every shared site run once, on the database production uses (CI runs the
    suite on SQLite and then on PostgreSQL)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("corpus-wide check: runs once, on PostgreSQL (DATABASE_URL=postgres://...)")


@pytest.fixture
def artifacts():
    """Where tests leave screenshots and summaries for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def isomer_sites() -> Path:
    """The shared folder of real Isomer sites; tests that need it skip when it is absent."""
    if not ISOMER_SITES_DIR.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    return ISOMER_SITES_DIR


MISSING_SITES_REASON = (
    f"Isomer sample sites not found at {ISOMER_SITES_DIR}; set ISOMER_SITES_DIR to the "
    "isomer-sites folder to run this test."
)


def _or_skip(paths: list[Path]) -> list:
    """Parameters for a test over shared files; one skipped parameter when they are absent."""
    if paths:
        return paths
    return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_SITES_REASON), id="absent")]


def site_homepages() -> list:
    if not ISOMER_SITES_DIR.is_dir():
        return _or_skip([])
    return sorted(p for p in ISOMER_SITES_DIR.glob("*/index.md"))


def variant_documents() -> list:
    if not ISOMER_SITES_DIR.is_dir():
        return _or_skip([])
    return sorted((ISOMER_SITES_DIR / "homepage-variants").glob("*.md"))


def png_bytes(colour=(200, 30, 30), size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def site_dir(tmp_path):
    """An Isomer-like site folder with real image files."""
    root = tmp_path / "site"
    (root / "images" / "About Us").mkdir(parents=True)
    (root / "images" / "About Us" / "intro pic.png").write_bytes(png_bytes((10, 120, 200)))
    (root / "images" / "hero.png").write_bytes(png_bytes((250, 200, 10), (320, 120)))
    (root / "images" / "R&D lab.png").write_bytes(png_bytes((20, 160, 60)))
    (root / "images" / "broken.png").write_bytes(b"this is not an image")
    return root


def write_document(folder: Path, text: str, name="index.md") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: Wagtail caches renditions by image id, and ids are
    reused once a test's database is rolled back or flushed."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test gets its own media folder, so files written by one never show in another."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


MIGRATED_DATA: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's set-up, then a copy of what the migrations put in the test database (root
    page and collection, site, groups), taken at once. Kept here rather than read back later from
    the connection: after a browser test (Playwright's event loop) the next test gets a new
    connection object without Django's copy."""
    from django.db import connection

    with django_db_blocker.unblock():
        MIGRATED_DATA["default"] = getattr(connection, "_test_serialized_contents", None) or (
            connection.creation.serialize_db_to_string()
        )


@pytest.fixture(autouse=True)
def migrated_data_present(request):
    """A transactional (browser) test ends by emptying every table (then refilling content
    types and permissions). Every database test, transactional or not, starts with the
    database as the migrations left it (homepage, root collection, groups), whatever ran
    before it on the same worker."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Collection

    if not Collection.objects.exists():  # in a test's transaction, undone after it
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(MIGRATED_DATA["default"])
        # The restored rows keep their ids: sequences move past them (PostgreSQL).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
