"""HTML from Isomer documents -> Wagtail rich text (database format), safely.

Isomer prints many fields raw, so real data carries HTML (the ACTRIS notification has <b>, <br>
and a link with target=_blank). Only the tags Wagtail's rich-text features use survive; links
keep an href only when it is http(s), mailto, tel or site-relative. Whatever is removed is
returned so the importer can report it.
"""

import html
import re
from html.parser import HTMLParser

import nh3

from blocks.links import link_url_problem

BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "hr"}
INLINE_TAGS = {"a", "b", "i", "strong", "em", "br"}
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Kept (without attributes) when the caller turns layout into rich text itself
# (``importers.richtext``): their boundaries keep words apart, their pictures can be reported.
LAYOUT_TAGS = {
    "h1", "h5", "h6", "div", "section", "article", "header", "footer", "main", "aside", "nav",
    "figure", "figcaption", "blockquote", "pre", "address", "center", "dl", "dt", "dd",
    "details", "summary", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "span", "u", "sup", "sub", "small", "code", "img",
}  # fmt: skip
LAYOUT_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Everything inside these is dropped, not just the tags.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "template", "noscript"}

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


class _Inventory(HTMLParser):
    """Collects the tags and attributes a fragment uses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(f"{tag}[{name}]")
            if tag == "a" and name == "href" and value is not None:
                self.hrefs.append(value)


def _inventory(fragment: str) -> _Inventory:
    parser = _Inventory()
    parser.feed(fragment)
    parser.close()
    return parser


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text)) or "&" in text and html.unescape(text) != text


def _filter_href(tag, attribute, value):
    if tag == "a" and attribute == "href":
        return value if link_url_problem(value) is None else None
    return value


def sanitise_html(fragment: str, *, keep_layout: bool = False) -> tuple[str, list[str]]:
    """Clean ``fragment`` to Wagtail rich text; returns (html, descriptions of what was removed).

    With ``keep_layout`` the layout elements in LAYOUT_TAGS stay (for ``importers.richtext``).
    """
    cleaned = nh3.clean(
        fragment,
        tags=ALLOWED_TAGS | LAYOUT_TAGS if keep_layout else ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=LAYOUT_ATTRIBUTES if keep_layout else ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_href,
        link_rel=None,
        strip_comments=True,
    )
    # Wagtail's database format uses <b> and <i>.
    cleaned = re.sub(r"<(/?)strong>", r"<\1b>", cleaned)
    cleaned = re.sub(r"<(/?)em>", r"<\1i>", cleaned)
    # Editors' empty spacer paragraphs go; whitespace between blocks is not content.
    cleaned = re.sub(r"<p>(?:\s|&nbsp;|\xa0|<br>)*</p>", "", cleaned)
    cleaned = re.sub(
        r"(</(?:p|h[2-4]|ul|ol|li|blockquote)>|<hr>)\s*(?=<(?:p|h[2-4]|ul|ol|li|blockquote|hr)\b)",
        r"\1\n",
        cleaned,
    )
    before, after = _inventory(fragment), _inventory(cleaned)
    removed = sorted(f"<{tag}>" for tag in before.tags - after.tags - {"strong", "em"})
    removed += sorted(before.attributes - after.attributes - {"strong", "em"})
    dropped_links = [href for href in before.hrefs if link_url_problem(href)]
    removed += [f"link {href!r}" for href in dropped_links]
    return cleaned.strip(), removed


def html_to_text(fragment: str) -> tuple[str, list[str]]:
    """For plain-text fields: the visible text of an HTML fragment, and what was dropped."""
    if not looks_like_html(fragment):
        return fragment, []
    cleaned = nh3.clean(fragment, tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS)
    text = re.sub(r"\s+", " ", html.unescape(cleaned)).strip()
    tags = _inventory(fragment).tags
    return text, [f"<{tag}>" for tag in sorted(tags)] if tags else []


MAX_HTML_DEPTH = 100  # real pages nest a few dozen levels; deeper is an accident or an attack


class _Depth(HTMLParser):
    """Measures how deeply elements nest, and keeps the text (without recursion)."""

    VOID = {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "wbr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        self.text.append(data)


def too_deep(fragment: str) -> str | None:
    """When ``fragment`` nests deeper than MAX_HTML_DEPTH: its text, as paragraphs; else None."""
    if fragment.count("<") < MAX_HTML_DEPTH:
        return None
    parser = _Depth()
    parser.feed(fragment)
    parser.close()
    if parser.deepest <= MAX_HTML_DEPTH:
        return None
    lines = [line.strip() for line in "".join(parser.text).splitlines() if line.strip()]
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
