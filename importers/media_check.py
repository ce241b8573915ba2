"""Read, hash and check a site's media files, several at a time (no Django here).

Hashing and decoding every picture in full are most of an import's work on a site with many
pictures. ``inspect_files`` does it in a pool of processes (started fresh, ``forkserver``: they
import this module only, never the importing process's database connection; like any
multiprocessing pool, a script that imports must keep its work under ``if __name__ ==
"__main__"``). The importing process then writes what is new in its one transaction. Each file
is read and hashed once; a picture already stored is not decoded again.
"""

import hashlib
import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL.Image

POOL_FROM = 16  # fewer files than this are checked in the importing process itself


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int


@dataclass(frozen=True)
class FileFacts:
    digest: str = ""  # SHA-1 of the content, as Wagtail's file_hash
    size: tuple[int, int] | None = None  # a new picture's width and height
    problem: str = ""  # why a picture cannot be used ("is not a readable picture ...")
    error: str = ""  # why the file could not be read (OSError)


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()  # Wagtail's own file_hash is SHA-1


def check_image(data: bytes, limits: Limits) -> tuple[int, int] | str:
    """(width, height) of a picture the site can use, or why it cannot."""
    if len(data) > limits.max_bytes:
        return f"is {len(data):,} bytes; pictures may have {limits.max_bytes:,}"
    try:
        with PIL.Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > limits.max_pixels:
                return (
                    f"is {width} x {height} pixels; pictures may have {limits.max_pixels:,} pixels"
                )
            probe.load()  # decodes every pixel: truncated or corrupt files fail here
    except Exception:  # Pillow raises many types for corrupt or unknown files
        return "is not a readable picture (truncated, corrupt or of an unknown kind)"
    return width, height


_KNOWN: frozenset[str] = frozenset()  # in a pool's process: hashes already stored


def _remember(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def inspect_file(
    path: Path, picture: bool, limits: Limits, known: frozenset[str] | None = None
) -> FileFacts:
    """The facts of one file: its hash and, for a picture not already stored (``known``
    hashes), its size or what is wrong with it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileFacts(error=exc.strerror or str(exc))
    digest = content_hash(data)
    if not picture or digest in (_KNOWN if known is None else known):
        return FileFacts(digest)
    checked = check_image(data, limits)
    if isinstance(checked, str):
        return FileFacts(digest, problem=checked)
    return FileFacts(digest, size=checked)


def inspect_files(
    files: list[tuple[Path, bool]],
    limits: Limits,
    workers: int,
    known: frozenset[str] = frozenset(),
) -> dict[Path, FileFacts]:
    """``inspect_file`` for each (path, is a picture), in ``workers`` processes when there are
    enough files to be worth starting them. Pictures whose hash is ``known`` are not decoded:
    the import reuses what is stored."""
    if workers <= 1 or len(files) < POOL_FROM:
        return {path: inspect_file(path, picture, limits, known) for path, picture in files}
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_remember, initargs=(known,)
    ) as pool:
        paths = [path for path, _ in files]
        facts = pool.map(
            inspect_file,
            paths,
            [picture for _, picture in files],
            [limits] * len(files),
            chunksize=max(1, len(files) // (workers * 8)),
        )
        return dict(zip(paths, facts, strict=True))
