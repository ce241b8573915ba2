"""Text as Isomer sites hold it: repaired mojibake, and scalars of any YAML type as strings."""

import datetime
import math
import re

from ..report import ReportItem
from ..walk import transform

_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (``ACTRISâ€™s`` -> ``ACTRIS’s``).

    Each run of non-ASCII characters is re-encoded as Windows-1252 (Latin-1 for the five bytes
    it leaves undefined) and decoded as UTF-8; runs that do not decode are genuine text and stay.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text

    def fix(match: re.Match) -> str:
        run = match.group(0)
        raw = bytearray()
        for char in run:
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                if ord(char) > 0xFF:
                    return run
                raw.append(ord(char))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return run

    return _NON_ASCII_RUN.sub(fix, text)


def repair(data):
    """``data`` (parsed YAML) with every string's mojibake repaired and NUL characters gone."""

    def leaf(value, _key):
        return repair_mojibake(value.replace("\x00", "")) if isinstance(value, str) else value

    return transform(data, leaf)


def text(value) -> str:
    """A scalar as stripped, repaired text; lists and mappings are not text ("")."""
    if value is None or isinstance(value, list | dict):
        return ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return repair_mojibake(str(value).replace("\x00", "")).strip()


def as_list(value) -> list:
    """``value`` if it is a list (YAML that should be a list may be anything)."""
    return value if isinstance(value, list) else []


def as_dict(value) -> dict:
    """``value`` if it is a mapping, else {}."""
    return value if isinstance(value, dict) else {}


def _jsonable_leaf(value, _key):
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value).replace("\x00", "")  # dates, and anything else YAML may build


def jsonable(data):
    """``data`` as values every database stores as JSON: dates and non-finite numbers as text,
    no NUL characters (PostgreSQL refuses them)."""
    return transform(data, _jsonable_leaf)


TITLE_LENGTH = 255  # Wagtail's page title


def capped_title(title: str, file: str, notes: list, limit: int = TITLE_LENGTH) -> str:
    """``title`` shortened to ``limit`` characters if it is longer (reported in ``notes``)."""
    if len(title) <= limit:
        return title
    notes.append(
        ReportItem(
            "title_shortened",
            f"The title has {len(title)} characters; {limit} are kept. It began: {title[:80]!r}.",
            file,
        )
    )
    return title[: limit - 1].rstrip() + "\u2026"
