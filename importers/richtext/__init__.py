"""HTML from Isomer -> rich text in Wagtail's own database format, for one field's features.

Three steps, each for a reason:

1. ``sanitise_html`` (nh3) removes everything unsafe: scripts, event handlers, styles, links
   with refused schemes.
2. ``flatten`` reads what is left as the editor's model of rich text: a list of blocks
   (paragraphs, headings, list items, rules) holding inline text, bold, italic, links and line
   breaks. Layout wrappers (``div``, ``section``, table cells...) become block boundaries, so
   their text is kept and never glued together. Whatever the field's features cannot hold is
   turned into the nearest thing it can (a heading into a bold paragraph, a list item into a
   paragraph) and described in ``RichText.changes``.
3. Wagtail's own converters finish the job: ``DbHTMLConverter(features).clean`` checks the result
   against the features, and the Draftail load-and-save round trip (what pressing Save in the
   editor does) writes it in the exact form the editor stores, with deterministic block keys.
   The result is a fixed point: opening and saving it in the editor changes nothing.

Finally the visible text and the links before and after are compared; anything that went
missing is reported, never dropped silently.
"""

import difflib
import html
import json
import re
from dataclasses import dataclass
from functools import cache

from bs4 import BeautifulSoup

from ..sanitise import looks_like_html, sanitise_html, too_deep
from .flatten import Block, Flattener, serialise, visible_text


@dataclass(frozen=True)
class RichTextImage:
    """A picture inside rich text (fields with the "image" feature), by its path in the site."""

    src: str
    alt: str


@dataclass(frozen=True)
class RichTextParts:
    """Rich text whose pictures still need their Wagtail images: text segments and pictures.

    The write step turns it into one string with ``assemble_rich_text``.
    """

    parts: tuple


@dataclass(frozen=True)
class RichText:
    html: str  # the text, in the editor's format (without the pictures)
    removed: tuple[str, ...] = ()  # unsafe things the sanitiser took out (tags, attributes, links)
    changes: tuple[str, ...] = ()  # what was turned into something the field can hold
    lost: tuple[str, ...] = ()  # visible text or links that did not survive (should be empty)
    parts: tuple = ()  # text segments and RichTextImage, when the text holds pictures

    def __bool__(self) -> bool:
        return bool(self.html or self.parts)


@cache
def _converters(features: tuple[str, ...]):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
    from wagtail.admin.rich_text.converters.db_html import DbHTMLConverter

    return DbHTMLConverter(list(features)), ContentstateConverter(list(features))


def block_key(index: int) -> str:
    """Draftail block keys: 5 characters, unique within one field, the same on every import."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    value, out = index, ""
    for _ in range(4):
        value, rest = divmod(value, 36)
        out = digits[rest] + out
    return "k" + out


_KEY_ATTRIBUTE = re.compile(r'data-block-key="[^"]*"')


def join_rich_texts(*fragments: str) -> str:
    """Rich texts in the editor's format, one after the other, with keys unique again."""
    counter = iter(range(10**6))
    joined = "".join(fragments)
    return _KEY_ATTRIBUTE.sub(lambda _: f'data-block-key="{block_key(next(counter))}"', joined)


def editor_round_trip(db_html: str, features) -> str:
    """What the editor stores when it opens ``db_html`` and saves it without a change."""
    _, contentstate = _converters(tuple(features))
    return contentstate.to_database_format(contentstate.from_database_format(db_html))


def editor_stored(db_html: str, features) -> str:
    """``db_html`` as the editor stores it, with the block keys every import gives."""
    _, contentstate = _converters(tuple(features))
    state = json.loads(contentstate.from_database_format(db_html))
    for index, block in enumerate(state["blocks"]):
        block["key"] = block_key(index)
    return contentstate.to_database_format(json.dumps(state))


_LINK = re.compile(r'<a (?:href="([^"]*)"|linktype="(\w+)" id="(\d+)")')


def link_targets(fragment: str) -> list[str]:
    """Every link's target in sanitised or stored rich text: the href, or "page:12"."""
    return sorted(
        html.unescape(href) if href else f"{linktype}:{object_id}"
        for href, linktype, object_id in _LINK.findall(fragment or "")
    )


def _missing_text(before: str, after: str) -> str:
    """The visible characters of ``before`` that ``after`` lacks (spaces do not count)."""
    a, b = before.replace(" ", ""), after.replace(" ", "")
    if a == b:
        return ""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    missing = "".join(a[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "insert")
    return missing[:80]


def rich_text_for(fragment: str, features, *, sanitised: bool = False) -> RichText:
    """Rich text for a field with ``features``: safe, loadable by the editor, nothing lost silently.

    ``fragment`` is HTML (or text with entities). ``sanitised`` skips step 1 when the caller has
    already run the sanitiser on exactly this fragment.
    """
    features = tuple(features)
    fragment = (fragment or "").strip()
    if not fragment:
        return RichText("")
    removed: list[str] = []
    changes: list[str] = []
    if (flat := too_deep(fragment)) is not None:
        fragment, sanitised = flat, True
        changes.append("HTML nested too deeply to read was kept as its plain text")
    if not sanitised:
        fragment, removed = sanitise_html(fragment, keep_layout=True)
    flattener = Flattener(features)
    soup = BeautifulSoup(fragment, "html.parser")
    for child in list(soup.children):
        flattener.walk(child)
    blocks = flattener.fitted()
    changes += flattener.changes
    parts: list = []
    segment: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind != "img":
            segment.append(block)
            continue
        if segment:
            parts.append(_editor_format(segment, features, changes))
            segment = []
        if block is not None:
            parts.append(RichTextImage(*block.parts))
    result = join_rich_texts(*(part for part in parts if isinstance(part, str)))
    lost = []
    missing = _missing_text(visible_text(fragment), visible_text(result))
    if missing:
        lost.append(f"text {missing!r}")
    links_before = [href for href in link_targets(fragment) if "link" in features]
    dropped = set(links_before) - set(link_targets(result)) - set(flattener.textless_links)
    lost += [f"link {href!r}" for href in sorted(dropped)]
    has_images = any(isinstance(part, RichTextImage) for part in parts)
    return RichText(
        result, tuple(removed), tuple(changes), tuple(lost), tuple(parts) if has_images else ()
    )


def _editor_format(blocks: list[Block], features, changes: list[str]) -> str:
    """Blocks -> the editor's stored form: checked by DbHTMLConverter, keys set, round-tripped."""
    cleaner, _ = _converters(features)
    cleaned, removals = cleaner.clean(serialise(blocks))
    for removal in removals:
        changes.append(f"<{removal.tag}> {removal.action} ({removal.reason.replace('_', ' ')})")
    result = editor_stored(cleaned, features)
    if editor_round_trip(result, features) != result:  # pragma: no cover - a converter bug
        result = editor_round_trip(result, features)
    return result


def image_embed(image_id: int, alt: str) -> str:
    """A picture in rich text, as Wagtail's converter writes it."""
    return (
        f'<embed embedtype="image" format="fullwidth" id="{image_id}" '
        f'alt="{html.escape(alt, quote=True)}"/>'
    )


def assemble_rich_text(parts, embed) -> str:
    """One rich-text string from text segments and pictures; ``embed(picture)`` gives the
    picture's ``<embed>``, or None when it has no image (it is then left out).

    The editor keeps an empty paragraph before a picture that starts the text or follows
    another picture, and after one that ends it; they are written here too, so that the
    editor's load-and-save changes nothing.
    """
    pieces: list[str] = []
    after_picture = True  # the start of the text counts as "after a picture"
    for part in parts:
        if isinstance(part, str):
            if part:
                pieces.append(part)
                after_picture = False
            continue
        embedded = embed(part)
        if embedded is None:
            continue
        if after_picture:
            pieces.append('<p data-block-key="-"></p>')
        pieces.append(embedded)
        after_picture = True
    if after_picture and pieces:
        pieces.append('<p data-block-key="-"></p>')
    return join_rich_texts(*pieces)


def rich_text_from_source(text: str, features) -> RichText:
    """An Isomer field that may hold HTML or plain text, as rich text for ``features``.

    Plain text is escaped and blank lines start paragraphs; HTML goes through ``rich_text_for``.
    """
    text = (text or "").strip()
    if looks_like_html(text):
        return rich_text_for(text, features)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    fragment = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return rich_text_for(fragment, features, sanitised=True)
