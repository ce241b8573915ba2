"""Page bodies (Markdown mixed with HTML, or Tiptap HTML) -> ArticleStreamBlock stream data.

Pure functions: no database. Pictures become ``ImageRef`` markers and links ``LinkRef`` markers
(rich text that holds either becomes ``RichTextParts``); the write step resolves them against
what the import created. Liquid is rendered first (``importers/liquid.py``) when the site's
data is given. What is removed for safety, and Liquid that needs a human, is returned as
notes.
"""

import html as html_lib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import markdown
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from blocks.article import BODY_RICH_TEXT_FEATURES
from blocks.embeds import iframe_embed
from blocks.links import link_url_problem

from .. import liquid
from ..liquid import LiquidPage
from ..media import title_from_filename
from ..richtext import RichTextParts, rich_text_for
from ..sanitise import MAX_HTML_DEPTH, too_deep
from .body_tables import convert_table
from .figures import figure_position, figure_width
from .headings import normalise_heading_levels
from .refs import NO_IMAGE, ImageRef, block_id, link

DANGEROUS_TAGS = {
    "script", "style", "object", "embed", "applet", "form", "input", "button", "select",
    "textarea", "link", "meta", "base", "frame", "frameset",
}  # fmt: skip
FLOW_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr", "blockquote", "pre", "dl",
    "address",
}  # fmt: skip
INLINE_TAGS = {"a", "b", "strong", "i", "em", "br", "u", "sup", "sub", "small"}
WRAPPER_TAGS = {
    "div", "section", "article", "span", "center", "font", "main", "aside", "header", "footer",
    "figure", "tbody", "nav", "picture",
}  # fmt: skip
MEDIA_TAGS = {"video", "audio", "svg", "canvas"}
# Elements that sit inside a line of text: a run of them (and text) between blocks is one paragraph.
INLINE_RUN_TAGS = INLINE_TAGS | {
    "span",
    "font",
    "code",
    "mark",
    "abbr",
    "s",
    "del",
    "ins",
    "q",
    "cite",
}
BLOCK_LEVEL = sorted(
    FLOW_TAGS
    | WRAPPER_TAGS - {"span", "font"}
    | {"table", "img", "iframe", "details", "li"}
    | MEDIA_TAGS
)
# Jekyll's kramdown writes typographic quotes, dashes and ellipses ("x" -> “x”, -- -> –, ... -> …,
# << -> «): smarty does the same, outside code and raw HTML as kramdown does.
MARKDOWN_EXTENSIONS = ["tables", "attr_list", "md_in_html", "sane_lists", "fenced_code", "smarty"]
MARKDOWN_CONFIG = {"smarty": {"smart_angled_quotes": True}}
BUTTON_CLASSES = {"bp-button", "isomer-button", "button"}


@dataclass
class BodyNote:
    code: str
    message: str
    line: int | None = None


@dataclass
class ConvertedBody:
    blocks: list[dict]
    notes: list[BodyNote] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every accepted href, for link checking
    headings_from: int = 2  # the source's top heading level: the page's heading size


def render_markdown(text: str) -> str:
    """Markdown as Jekyll's kramdown renders it (attribute lists, typographic symbols)."""
    return markdown.markdown(
        text,
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs=MARKDOWN_CONFIG,
        output_format="html",
    )


def strip_liquid(text: str, first_line: int = 1) -> tuple[str, list[BodyNote]]:
    """Remove Liquid tags, keeping the static text around them; one note per tag."""
    text, notes = liquid.strip_liquid(text, first_line)
    return text, [BodyNote(n.code, n.message, n.line) for n in notes]


def body_to_html(
    body: str, variant: str, first_line: int = 1, template: LiquidPage | None = None
) -> tuple[str, list[BodyNote]]:
    """Liquid rendered for ``template`` (the page and its site; stripped without one), then
    Markdown: rendered output is converted and sanitised like hand-written content."""
    if template is None:
        text, notes = strip_liquid(body, first_line)
    else:
        text, rendered = liquid.render_liquid(body, template, first_line)
        notes = [BodyNote(n.code, n.message, n.line) for n in rendered]
    if variant == "tiptap":
        return text, notes
    # kramdown's "{: .class}" attribute lists use the same syntax python-markdown understands.
    return render_markdown(text), notes


class BodyConverter:
    def __init__(self, key: str, source_line: int | None):
        self.key = key
        self.line = source_line
        self.blocks: list[dict] = []
        self.notes: list[BodyNote] = []
        self.links: list[str] = []
        self._rich: list[str] = []

    # -- output --------------------------------------------------------------------------------
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
        fragment, self._rich = "".join(self._rich), []
        if value := self.rich_text(fragment, BODY_RICH_TEXT_FEATURES):
            self.blocks.append(
                {"type": "paragraph", "value": value, "id": block_id(self.key, len(self.blocks))}
            )

    def rich_text(self, fragment: str, features):
        """``fragment`` in the editor's format for ``features``; what it changed is reported.

        Text with links or pictures comes back as RichTextParts for the write step to resolve.
        """
        result = rich_text_for(fragment, features)
        self.report_removed(result.removed)
        if result.changes:
            self.note("simplified_html", f"{'; '.join(result.changes)}.")
        if result.lost:
            self.note(
                "rich_text_loss",
                f"Could not be kept in the editor's format: {', '.join(result.lost)}; check the "
                "page against the source.",
            )
        if result.parts:
            return RichTextParts(
                tuple(
                    p if isinstance(p, str) else self.image_ref(p.src, p.alt) for p in result.parts
                )
            )
        return RichTextParts((result.html,)) if "<a " in result.html else result.html

    def report_removed(self, removed):
        dangerous = [
            r
            for r in removed
            if r.startswith("link ")
            or re.search(r"\[on\w+\]", r)
            or r.strip("<>") in DANGEROUS_TAGS | {"iframe"}
        ]
        if dangerous:
            self.note("sanitised_html", f"Removed for safety: {', '.join(sorted(set(dangerous)))}.")

    # -- elements ------------------------------------------------------------------------------
    def image_value(self, img: Tag) -> dict | None:
        ref = self.image_ref(img.get("src") or "", img.get("alt") or "")
        return {"image": ref, "alt_text": ref.alt, "decorative": False} if ref else dict(NO_IMAGE)

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

    def figure(self, img: Tag, caption: str = "", href: str = ""):
        """An image block; ``href``: the link around the picture (a profile, its full size)."""
        if (value := self.image_value(img))["image"] is not None:
            self.add(
                "image",
                {
                    "image": value,
                    "caption": caption[:255],
                    "width": figure_width(img),
                    "position": figure_position(img),
                    "link": self.link(href) if href else link(""),
                },
            )

    def link(self, href: str):
        href = html_lib.unescape((href or "").strip())
        if href and (problem := link_url_problem(href)):
            self.note("refused_link", f"Link {href!r} refused: {problem}")
            return link("")
        if href:
            self.links.append(href)
        return link(href)

    def iframe(self, tag: Tag):
        src = (tag.get("src") or "").strip()
        if value := iframe_embed(src, tag.get("title") or ""):
            self.add("embed", value)
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

    def card(self, card: Tag, position: int) -> dict:
        img = card.find("img")
        title = card.find(class_="isomer-card-title")
        description = card.find(class_="isomer-card-description")
        more = card.find(class_="isomer-card-link")
        return {
            "type": "item",
            "value": {
                "image": self.image_value(img) if img else dict(NO_IMAGE),
                "title": (title.get_text(" ", strip=True) if title else "")[:255] or "Card",
                "description": description.get_text(" ", strip=True) if description else "",
                "link": self.link(card.get("href", "")) if card.name == "a" else link(""),
                "link_text": (more.get_text(" ", strip=True) if more else "")[:255],
            },
            "id": block_id(self.key, len(self.blocks), "card", position),
        }

    def card_grid(self, tag: Tag):
        cards = [self.card(card, n) for n, card in enumerate(tag.find_all(class_="isomer-card"))]
        if cards:
            self.add("cards", {"cards": cards})

    def button(self, tag: Tag):
        label = tag.get_text(" ", strip=True)[:100]
        target = self.link(tag.get("href", ""))
        if label and target != link(""):
            self.add("button", {"label": label, "link": target})

    # -- walking -------------------------------------------------------------------------------
    def node(self, node):
        if isinstance(node, NavigableString) and not isinstance(node, Comment):
            if text := str(node).strip():
                self._rich.append(f"<p>{html_lib.escape(text, quote=False)}</p>")
        if not isinstance(node, Tag):
            return
        name = node.name.lower()
        if name in DANGEROUS_TAGS:
            return self.note("sanitised_html", f"Removed for safety: <{name}>.")
        for attribute in [a for a in node.attrs if a.lower().startswith("on")]:
            self.note("sanitised_html", f"Removed for safety: {name}[{attribute}].")
        if not self.special(node, name):
            self.content(node, name)

    def walk_children(self, node: Tag):
        """``node``'s children in order; a run of inline ones (text, <b>, <br>, <span> ...)
        between blocks stays one paragraph, its line breaks kept (a profile card's picture,
        then name<br>role, is a picture and one paragraph of two lines, as Isomer shows it)."""
        run: list = []
        for child in list(node.children):
            if self.inline_child(child):
                run.append(child)
                continue
            self.inline_run(run)
            run = []
            self.node(child)
        self.inline_run(run)

    @staticmethod
    def inline_child(child) -> bool:
        """Text, or an inline element with nothing block-level, special or unsafe inside."""
        if isinstance(child, NavigableString):
            return not isinstance(child, Comment)
        if not isinstance(child, Tag) or child.name.lower() not in INLINE_RUN_TAGS:
            return False
        classes = set(child.get("class") or [])
        return not (
            (child.name.lower() == "a" and classes & BUTTON_CLASSES)
            or child.find(BLOCK_LEVEL)
            or child.find(sorted(DANGEROUS_TAGS))
            or child.find(class_=["isomer-card-grid", "isomer-accordion"])
            or any(
                a.lower().startswith("on") for t in [child, *child.find_all(True)] for a in t.attrs
            )
        )

    def inline_run(self, run: list):
        def blank(child) -> bool:  # a line break or spaces: nothing to show at either end
            if isinstance(child, Tag):
                return child.name.lower() == "br"
            return not str(child).strip()

        while run and blank(run[0]):
            run = run[1:]
        while run and blank(run[-1]):
            run = run[:-1]
        parts = [
            str(child) if isinstance(child, Tag) else html_lib.escape(str(child), quote=False)
            for child in run
        ]
        if not any(
            (child.get_text() if isinstance(child, Tag) else str(child)).strip() for child in run
        ):
            return
        for child in run:
            if isinstance(child, Tag):
                self.collect_links(child)
        self._rich.append(f"<p>{''.join(parts).strip()}</p>")

    def collect_links(self, tag: Tag):
        """Every accepted href in ``tag`` (itself included), for link checking."""
        for anchor in tag.find_all("a", href=True) + ([tag] if tag.name == "a" else []):
            href = html_lib.unescape((anchor.get("href") or "").strip())
            if href and link_url_problem(href) is None:
                self.links.append(href)

    def special(self, node: Tag, name: str) -> bool:
        """Elements that become blocks of their own; False when ``node`` is none of them."""
        classes = set(node.get("class") or [])
        if name == "iframe":
            self.iframe(node)
        elif name == "img":
            self.figure(node)
        elif name == "table":
            convert_table(self, node)
        elif name == "details" or "isomer-accordion" in classes:
            self.accordion(node)
        elif "isomer-card-grid" in classes:
            self.card_grid(node)
        elif name == "a" and classes & BUTTON_CLASSES:
            self.button(node)
        elif name == "a" and (img := linked_picture(node)) is not None:
            self.figure(img, href=node.get("href") or "")
        elif name == "figure" and len(node.find_all("img")) == 1:
            caption = node.find("figcaption")
            img = node.find("img")
            anchor = img.find_parent("a")  # <figure><a href><img></a><figcaption>
            linked = anchor is not None and node in anchor.parents and linked_picture(anchor) is img
            href = (anchor.get("href") or "") if linked else ""
            self.figure(img, caption.get_text(" ", strip=True) if caption else "", href=href)
        else:
            return False
        return True

    def content(self, node: Tag, name: str):
        """Text elements join the running rich text; wrappers are looked into."""
        if name in FLOW_TAGS or name in INLINE_TAGS:
            special = node.find(["img", "iframe", "table", "details"]) or node.find(
                class_=["isomer-card-grid", "isomer-accordion"]
            )
            if special is not None and name not in {"ul", "ol"}:
                # A paragraph holding a picture or an embed: split it around them.
                self.walk_children(node)
                return
            self.collect_links(node)
            self._rich.append(str(node) if name in FLOW_TAGS else f"<p>{node}</p>")
        elif name in WRAPPER_TAGS or name not in MEDIA_TAGS:
            if not node.find(BLOCK_LEVEL) and node.get_text(strip=True):
                # A wrapper around inline content only (<div>Raw <b>text</b></div>) is one paragraph.
                self._rich.append(f"<p>{node.decode_contents()}</p>")
                return
            self.walk_children(node)
        else:
            self.note("unsupported_element", f"<{name}> is not supported and was left out.")


def linked_picture(anchor: Tag) -> Tag | None:
    """The one picture a link wraps with no text of its own (a photo opening its full size, a
    portrait leading to the person's profile), or None."""
    pictures = anchor.find_all("img")
    if len(pictures) == 1 and anchor.get("href") and not anchor.get_text(strip=True):
        return pictures[0]
    return None


def html_to_blocks(html: str, key: str, source_line: int | None = None) -> ConvertedBody:
    converter = BodyConverter(key, source_line)
    if (flat := too_deep(html or "")) is not None:
        converter.note(
            "simplified_html",
            f"The page's HTML nests more than {MAX_HTML_DEPTH} levels deep; its text was kept "
            "as plain paragraphs.",
        )
        html = flat
    soup = BeautifulSoup(html or "", "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for child in list(soup.children):
        converter.node(child)
    converter.flush()
    blocks, headings_from = normalise_heading_levels(converter.blocks)
    return ConvertedBody(blocks, converter.notes, converter.links, headings_from)


def convert_body(
    body: str, variant: str, key: str, first_line: int = 1, template: LiquidPage | None = None
) -> ConvertedBody:
    html, notes = body_to_html(body, variant, first_line, template)
    converted = html_to_blocks(html, key, first_line)
    converted.notes[:0] = notes
    return converted
