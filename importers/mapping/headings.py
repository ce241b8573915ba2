"""Heading levels in a page body: consecutive, starting at h2 under the page's h1."""

import re

from ..richtext import RichTextParts
from ..walk import leaves, transform

_HEADING = re.compile(r"<(/?)h([2-4])\b")


def _texts(value) -> list[str]:
    """The rich-text strings in a value: itself, or the text segments of RichTextParts."""
    if isinstance(value, RichTextParts):
        return [part for part in value.parts if isinstance(part, str)]
    return [value] if isinstance(value, str) else []


def normalise_heading_levels(blocks: list[dict]) -> tuple[list[dict], int]:
    """Headings under the page's h1 start at h2 and skip no level (h3, h4 -> h2, h3); returns
    the blocks and the level the body's top headings had in the source (2 when it has none).

    Isomer pages often start at h3 or jump from h2 to h4; screen-reader users navigate by
    heading level, so the levels are made consecutive while keeping their order. The source's
    top level is kept as the page's heading size (``headings_from``), so that the headings look
    as large as they did on the Isomer site.
    """
    found = {
        int(match.group(2))
        for value in leaves(blocks)
        for text in _texts(value)
        for match in _HEADING.finditer(text)
    }
    mapping = {level: 2 + index for index, level in enumerate(sorted(found))}
    top = min(found, default=2)
    if all(level == target for level, target in mapping.items()):
        return blocks, top

    def relevel(text: str) -> str:
        return _HEADING.sub(lambda m: f"<{m.group(1)}h{mapping[int(m.group(2))]}", text)

    def leaf(value, _key):
        if isinstance(value, RichTextParts):
            return RichTextParts(
                tuple(relevel(p) if isinstance(p, str) else p for p in value.parts)
            )
        return relevel(value) if isinstance(value, str) else value

    return transform(blocks, leaf), top


def shift_heading_levels(html: str, headings_from: int) -> str:
    """The inverse for an export: the body's h2, h3, h4 drawn ``headings_from - 2`` levels
    deeper (at most h6), as the Isomer page had them."""
    shift = max(0, headings_from - 2)
    if not shift:
        return html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", html)
