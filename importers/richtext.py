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
from dataclasses import dataclass, field
from functools import cache

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .sanitise import looks_like_html, sanitise_html

HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}
LIST_TAGS = {"ul", "ol"}
BOLD_TAGS = {"b", "strong"}
ITALIC_TAGS = {"i", "em"}
# Elements that end a line of text: their content becomes a block of its own.
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "address",
    "center",
    "dl",
    "dt",
    "dd",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "form",
    "fieldset",
    "li",
    *HEADING_LEVELS,
    *LIST_TAGS,
    "hr",
}
TABLE_TAGS = {"table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"}
_SPACE = re.compile(r"\s+")


@dataclass
class _Block:
    kind: str  # "p", "h1".."h6", "ul", "ol" (a list item of that list), "hr"
    depth: int = 0
    parts: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.parts)


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


class _Flattener:
    """Reads sanitised HTML into editor blocks, respecting one field's features."""

    def __init__(self, features):
        self.features = set(features)
        self.blocks: list[_Block] = []
        self.current: _Block | None = None
        self.changes: list[str] = []
        self.list_stack: list[str] = []
        self.textless_links: list[str] = []  # reported as changes, not as losses

    # -- blocks --------------------------------------------------------------------------------
    def end_block(self):
        self.current = None

    def start_block(self, kind, depth=0) -> _Block:
        self.current = _Block(kind, depth)
        self.blocks.append(self.current)
        return self.current

    def inline_target(self) -> _Block:
        if self.current is None:
            if self.list_stack:
                # Text loose inside a list (between items) belongs to an item of its own.
                return self.start_block(self.list_stack[-1], len(self.list_stack) - 1)
            return self.start_block("p")
        return self.current

    def note(self, change: str):
        if change not in self.changes:
            self.changes.append(change)

    # -- walking -------------------------------------------------------------------------------
    def text(self, node: NavigableString):
        """Text in place; whitespace alone does not start a block."""
        text = html.escape(_SPACE.sub(" ", str(node)), quote=False)
        if text.strip() or self.current is not None:
            self.inline_target().parts.append(text)

    def walk(self, node):
        """Any node at block level (outside a heading or list item)."""
        if isinstance(node, Comment) or not isinstance(node, (Tag, NavigableString)):
            return
        if isinstance(node, NavigableString):
            return self.text(node)
        name = node.name.lower()
        if name == "br":
            if self.current is not None:
                self.current.parts.append("<br/>")
        elif name == "hr":
            self.end_block()
            self.blocks.append(_Block("hr"))
        elif name == "img":
            self.add_image(node)
        elif name in LIST_TAGS:
            self.end_block()
            self.list_stack.append(name)
            for child in node.children:
                self.walk(child)
            self.list_stack.pop()
            self.end_block()
        elif name == "li" or name in HEADING_LEVELS:
            self.end_block()
            if name in HEADING_LEVELS:
                self.start_block(name)
            elif self.list_stack:
                self.start_block(self.list_stack[-1], len(self.list_stack) - 1)
            else:
                self.start_block("p")
            self.walk_inline(node)
            self.end_block()
        elif name == "a" and node.get("href") and self.has_block_descendant(node):
            # A link around blocks (a card, a styled button): one paragraph with the link.
            self.end_block()
            self.start_block("p").parts.append(self.render_inline(node))
            self.end_block()
        elif name in BLOCK_TAGS or self.has_block_descendant(node):
            if name == "table":
                self.note("a table was turned into paragraphs, one per cell")
            if name in BLOCK_TAGS:
                self.end_block()
            for child in node.children:
                self.walk(child)
            if name in BLOCK_TAGS:
                self.end_block()
        else:
            rendered = self.render_inline(node)
            if rendered.strip() or self.current is not None:
                self.inline_target().parts.append(rendered)

    def walk_inline(self, node):
        """Inside a heading or list item: nested blocks become line breaks, nested lists go on
        as deeper items, pictures become blocks of their own."""
        for child in node.children:
            if isinstance(child, Comment) or not isinstance(child, (Tag, NavigableString)):
                continue
            if isinstance(child, NavigableString):
                self.text(child)
                continue
            name = child.name.lower()
            if name in LIST_TAGS:
                self.walk(child)
            elif name == "img":
                self.add_image(child)
            elif name in BLOCK_TAGS or self.has_block_descendant(child):
                if self.current is not None and self.current.text().strip():
                    self.current.parts.append("<br/>")
                self.walk_inline(child)
            else:
                self.inline_target().parts.append(self.render_inline(child))

    def add_image(self, node: Tag):
        """A picture: a block of its own where the field holds pictures, else reported."""
        src = (node.get("src") or "").strip()
        if not src:
            return
        if "image" not in self.features:
            self.note(f"the picture {src!r} was left out (this field holds no pictures)")
            return
        interrupted = self.current
        self.end_block()
        self.blocks.append(_Block("img", parts=[src, (node.get("alt") or "").strip()]))
        if interrupted is not None:
            # Text after the picture goes on in a block like the one it interrupted.
            kind = "p" if interrupted.kind in HEADING_LEVELS else interrupted.kind
            self.start_block(kind, interrupted.depth)

    @staticmethod
    def has_block_descendant(node: Tag) -> bool:
        return node.find(lambda tag: tag.name.lower() in BLOCK_TAGS) is not None

    def render_inline(self, node) -> str:
        """Inline content as rich-text HTML (bold, italic, links, breaks) for the features."""
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return html.escape(_SPACE.sub(" ", str(node)), quote=False)
        name = node.name.lower()
        if name == "br":
            return "<br/>"
        if name == "img":
            self.add_image(node)
            return ""
        inner = "".join(
            f" {self.render_inline(child)} "
            if isinstance(child, Tag) and child.name.lower() in BLOCK_TAGS
            else self.render_inline(child)
            for child in node.children
        )
        if name in BOLD_TAGS:
            if "bold" in self.features:
                return f"<b>{inner}</b>" if inner.strip() else inner
            self.note("bold text kept as plain text")
        elif name in ITALIC_TAGS:
            if "italic" in self.features:
                return f"<i>{inner}</i>" if inner.strip() else inner
            self.note("italic text kept as plain text")
        elif name == "a" and node.get("href") is not None:
            return self.render_link(node.get("href"), inner, has_image=node.find("img") is not None)
        return inner

    def render_link(self, href: str, inner: str, has_image: bool) -> str:
        if not visible_text(inner):
            if not has_image:
                self.note(f"a link with no text (to {href!r}) was left out")
            self.textless_links.append(href)
            return inner
        if "link" in self.features:
            return f'<a href="{html.escape(href)}">{inner}</a>'
        self.note(f"the link to {href!r} was kept as plain text (this field holds no links)")
        return inner

    # -- fitting the blocks to the features ----------------------------------------------------
    def fitted(self) -> list[_Block]:
        headings = sorted(
            HEADING_LEVELS[f] for f in self.features if f in HEADING_LEVELS and f != "h1"
        )
        result = []
        for block in self.blocks:
            if block.kind == "img":
                result.append(block)
                continue
            if block.kind == "hr":
                if "hr" in self.features:
                    result.append(block)
                else:
                    self.note("a horizontal rule was left out")
                continue
            parts = _trim_breaks(block.parts)
            if not "".join(parts).strip():
                continue
            block = _Block(block.kind, block.depth, parts)
            if block.kind in HEADING_LEVELS:
                level = HEADING_LEVELS[block.kind]
                allowed = [n for n in headings if n >= level] or headings[-1:]
                if allowed:
                    block.kind = f"h{allowed[0]}"
                else:
                    block.kind = "p"
                    if "bold" in self.features and "<b>" not in block.text():
                        block.parts = ["<b>", *block.parts, "</b>"]
                    self.note("headings were kept as bold text (this field holds no headings)")
            elif block.kind in LIST_TAGS and block.kind not in self.features:
                other = ({"ul", "ol"} - {block.kind}).pop()
                if other in self.features and block.kind == "ul":
                    block.kind = other
                    self.note("a bulleted list became a numbered list")
                else:
                    block.kind = "p"
                    block.depth = 0
                    self.note("list items were kept as paragraphs (this field holds no lists)")
            result.append(block)
        return result


def _trim_breaks(parts: list[str]) -> list[str]:
    """Line breaks at the start or end of a block show nothing; drop them (and spaces)."""
    parts = list(parts)
    while parts and (parts[0] == "<br/>" or not parts[0].strip()):
        parts.pop(0)
    while parts and (parts[-1] == "<br/>" or not parts[-1].strip()):
        parts.pop()
    return parts


def _serialise(blocks: list[_Block]) -> str:
    out = []
    open_lists: list[str] = []  # list tags currently open, outermost first

    def close_to(depth):
        while len(open_lists) > depth:
            out.append(f"</li></{open_lists.pop()}>")

    for block in blocks:
        if block.kind in LIST_TAGS:
            depth = min(block.depth, len(open_lists))
            if len(open_lists) > depth + 1:
                close_to(depth + 1)
            if len(open_lists) == depth + 1 and open_lists[-1] != block.kind:
                close_to(depth)
            if len(open_lists) == depth + 1:
                out.append("</li>")
            else:
                out.append(f"<{block.kind}>")
                open_lists.append(block.kind)
            out.append(f"<li>{block.text()}")
            continue
        close_to(0)
        if block.kind == "hr":
            out.append("<hr/>")
        else:
            out.append(f"<{block.kind}>{block.text()}</{block.kind}>")
    close_to(0)
    return "".join(out)


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


def _with_deterministic_keys(db_html: str, features) -> str:
    _, contentstate = _converters(tuple(features))
    state = json.loads(contentstate.from_database_format(db_html))
    for index, block in enumerate(state["blocks"]):
        block["key"] = block_key(index)
    return contentstate.to_database_format(json.dumps(state))


_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r'<a (?:href="([^"]*)"|linktype="(\w+)" id="(\d+)")')


def visible_text(fragment: str) -> str:
    """The text a reader sees (tags become spaces; whitespace collapsed)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()


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
    if not sanitised:
        fragment, removed = sanitise_html(fragment, keep_layout=True)
    flattener = _Flattener(features)
    soup = BeautifulSoup(fragment, "html.parser")
    for child in list(soup.children):
        flattener.walk(child)
    blocks = flattener.fitted()
    changes = list(flattener.changes)
    parts: list = []
    segment: list[_Block] = []
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


def _editor_format(blocks: list[_Block], features, changes: list[str]) -> str:
    """Blocks -> the editor's stored form: checked by DbHTMLConverter, keys set, round-tripped."""
    cleaner, _ = _converters(features)
    cleaned, removals = cleaner.clean(_serialise(blocks))
    for removal in removals:
        changes.append(f"<{removal.tag}> {removal.action} ({removal.reason.replace('_', ' ')})")
    result = _with_deterministic_keys(cleaned, features)
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
