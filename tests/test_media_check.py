"""Reading, hashing and checking media in a pool of processes (no database)."""

import hashlib
import io

import PIL.Image
import pytest

from importers.media_check import POOL_FROM, Limits, inspect_files

from .conftest import ISOMER_SITES_DIR, MISSING_SITES_REASON

LIMITS = Limits(max_bytes=200_000, max_pixels=300 * 300)


def picture(colour, size=(120, 80)) -> bytes:
    out = io.BytesIO()
    PIL.Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def media(tmp_path):
    """Good pictures, one truncated, one too large, a document and a file that is gone."""
    files = {}
    for number in range(POOL_FROM + 4):
        files[f"picture-{number}.png"] = picture((number * 9 % 256, 40, 200))
    files["truncated.png"] = picture((1, 2, 3))[:60]
    files["huge.png"] = picture((9, 9, 9), size=(400, 400))
    files["report.pdf"] = b"%PDF-1.4 not much of a report"
    found = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        found.append((tmp_path / name, name.endswith(".png")))
    (tmp_path / "gone.png").symlink_to(tmp_path / "nowhere.png")
    found.append((tmp_path / "gone.png", True))
    return tmp_path, files, found


def test_the_pool_finds_what_one_process_finds(media):
    folder, files, found = media
    alone = inspect_files(found, LIMITS, workers=1)
    pooled = inspect_files(found, LIMITS, workers=2)
    assert pooled == alone
    for name, data in files.items():
        assert alone[folder / name].digest == hashlib.sha1(data).hexdigest(), name
    assert alone[folder / "picture-0.png"].size == (120, 80)
    assert "not a readable picture" in alone[folder / "truncated.png"].problem
    assert alone[folder / "huge.png"].problem == (
        "is 400 x 400 pixels; pictures may have 90,000 pixels"
    )
    assert alone[folder / "report.pdf"].size is None and not alone[folder / "report.pdf"].problem
    assert alone[folder / "gone.png"].error and not alone[folder / "gone.png"].digest


def test_a_stored_picture_is_hashed_not_decoded_again(media):
    folder, files, found = media
    known = frozenset({hashlib.sha1(files["picture-0.png"]).hexdigest()})
    for workers in (1, 2):
        facts = inspect_files(found, LIMITS, workers=workers, known=known)
        assert facts[folder / "picture-0.png"].digest in known
        assert facts[folder / "picture-0.png"].size is None, workers  # the import reuses it
        assert facts[folder / "picture-1.png"].size == (120, 80), workers


def test_the_real_sites_media_check_alike_in_the_pool():
    root = ISOMER_SITES_DIR / "cris-actris"
    if not root.is_dir():
        pytest.skip(MISSING_SITES_REASON)
    found = [
        (path, path.suffix.lower() in {".png", ".jpg", ".jpeg", ".gif"})
        for path in sorted(root.glob("images/**/*"))
        if path.is_file()
    ]
    assert len(found) >= POOL_FROM
    limits = Limits(10 * 1024 * 1024, 128_000_000)
    pooled = inspect_files(found, limits, workers=2)
    assert pooled == inspect_files(found, limits, workers=1)
    assert all(facts.digest for facts in pooled.values())
