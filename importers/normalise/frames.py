"""Allow-listed ``<iframe>``s in homepage section texts: cut out of the text, kept as embeds.

Isomer sites put videos in a section's description as raw HTML (mse-sggreenplan's infopic). A
section's text cannot hold a frame, so a frame on the allow-list (``blocks.embeds``) is cut out
of the text here and the mapper makes it an ``embed`` section right after its section; the
exporter writes it back into the section's text. Frames that are not allowed stay in the text,
where the sanitiser removes and reports them as before.
"""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

from blocks.embeds import embed_kind, iframe_embed

from ..report import ReportItem
from ..sections import GROUP, ITEMS, RICH, SECTIONS

# One iframe element: quoted attribute values may hold ">"; an unclosed one ends at its tag.
IFRAME = re.compile(r"""<iframe\b(?:[^>"']|"[^"]*"|'[^']*')*>(?:.*?</iframe\s*>)?""", re.I | re.S)


@dataclass(frozen=True)
class Frame:
    """An allowed frame taken out of a section's text: an ``IframeEmbedBlock`` value."""

    url: str
    title: str  # the source's title, or the fallback when it has none (``titled`` False)
    titled: bool
    where: str  # the field it was in, e.g. sections[1].infopic.description
    line: int | None  # the line of its <iframe> tag

    @property
    def value(self) -> dict:
        return {"url": self.url, "title": self.title}


def text_fields(rows, values: dict, path: tuple = ()):
    """(path, text) of every rich field and every plain ``description``, items included."""
    for row in rows:
        key = row.isomer[0]
        value = values.get(key)
        if row.kind == ITEMS and isinstance(value, list):
            items = ((n, item) for n, item in enumerate(value) if isinstance(item, dict))
            for n, item in items:
                yield from text_fields(row.items, item, (*path, key, n))
        elif row.kind == GROUP and isinstance(value, dict):
            yield from text_fields(row.items, value, (*path, key))
        elif (row.kind == RICH or key == "description") and isinstance(value, str):
            yield (*path, key), value


def section_texts(section):
    """(path within the section, text) of every text of ``section`` that may hold a frame."""
    spec = SECTIONS[section.type]
    if spec.is_list:
        for n, item in enumerate(section.fields if isinstance(section.fields, list) else []):
            if isinstance(item, dict):
                yield from text_fields(spec.fields, item, (n,))
    elif isinstance(section.fields, dict):
        yield from text_fields(spec.fields, section.fields)


def take_frames(text: str) -> tuple[str, list[tuple[int, dict, bool]]]:
    """``text`` without its allowed frames, and (position among all frames, embed value,
    titled) for each frame taken out."""
    taken, kept = [], []
    last = 0
    for position, match in enumerate(IFRAME.finditer(text)):
        tag = BeautifulSoup(match.group(0), "html.parser").find("iframe")
        title = (tag.get("title") or "") if tag else ""
        value = iframe_embed(tag.get("src") or "", title) if tag else None
        if value is None:
            continue
        kept.append(text[last : match.start()])
        last = match.end()
        taken.append((position, value, bool(title.strip())))
    return "".join(kept) + text[last:], taken


def frame_line(lines: list[str], start: int | None, position: int) -> int | None:
    """The line of the ``position``-th ``<iframe`` at or after line ``start`` of the file."""
    if start is None:
        return None
    seen = 0
    for number in range(start, len(lines) + 1):
        seen += lines[number - 1].lower().count("<iframe")
        if seen > position:
            return number
    return start


def set_at(container, path: tuple, value) -> None:
    for part in path[:-1]:
        container = container[part]
    container[path[-1]] = value


def extract_frames(section, parsed, notes: list[ReportItem]) -> None:
    """Cut ``section``'s allowed frames out of its texts into ``section.frames``; one
    note for each (and one more when it has no title)."""
    lines = parsed.source.text.split("\n")
    base = ("sections", section.index, section.type)
    for path, text in list(section_texts(section)):
        if "<iframe" not in text.lower():
            continue
        remaining, taken = take_frames(text)
        if not taken:
            continue
        set_at(section.fields, path, remaining)
        where = section.label + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        start = parsed.line_of(*base, *path)
        for position, value, titled in taken:
            frame = Frame(
                **value, titled=titled, where=where, line=frame_line(lines, start, position)
            )
            section.frames.append(frame)
            notes.extend(frame_notes(frame, parsed.name, section.type))


def frame_notes(frame: Frame, file: str, section_type: str) -> list[ReportItem]:
    kind = embed_kind(frame.url)
    notes = [
        ReportItem(
            "embed_imported",
            f"{frame.where}: the {kind} frame {frame.url[:100]!r} was imported as an embed "
            "section right after this section (the section's text cannot hold a frame).",
            file,
            frame.line,
            section_type,
        )
    ]
    if not frame.titled:
        notes.append(
            ReportItem(
                "embed_without_title",
                f"{frame.where}: the {kind} frame {frame.url[:100]!r} has no title; "
                f"{frame.title!r} was used. Describe it for screen readers in the admin.",
                file,
                frame.line,
                section_type,
            )
        )
    return notes
