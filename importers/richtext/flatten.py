"""HTML read as the editor's model of rich text: blocks of inline text, fitted to features.

Layout wrappers (``div``, ``section``, table cells...) become block boundaries, so their text
is kept and never glued together. Whatever the field's features cannot hold is turned into the
nearest thing it can (a heading into a bold paragraph, a list item into a paragraph) and
described in ``changes``; pictures become blocks of their own where the field holds pictures.
"""

import html
import re
from dataclasses import dataclass, field

from bs4 import Comment, NavigableString, Tag

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
class Block:
    kind: str  # "p", "h1".."h6", "ul", "ol" (a list item of that list), "hr"
    depth: int = 0
    parts: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.parts)


class Flattener:
    """Reads sanitised HTML into editor blocks, respecting one field's features."""

    def __init__(self, features):
        self.features = set(features)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.changes: list[str] = []
        self.list_stack: list[str] = []
        self.textless_links: list[str] = []  # reported as changes, not as losses

    # -- blocks --------------------------------------------------------------------------------
    def end_block(self):
        self.current = None

    def start_block(self, kind, depth=0) -> Block:
        self.current = Block(kind, depth)
        self.blocks.append(self.current)
        return self.current

    def inline_target(self) -> Block:
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
            self.blocks.append(Block("hr"))
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
                    # A second paragraph of the item keeps a blank line before it, as the
                    # gap between paragraphs showed; other nested blocks start a new line.
                    self.current.parts += ["<br/>", "<br/>"] if name == "p" else ["<br/>"]
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
        self.blocks.append(Block("img", parts=[src, (node.get("alt") or "").strip()]))
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
    def fitted(self) -> list[Block]:
        result = []
        for block in self.blocks:
            if block.kind == "img":
                result.append(block)
            elif block.kind == "hr":
                if "hr" in self.features:
                    result.append(block)
                else:
                    self.note("a horizontal rule was left out")
            elif "".join(parts := trim_breaks(block.parts)).strip():
                result.append(self.fit(Block(block.kind, block.depth, parts)))
        return result

    def fit(self, block: Block) -> Block:
        """``block`` as the field's features allow: headings at a level the field has (else bold
        paragraphs), lists of a kind it has (else paragraphs)."""
        if block.kind in HEADING_LEVELS:
            return self.fit_heading(block)
        if block.kind in LIST_TAGS and block.kind not in self.features:
            if block.kind == "ul" and "ol" in self.features:
                block.kind = "ol"
                self.note("a bulleted list became a numbered list")
            else:
                block.kind, block.depth = "p", 0
                self.note("list items were kept as paragraphs (this field holds no lists)")
        return block

    def fit_heading(self, block: Block) -> Block:
        headings = sorted(
            HEADING_LEVELS[f] for f in self.features if f in HEADING_LEVELS and f != "h1"
        )
        allowed = [n for n in headings if n >= HEADING_LEVELS[block.kind]] or headings[-1:]
        if allowed:
            block.kind = f"h{allowed[0]}"
            return block
        block.kind = "p"
        if "bold" in self.features and "<b>" not in block.text():
            block.parts = ["<b>", *block.parts, "</b>"]
        self.note("headings were kept as bold text (this field holds no headings)")
        return block


_LEADING_BREAKS = re.compile(r"^\s*(?:<br/>\s*)+")
_TRAILING_BREAKS = re.compile(r"(?:\s*<br/>)+\s*$")


def trim_breaks(parts: list[str]) -> list[str]:
    """Line breaks at the start or end of a block show nothing; drop them (and spaces), also
    where an inline element ended with them (<span>role<br><br></span>)."""
    parts = list(parts)
    while parts and (parts[0] == "<br/>" or not parts[0].strip()):
        parts.pop(0)
    while parts and (parts[-1] == "<br/>" or not parts[-1].strip()):
        parts.pop()
    if parts and isinstance(parts[0], str):
        parts[0] = _LEADING_BREAKS.sub("", parts[0])
    if parts and isinstance(parts[-1], str):
        parts[-1] = _TRAILING_BREAKS.sub("", parts[-1])
    return parts


def serialise(blocks: list[Block]) -> str:
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


_TAG = re.compile(r"<[^>]*>")


def visible_text(fragment: str) -> str:
    """The text a reader sees (tags become spaces; whitespace collapsed)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()
