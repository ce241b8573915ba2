"""Media references in Isomer documents -> files inside the site folder (no database here).

References are site-absolute paths (``/images/About Us/intro-pic-1.png``), percent-encoded
(``%20``), HTML-entity-encoded (``&amp;``) or, now and then, external URLs. Paths that would
leave the site folder (``..``, symlinks pointing out) are refused.
"""

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from blocks.links import split_url


@dataclass(frozen=True)
class MediaLookup:
    path: Path | None
    problem: str | None = None
    refused: bool = False
    external: bool = False  # on another site: not downloaded
    note: str | None = None  # found, but not exactly as written (reported)


def _candidates(reference: str) -> list[str]:
    reference = reference.strip()
    seen: list[str] = []
    for variant in (
        reference,
        html.unescape(reference),
        unquote(reference),
        unquote(html.unescape(reference)),
    ):
        variant = variant.split("?", 1)[0].split("#", 1)[0]
        if variant not in seen:
            seen.append(variant)
    return seen


RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".tif", ".tiff"}


def suffix(path) -> str:
    """The file's extension, lower case (file names may end in spaces)."""
    return PurePosixPath(str(path).rstrip()).suffix.lower()


def content_problem(relative: str) -> str | None:
    """Why the site file at ``relative`` is not published content (None when it is).

    Jekyll never publishes ``_`` folders or dotfiles: configuration, data and secrets live
    there. Only pictures and document types the site serves become images and documents.
    """
    from django.conf import settings

    parts = PurePosixPath(relative).parts
    if any(part.startswith(("_", ".")) for part in parts):
        return "configuration, data and hidden files are never published"
    kind = suffix(relative)
    if kind not in RASTER_SUFFIXES and kind.lstrip(".") not in settings.WAGTAILDOCS_EXTENSIONS:
        return f"{kind or 'a file without an extension'} is not a file type the site serves"
    return None


def resolve_media_path(site_root: Path, reference: str) -> MediaLookup:
    reference = (reference or "").strip()
    if not reference:
        return MediaLookup(None, "empty reference")
    parts = split_url(reference)
    if parts is None:
        return MediaLookup(None, f"{reference[:100]!r} is not a usable address", refused=True)
    if parts.scheme in ("http", "https"):
        return MediaLookup(
            None, f"{reference} is on another site (not downloaded; upload it)", external=True
        )
    if parts.scheme:
        return MediaLookup(None, f"'{parts.scheme}:' reference refused", refused=True)
    root = site_root.resolve()
    for candidate in _candidates(reference):
        relative = candidate.lstrip("/")
        if "\x00" in relative:
            return MediaLookup(None, "reference contains a NUL byte", refused=True)
        try:
            target = (root / relative).resolve()
        except (OSError, RuntimeError):
            return MediaLookup(None, f"{reference[:100]!r} is not a usable path", refused=True)
        if not target.is_relative_to(root):
            return MediaLookup(
                None, f"{reference!r} points outside the site folder; refused", refused=True
            )
        if found := _existing_file(target):
            if problem := content_problem(found.relative_to(root).as_posix()):
                return MediaLookup(None, f"{reference!r}: {problem}; refused", refused=True)
            return MediaLookup(found)
    return _other_case(root, reference) or MediaLookup(
        None, f"{reference} not found in the site folder"
    )


def _other_case(root: Path, reference: str) -> MediaLookup | None:
    """The one file whose path differs from ``reference`` only in letter case (Jekyll on a
    case-insensitive host served it); None when there is none, or more than one."""
    for candidate in _candidates(reference):
        parts = [part for part in PurePosixPath(candidate.lstrip("/")).parts if part != "."]
        if not parts or ".." in parts:
            continue
        found = _walk_case_insensitive(root, parts)
        if found is not None and not content_problem(found.relative_to(root).as_posix()):
            actual = "/" + found.relative_to(root).as_posix()
            return MediaLookup(found, note=f"{reference} matched {actual} (other letter case)")
    return None


def _walk_case_insensitive(root: Path, parts: list[str]) -> Path | None:
    folder = root
    for index, part in enumerate(parts):
        try:
            matches = [
                entry
                for entry in folder.iterdir()
                if entry.name.rstrip().lower() == part.lower() and not entry.is_symlink()
            ]
        except OSError:
            return None
        if len(matches) != 1:
            return None
        folder = matches[0]
        if index < len(parts) - 1 and not folder.is_dir():
            return None
    return folder if folder.is_file() else None


def _existing_file(target: Path) -> Path | None:
    """``target``, or a file in its folder whose name differs only by trailing spaces (real
    sites have file names with trailing spaces that links omit)."""
    try:
        if target.is_file():
            return target
        siblings = target.parent.iterdir() if target.parent.is_dir() else ()
        return next((s for s in siblings if s.name.rstrip() == target.name and s.is_file()), None)
    except OSError:  # a name too long for the file system, say: no such file
        return None


def title_from_filename(path: Path | str) -> str:
    stem = Path(str(path)).stem
    title = re.sub(r"[_\-]+", " ", stem).strip()
    return title[:255] or "Image"
