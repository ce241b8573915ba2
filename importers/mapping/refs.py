"""What the map step leaves for the write step: references to things only the database knows.

Stream data from ``map`` is plain JSON-like data except for these markers. ``write`` replaces
each with what it names (a Wagtail image id, a page or document link, rich text with its
pictures and links resolved) and reports what it cannot find.
"""

import uuid
from dataclasses import dataclass

ID_NAMESPACE = uuid.UUID("6f0e4a56-3c1d-4b8e-9a57-0c2f1e7d5a11")


def block_id(*parts) -> str:
    """A block id derived from where the block comes from: the same on every import."""
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


@dataclass(frozen=True)
class ImageRef:
    """An image the source references by path; resolved to a Wagtail image id.

    ``alt`` describes the picture; ``where`` names the reference in the import report (say
    "image /images/lab.jpg") and ``line`` is its line in the source, where known.
    """

    path: str
    alt: str
    where: str
    line: int | None = None


@dataclass(frozen=True)
class LinkRef:
    """A link value ({"page", "url"}) whose URL may be a page or document of the site."""

    url: str


@dataclass(frozen=True)
class DocumentRef:
    """A file the source references by path (a file entry's ``file_url``); a document id."""

    url: str
    where: str


def link(url: str) -> dict | LinkRef:
    """A LinkBlock value for ``url`` (already accepted by the link policy)."""
    return LinkRef(url) if url else {"page": None, "url": ""}


def items(prefix: str, values: list[dict]) -> list[dict]:
    """ListBlock stream data with deterministic ids."""
    return [
        {"type": "item", "value": value, "id": block_id(prefix, position)}
        for position, value in enumerate(values)
    ]


# An optional ImageBlock without a picture, as Wagtail stores it: a None in its place would make
# the block's bulk loading fail when other blocks of the same kind have pictures.
NO_IMAGE = {"image": None, "alt_text": "", "decorative": False}
