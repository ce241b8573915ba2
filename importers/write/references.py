"""The write step's look-ups: what the map step's markers stand for in this database.

Links to pages of the site become page links (so they survive moves), links to files become
document links, pictures become Wagtail images. Links that point into the site at nothing are
kept as written and reported.
"""

import html as html_lib
import re
from urllib.parse import unquote

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from blocks.links import split_url

from ..mapping.refs import DocumentRef, ImageRef, LinkRef
from ..mapping.settings import NEWSROOM, PageRef
from ..normalise.site import normalise_permalink
from ..richtext import RichTextParts, assemble_rich_text, image_embed
from ..walk import transform
from .media import DOCUMENT, IMAGE, MediaLibrary

# Links as Wagtail's rich-text converter writes them (see importers.richtext).
_ANCHOR = re.compile(r'<a href="([^"]*)">')
FILE_FOLDERS = ("/files/", "/images/", "/media/")


class Resolver:
    def __init__(self, media: MediaLibrary, report, site_url: str = "", internal: bool = True):
        self.media = media
        self.report = report
        parts = split_url(site_url or "")
        self.site_host = (parts.hostname or "").lower().removeprefix("www.") if parts else ""
        self.internal = internal  # False for the one-page case: no pages to link to
        self.home: Page | None = None
        self.by_permalink: dict[str, Page] = {}
        self.by_key: dict[str, Page] = {}
        self._document_urls: dict[int, str] = {}
        self._image_urls: dict[int, str] = {}

    # -- links ---------------------------------------------------------------------------------
    def internal_path(self, href: str) -> str | None:
        """The path of ``href`` on this site, or None when it leads elsewhere."""
        parts = split_url(href)
        if parts is None:
            return None
        if parts.scheme in ("http", "https"):
            host = (parts.hostname or "").lower().removeprefix("www.")
            if not self.site_host or host != self.site_host:
                return None
        elif parts.scheme or href.startswith(("#", "?")):
            return None
        path = unquote(parts.path)
        return path if path.startswith("/") else "/" + path

    def target(self, href: str, file: str):
        """("page", page) | ("document"|"image", id) | None; broken internal links reported."""
        path = self.internal_path(href) if self.internal else None
        if path is None:
            return None
        last = path.rsplit("/", 1)[-1]
        if path.startswith(FILE_FOLDERS) or "." in last and not last.endswith((".html", ".htm")):
            kind, object_id, problem = self.media.lookup(path)
            if kind is not None:
                return kind, object_id
            self.report.add(
                "broken_link",
                f"Link to {href} points at a file that does not exist ({problem}); kept as written.",
                file,
            )
            return None
        for candidate in (
            normalise_permalink(path),
            normalise_permalink(re.sub(r"\.html?$", "", path)),
            path,
        ):
            if candidate in self.by_permalink:
                return "page", self.by_permalink[candidate]
        if path in ("/", ""):
            return "page", self.home
        self.report.add(
            "broken_link", f"Link to {href} points at no page of the site; kept as written.", file
        )
        return None

    def document_url(self, document_id: int) -> str:
        """A document's public URL, looked up once per document however often it is linked."""
        if document_id not in self._document_urls:
            document = get_document_model().objects.filter(id=document_id).first()
            self._document_urls[document_id] = document.url if document else ""
        return self._document_urls[document_id]

    def image_url(self, image_id: int) -> str:
        """A picture's original file, as a link leads to it (an Isomer photo linked to itself)."""
        if image_id not in self._image_urls:
            image = get_image_model().objects.filter(id=image_id).first()
            self._image_urls[image_id] = image.file.url if image else ""
        return self._image_urls[image_id]

    def link(self, ref: LinkRef, file: str) -> dict:
        found = self.target(ref.url, file)
        if found and found[0] == "page":
            return {"page": found[1].id, "url": ""}
        if found and found[0] == DOCUMENT and (url := self.document_url(found[1])):
            return {"page": None, "url": url}
        if found and found[0] == IMAGE and (url := self.image_url(found[1])):
            return {"page": None, "url": url}  # the picture at its full size
        return {"page": None, "url": ref.url}

    def rich_text(self, parts: RichTextParts, file: str) -> str:
        """Rich text with its pictures embedded and its links to pages and documents resolved."""

        def embed(ref: ImageRef):
            image_id = self.media.image(ref, file)
            return image_embed(image_id, ref.alt) if image_id else None

        def replace(match):
            found = self.target(html_lib.unescape(match.group(1)), file)
            if found is None or found[0] == IMAGE:
                return match.group(0)
            kind, value = found
            # The form Wagtail's own converter writes, so the editor saves it unchanged.
            return f'<a linktype="{kind}" id="{value.id if kind == "page" else value}">'

        return _ANCHOR.sub(replace, assemble_rich_text(parts.parts, embed))

    def document(self, ref: DocumentRef, file: str) -> int | None:
        found = self.target(ref.url, file) if ref.url else None
        return found[1] if found and found[0] == DOCUMENT else None

    def page(self, ref: PageRef) -> int | None:
        if ref.key == NEWSROOM:
            from newsroom.models import NewsroomIndexPage

            room = NewsroomIndexPage.objects.first()
            return room.id if room else None
        page = self.by_key.get(ref.key)
        return page.id if page else None

    # -- any data ------------------------------------------------------------------------------
    def resolve(self, data, file: str):
        """``data`` with every marker replaced by what it stands for."""

        def leaf(value, _key):
            if isinstance(value, ImageRef):
                return self.media.image(value, file)
            if isinstance(value, LinkRef):
                return self.link(value, file)
            if isinstance(value, RichTextParts):
                return self.rich_text(value, file)
            if isinstance(value, PageRef):
                return self.page(value)
            return value

        return transform(data, leaf)
