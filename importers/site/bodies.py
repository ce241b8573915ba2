"""Page bodies (Markdown mixed with HTML, or Tiptap HTML) -> ArticleStreamBlock stream data.

Pure functions: no database. Images become ``ImageRef`` markers, links stay as written
(``/about-us/x/``); the write step resolves both against what the import created. What is
removed for safety, and Liquid that needs a human, is returned as report items.
"""

import html as html_lib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import markdown
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from blocks.article import BODY_RICH_TEXT_FEATURES, CELL_FEATURES
from blocks.embeds import embed_src
from blocks.links import link_url_problem

from ..mapping import ImageRef, block_id
from ..media import title_from_filename
from ..richtext import RichTextParts, rich_text_for

LIQUID = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.DOTALL)
DANGEROUS_TAGS = {
    "script",
    "style",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "link",
    "meta",
    "base",
    "frame",
    "frameset",
}
FLOW_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "hr",
    "blockquote",
    "pre",
    "dl",
    "address",
}
WRAPPER_TAGS = {
    "div",
    "section",
    "article",
    "span",
    "center",
    "font",
    "main",
    "aside",
    "header",
    "footer",
    "figure",
    "tbody",
    "nav",
    "picture",
}
BLOCK_LEVEL = sorted(
    FLOW_TAGS
    | WRAPPER_TAGS - {"span", "font"}
    | {"table", "img", "iframe", "details", "li", "video", "audio", "svg", "canvas"}
)
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "md_in_html", "sane_lists", "fenced_code"]


@dataclass
class BodyNote:
    code: str
    message: str
    line: int | None = None


@dataclass
class ConvertedBody:
    blocks: list[dict]
    notes: list[BodyNote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every href, for link checking


def strip_liquid(text: str, first_line: int = 1) -> tuple[str, list[BodyNote]]:
    """Remove Liquid tags, keeping the static text around them; one note per tag."""
    notes = []
    for match in LIQUID.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        snippet = " ".join(match.group(0).split())[:80]
        notes.append(
            BodyNote(
                "liquid",
                f"Liquid template code {snippet!r} needs a human; its static text was kept.",
                line,
            )
        )
    return LIQUID.sub("", text), notes


def body_to_html(body: str, variant: str, first_line: int = 1) -> tuple[str, list[BodyNote]]:
    text, notes = strip_liquid(body, first_line)
    if variant == "tiptap":
        return text, notes
    # kramdown's "{: .class}" attribute lists use the same syntax python-markdown understands.
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html"), notes


class _Converter:
    def __init__(self, key: str, source_line: int | None):
        self.key = key
        self.line = source_line
        self.blocks: list[dict] = []
        self.notes: list[BodyNote] = []
        self.links: list[str] = []
        self._rich: list[str] = []

    # -- output helpers -----------------------------------------------------------------------
    def note(self, code, message):
        self.notes.append(BodyNote(code, message, self.line))

    def add(self, block_type, value):
        self.flush()
        self.blocks.append(
            {"type": block_type, "value": value, "id": block_id(self.key, len(self.blocks))}
        )

    def flush(self):
        if not self._rich:
            return
        fragment = "".join(self._rich)
        self._rich = []
        cleaned = self.rich_text(fragment, BODY_RICH_TEXT_FEATURES)
        if cleaned:
            self.blocks.append(
                {"type": "paragraph", "value": cleaned, "id": block_id(self.key, len(self.blocks))}
            )

    def rich_text(self, fragment: str, features) -> str:
        """``fragment`` in the editor's format for ``features``; what it changed is reported."""
        result = rich_text_for(fragment, features)
        self._report_removed(result.removed)
        if result.changes:
            self.note("simplified_html", f"{'; '.join(result.changes)}.")
        if result.lost:
            self.note(
                "rich_text_loss",
                f"Could not be kept in the editor's format: {', '.join(result.lost)}; check the "
                "page against the source.",
            )
        if not result.parts:
            return result.html
        return RichTextParts(
            tuple(
                part if isinstance(part, str) else self.image_ref(part.src, part.alt)
                for part in result.parts
            )
        )

    def _report_removed(self, removed):
        dangerous = [
            r
            for r in removed
            if r.startswith("link ")
            or re.search(r"\[on\w+\]", r)
            or r.strip("<>") in DANGEROUS_TAGS | {"iframe"}
        ]
        if dangerous:
            self.note("sanitised_html", f"Removed for safety: {', '.join(sorted(set(dangerous)))}.")

    # -- elements ---------------------------------------------------------------------------
    def image_value(self, img: Tag) -> dict | None:
        ref = self.image_ref(img.get("src") or "", img.get("alt") or "")
        if ref is None:
            return None
        return {"image": ref, "alt_text": ref.alt, "decorative": False}

    def image_ref(self, src: str, alt: str) -> ImageRef | None:
        """The picture at ``src`` for the write step; alt text falls back to the file name."""
        src, alt = src.strip(), alt.strip()
        if not src:
            return None
        if src.startswith("data:"):
            self.note(
                "data_image",
                "An embedded base64 (data:) image was not imported; upload it as a file.",
            )
            return None
        if not alt:
            alt = title_from_filename(unquote(src.split("?")[0]))
            self.note(
                "missing_alt",
                f"Image {src} has no alt text; its file name {alt!r} was used. Describe the image.",
            )
        elif alt.lower() in ("placeholder image", "image alt text"):
            self.note(
                "placeholder", f"Image {src} has placeholder alt text {alt!r}; describe the image."
            )
        return ImageRef(html_lib.unescape(src), alt, f"image {src}", self.line)

    def figure(self, img: Tag, caption: str = ""):
        value = self.image_value(img)
        if value is not None:
            self.add("image", {"image": value, "caption": caption[:255]})

    def link(self, href: str) -> dict:
        href = html_lib.unescape((href or "").strip())
        if not href:
            return {"page": None, "url": ""}
        problem = link_url_problem(href)
        if problem:
            self.note("refused_link", f"Link {href!r} refused: {problem}")
            return {"page": None, "url": ""}
        self.links.append(href)
        return {"page": None, "url": href}

    def iframe(self, tag: Tag):
        src = (tag.get("src") or "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if embed_src(src):
            self.add(
                "embed", {"url": src, "title": (tag.get("title") or "Embedded video or map")[:200]}
            )
        else:
            self.note(
                "unknown_iframe",
                f"An embed from {src[:100]!r} is not on the allow-list and was removed.",
            )

    def accordion(self, tag: Tag):
        items = []
        for details in tag.find_all("details") if tag.name != "details" else [tag]:
            summary = details.find("summary")
            title = summary.get_text(" ", strip=True) if summary else ""
            if summary:
                summary.extract()
            body = self.rich_text(details.decode_contents(), BODY_RICH_TEXT_FEATURES)
            items.append(
                {
                    "type": "item",
                    "value": {"title": title[:255] or "Details", "body": body},
                    "id": block_id(self.key, len(self.blocks), "item", len(items)),
                }
            )
        if items:
            self.add("accordion", {"items": items})

    def card_grid(self, tag: Tag):
        cards = []
        for card in tag.find_all(class_="isomer-card"):
            img = card.find("img")
            title = card.find(class_="isomer-card-title")
            description = card.find(class_="isomer-card-description")
            cards.append(
                {
                    "type": "item",
                    "value": {
                        "image": self.image_value(img) if img else None,
                        "title": (title.get_text(" ", strip=True) if title else "")[:255] or "Card",
                        "description": description.get_text(" ", strip=True) if description else "",
                        "link": self.link(card.get("href", ""))
                        if card.name == "a"
                        else {"page": None, "url": ""},
                    },
                    "id": block_id(self.key, len(self.blocks), "card", len(cards)),
                }
            )
        if cards:
            self.add("cards", {"cards": cards})

    def table(self, tag: Tag):
        if tag.find(["img", "h1", "h2", "h3", "h4", "table", "iframe"]):
            # A table used for layout: its cells become ordinary content, in reading order.
            self.note("layout_table", "A table used for page layout was turned into plain content.")
            for cell in tag.find_all(["td", "th"]):
                for child in list(cell.children):
                    self.node(child)
            return
        rows = []
        for tr in tag.find_all("tr"):
            rows.append([cell for cell in tr.find_all(["td", "th"], recursive=False)])
        rows = [row for row in rows if row]
        if not rows:
            return
        header = None
        if tag.find("thead") or all(cell.name == "th" for cell in rows[0]):
            header, rows = rows[0], rows[1:]
        width = max([len(header or [])] + [len(row) for row in rows])
        cells = [
            [
                self.rich_text(cell.decode_contents(), CELL_FEATURES) if cell is not None else ""
                for cell in row + [None] * (width - len(row))
            ]
            for row in rows
        ]
        columns = []
        for index in range(width):
            rich = any(not _is_plain_paragraph(row[index]) for row in cells)
            heading = (
                header[index].get_text(" ", strip=True) if header and index < len(header) else ""
            )
            columns.append({"type": "rich_text" if rich else "text", "heading": heading})
        table_rows = [
            {
                "values": [
                    value if column["type"] == "rich_text" else _plain_text(value)
                    for column, value in zip(columns, row, strict=True)
                ]
            }
            for row in cells
        ]
        caption = tag.find("caption")
        self.add(
            "table",
            {
                "caption": caption.get_text(" ", strip=True)[:255] if caption else "",
                "table": {"columns": columns, "rows": table_rows},
            },
        )

    def button(self, tag: Tag):
        label = tag.get_text(" ", strip=True)[:100]
        link = self.link(tag.get("href", ""))
        if label and link["url"]:
            self.add("button", {"label": label, "link": link})

    def rich(self, tag_html: str):
        self._rich.append(tag_html)

    def node(self, node):
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            text = str(node)
            if text.strip():
                self.rich(f"<p>{html_lib.escape(text.strip(), quote=False)}</p>")
            return
        if not isinstance(node, Tag):
            return
        name = node.name.lower()
        classes = set(node.get("class") or [])
        if name in DANGEROUS_TAGS:
            self.note("sanitised_html", f"Removed for safety: <{name}>.")
            return
        for attribute in list(node.attrs):
            if attribute.lower().startswith("on"):
                self.note("sanitised_html", f"Removed for safety: {name}[{attribute}].")
        if name == "iframe":
            return self.iframe(node)
        if name == "img":
            return self.figure(node)
        if name == "table":
            return self.table(node)
        if name == "details" or "isomer-accordion" in classes:
            return self.accordion(node)
        if "isomer-card-grid" in classes:
            return self.card_grid(node)
        if name == "a" and classes & {"bp-button", "isomer-button", "button"}:
            return self.button(node)
        if name == "figure":
            img = node.find("img")
            caption = node.find("figcaption")
            if img is not None and len(node.find_all("img")) == 1:
                return self.figure(img, caption.get_text(" ", strip=True) if caption else "")
        if (
            name in FLOW_TAGS
            or name == "a"
            or name in {"b", "strong", "i", "em", "br", "u", "sup", "sub", "small"}
        ):
            special = node.find(["img", "iframe", "table", "details"]) or node.find(
                class_=["isomer-card-grid", "isomer-accordion"]
            )
            if special is not None and name not in {"ul", "ol"}:
                # A paragraph holding a picture or an embed: split it around them.
                for child in list(node.children):
                    self.node(child)
                return
            if name in {"h1", "h5", "h6"}:
                node.name = "h2" if name == "h1" else "h4"
            for anchor in node.find_all("a", href=True) + (
                [node] if name == "a" and node.get("href") else []
            ):
                href = html_lib.unescape(anchor["href"].strip())
                if link_url_problem(href) is None:
                    self.links.append(href)
            self.rich(str(node) if name in FLOW_TAGS else f"<p>{node}</p>")
            return
        if name in WRAPPER_TAGS or name not in {"video", "audio", "svg", "canvas"}:
            if not node.find(BLOCK_LEVEL) and node.get_text(strip=True):
                # A wrapper around inline content only (<div>Raw <b>text</b></div>) is one paragraph.
                self.rich(f"<p>{node.decode_contents()}</p>")
                return
            for child in list(node.children):
                self.node(child)
            return
        self.note("unsupported_element", f"<{name}> is not supported and was left out.")


_PLAIN_PARAGRAPH = re.compile(r'<p data-block-key="[^"]*">([^<]*)</p>')


def _is_plain_paragraph(rich_html: str) -> bool:
    """Rich text that is one paragraph of unformatted text (or nothing)."""
    return not rich_html or _PLAIN_PARAGRAPH.fullmatch(rich_html) is not None


def _plain_text(rich_html: str) -> str:
    match = _PLAIN_PARAGRAPH.fullmatch(rich_html)
    return html_lib.unescape(match.group(1)) if match else ""


_HEADING = re.compile(r"<(/?)h([2-4])\b")


def _rich_strings(value, found):
    if isinstance(value, str):
        if _HEADING.search(value):
            found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _rich_strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _rich_strings(item, found)
    return found


def _relevel(value, mapping):
    if isinstance(value, str):
        return _HEADING.sub(lambda m: f"<{m.group(1)}h{mapping[int(m.group(2))]}", value)
    if isinstance(value, dict):
        return {k: _relevel(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_relevel(v, mapping) for v in value]
    return value


def normalise_heading_levels(blocks: list[dict]) -> list[dict]:
    """Headings under the page's h1 start at h2 and skip no level (h3, h4 -> h2, h3).

    Isomer pages often start at h3 or jump from h2 to h4; screen-reader users navigate by
    heading level, so the levels are made consecutive while keeping their order.
    """
    levels = sorted(
        {int(m.group(2)) for text in _rich_strings(blocks, []) for m in _HEADING.finditer(text)}
    )
    mapping = {level: 2 + index for index, level in enumerate(levels)}
    if all(level == target for level, target in mapping.items()):
        return blocks
    return _relevel(blocks, mapping)


def html_to_blocks(html: str, key: str, source_line: int | None = None) -> ConvertedBody:
    converter = _Converter(key, source_line)
    soup = BeautifulSoup(html or "", "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for child in list(soup.children):
        converter.node(child)
    converter.flush()
    return ConvertedBody(
        normalise_heading_levels(converter.blocks), converter.notes, converter.links
    )


def convert_body(body: str, variant: str, key: str, first_line: int = 1) -> ConvertedBody:
    html, notes = body_to_html(body, variant, first_line)
    converted = html_to_blocks(html, key, first_line)
    converted.notes[:0] = notes
    return converted
