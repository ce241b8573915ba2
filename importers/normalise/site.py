"""Step 3 for a whole site: the page tree Isomer describes, as plain data (no database).

Collections become sections (pages in ``collection.yml`` order, or by file-name prefixes on older
sites) with their third-level groups; simple pages, the contact page and the resource room
(newsroom, categories, entries) follow. Every page keeps its permalink; pages whose permalink
sits under another page's are placed under it. The homepage is checked by ``homepage.py``.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.utils.text import slugify

from ..errors import IsomerImportError
from ..liquid import LiquidSite
from ..parse import ParsedDocument, ParsedSite
from ..report import HOMEPAGE, ReportItem
from .homepage import HomepageDocument, normalise_homepage
from .jekyll import exclude_patterns, excluded, normalise_permalink, path_permalink, post_url
from .posts import POST_LAYOUTS, entry_facts
from .text import as_dict, as_list, capped_title, repair, repair_mojibake, text

SKIPPED_LAYOUTS = {"search", "skeleton", "search-results"}
DATASET_SEARCH = "datagovsg-search"  # a page that searched a data.gov.sg dataset in the browser
KNOWN_LAYOUTS = {
    None,
    "page",
    "simple-page",
    "leftnav-page",
    "leftnav-page-content",
    "contact_us",
    DATASET_SEARCH,
    "resources",
    "resources-alt",
    "post",
    "file",
    "link",
}
PERMALINK_LENGTH = 255  # what Wagtail's redirects keep
SLUG_LENGTH = 200  # Wagtail keeps 255; room is left for "-2" when siblings share one
_PREFIX = re.compile(r"^(\d+)([a-z]?)[-_ ]")


@dataclass
class PageDocument:
    key: str  # the source file (site-relative), or a made-up key for structure ("_about/")
    kind: str  # section | group | standard | contact | newsroom | category | entry
    title: str
    slug: str
    parent: str | None  # key of the parent page; None = the homepage
    permalink: str = ""
    source: ParsedDocument | None = None
    front_matter: dict = field(default_factory=dict)
    description: str = ""
    variant: str = ""
    entry: dict = field(default_factory=dict)  # kind, publication_date, external, file_url...
    # A page of pages/ whose permalink puts it in a collection's folder: it lives there, but
    # is not one of the collection's pages (no left navigation, not in the collection's list).
    outside_collection: bool = False

    @property
    def body(self) -> str:
        return self.source.body if self.source else ""

    @property
    def body_line(self) -> int:
        return self.source.body_line if self.source else 1


@dataclass
class SiteDocument:
    root: Path
    scope: str
    homepage: HomepageDocument | None
    pages: list[PageDocument]
    config: dict
    navigation: dict
    footer: dict
    media: list[Path]
    notes: list[ReportItem] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old path, target)
    liquid: LiquidSite | None = None  # what page bodies' Liquid reads


def stable_slug(name: str, kind: str) -> str:
    """A slug for ``name`` in any script, never empty: the Unicode slug, or (for names with no
    letters a slug keeps, e.g. Tamil vowel signs alone) ``kind`` and a hash of the name, the
    same on every run."""
    slug = slugify(name, allow_unicode=True)[:SLUG_LENGTH].strip("-")
    if slug:
        return slug
    return f"{kind}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


def slug_for(permalink: str, fallback: str) -> str:
    segment = permalink.rstrip("/").rsplit("/", 1)[-1] if permalink else ""
    segment = re.sub(r"\.html?$", "", segment)
    return (
        slugify(segment, allow_unicode=True)[:SLUG_LENGTH]
        or slugify(fallback, allow_unicode=True)[:SLUG_LENGTH]
        or stable_slug(unquote(segment) or fallback, "page")
    )


def prefix_order(path: Path):
    """Older sites order collection pages by file-name prefixes: 0-, 1a-, 1b-, 2-."""
    match = _PREFIX.match(path.name)
    if match:
        return (0, int(match.group(1)), match.group(2), path.name.lower())
    return (1, 0, "", path.name.lower())


def collection_order(
    root: Path, collection, notes: list
) -> list[tuple[ParsedDocument, str | None]]:
    """(document, third-level group) in the collection's order: ``collection.yml`` (files it
    does not list go last, reported in ``notes``), or file-name prefixes on older sites."""
    folder = root / f"_{collection.name}"
    by_path = {document.source.path: document for document in collection.documents}

    def group_of(path: Path) -> str | None:
        relative = path.relative_to(folder)
        return relative.parts[0] if len(relative.parts) > 1 else None

    config = collection.order
    order = as_list(as_dict(as_dict(config.get("collections")).get(collection.name)).get("order"))
    if not order:
        return [(by_path[path], group_of(path)) for path in prefix_ordered(folder, list(by_path))]
    ordered: list[Path] = []
    for entry in map(str, order):
        path = folder / entry
        if not entry.endswith(".keep") and path in by_path and path not in ordered:
            ordered.append(path)
    for path in [p for p in by_path if p not in ordered]:
        notes.append(
            ReportItem(
                "not_in_collection_order",
                "Not listed in collection.yml; added at the end of its collection.",
                by_path[path].name,
            )
        )
        ordered.append(path)
    return [(by_path[path], group_of(path)) for path in ordered]


def prefix_ordered(folder: Path, paths: list[Path]) -> list[Path]:
    """No collection.yml: top-level files and groups interleaved by their prefixes."""
    top_files = [p for p in paths if p.parent == folder]
    groups = sorted({folder / p.relative_to(folder).parts[0] for p in paths if p.parent != folder})
    ordered = []
    for entry in sorted(top_files + groups, key=prefix_order):
        if entry in groups:
            members = [p for p in paths if folder / p.relative_to(folder).parts[0] == entry]
            ordered += sorted(members, key=prefix_order)
        else:
            ordered.append(entry)
    return ordered


class _Site:
    def __init__(self, parsed: ParsedSite):
        self.parsed = parsed
        self.root = parsed.source.root
        self.pages: list[PageDocument] = []
        self.notes: list[ReportItem] = list(parsed.notes)
        self.exclude = exclude_patterns(parsed.config)
        self.moved = [("/" + name, target) for name, target in parsed.moved]

    def note(self, code, message, file: str, line=None):
        self.notes.append(ReportItem(code, message, file, line))

    def add_page(self, key, kind, title, slug, parent, **fields) -> PageDocument:
        """A page of the tree; a title longer than Wagtail keeps is shortened and reported."""
        page = PageDocument(key, kind, capped_title(title, key, self.notes), slug, parent, **fields)
        self.pages.append(page)
        return page

    def front_matter(self, document) -> dict | None:
        """The document's front matter, repaired; None (reported) when Jekyll would not make a
        page of it here: excluded by ``_config.yml``, or a layout Wagtail provides itself."""
        if pattern := excluded(document.name, self.exclude):
            self.note(
                "excluded",
                f"Left out, as Jekyll leaves it out of the site: _config.yml excludes {pattern!r}.",
                document.name,
            )
            return None
        data = document.data
        if not isinstance(data, dict):
            self.note(
                "no_front_matter_fields",
                "The front matter is empty; the file name was used as the title.",
                document.name,
            )
            data = {}
        data = repair(data)
        layout = text(data.get("layout")) or None
        if layout in SKIPPED_LAYOUTS:
            self.note(
                "skipped_layout",
                f"Layout {layout!r} is provided by Wagtail itself (search, error pages); not "
                "imported as a page.",
                document.name,
            )
            return None
        if layout not in KNOWN_LAYOUTS and layout in self.parsed.source.layouts:
            self.note(
                "custom_layout",
                f"Layout {layout!r} is the site's own (_layouts/{layout}.html), which Wagtail "
                "does not have: imported as a simple page with its text; the layout's own HTML "
                "was not kept.",
                document.name,
                document.line_of("layout"),
            )
        elif layout not in KNOWN_LAYOUTS:
            self.note(
                "unknown_layout",
                f"Unknown layout {layout!r}; imported as a simple page.",
                document.name,
                document.line_of("layout"),
            )
        return data

    def document_page(self, document, kind, parent, default_title) -> PageDocument | None:
        data = self.front_matter(document)
        if data is None:
            return None
        layout = text(data.get("layout")) or None
        title = text(data.get("title")) or default_title
        permalink = normalise_permalink(text(data.get("permalink")))
        if not permalink and kind == "standard":
            pretty = text(self.parsed.config.get("permalink")) == "pretty"
            permalink = path_permalink(document.name, pretty)
        if len(permalink) > PERMALINK_LENGTH:
            self.note(
                "permalink_too_long",
                f"The permalink has {len(permalink)} characters; addresses are kept to "
                f"{PERMALINK_LENGTH}, so the page gets one from its title.",
                document.name,
                document.line_of("permalink"),
            )
            permalink = ""
        suffix = document.source.path.suffix
        variant = text(data.get("variant")) or ("tiptap" if suffix == ".html" else "markdown")
        slug_source = title if kind != "entry" else document.source.path.stem
        return self.add_page(
            document.name,
            "contact" if layout == "contact_us" else kind,
            title,
            slug_for(permalink, slug_source),
            parent,
            permalink=permalink,
            source=document,
            front_matter=data,
            description=text(data.get("description")),
            variant=variant,
        )

    # -- collections ---------------------------------------------------------------------------
    def collections(self):
        menu_titles = {
            text(link.get("collection")): text(link.get("title"))
            for link in as_list(self.parsed.navigation.get("links"))
            if isinstance(link, dict) and link.get("collection")
        }
        for collection in self.parsed.collections:
            section_key = f"_{collection.name}/"
            title = menu_titles.get(collection.name) or collection.name.replace("-", " ").title()
            slug = slugify(collection.name)[:SLUG_LENGTH] or "section"
            self.add_page(
                section_key, "section", title, slug, None, permalink=f"/{collection.name}/"
            )
            for document, group in collection_order(self.root, collection, self.notes):
                parent = self.group(collection.name, group) if group else section_key
                self.document_page(document, "standard", parent, document.source.path.stem)

    def group(self, collection: str, group: str) -> str:
        """The key of a third-level group page, added the first time the group is met."""
        key = f"_{collection}/{group}/"
        if not any(page.key == key for page in self.pages):
            slug = stable_slug(group, "group")
            permalink = f"/{collection}/{slugify(group) or slug}/"
            self.add_page(
                key, "group", repair_mojibake(group), slug, f"_{collection}/", permalink=permalink
            )
        return key

    # -- the resource room ---------------------------------------------------------------------
    def listing_page(self, key, kind, index, name, parent) -> PageDocument:
        """The resource room or one of its categories: titled by its index, else its folder."""
        title = name.strip("-").replace("-", " ").title() or name
        front = {}
        if index is not None and isinstance(index.data, dict):
            front = repair(index.data)
            title = text(front.get("title")) or title
        slug = slugify(name)[:SLUG_LENGTH] or kind
        return self.add_page(
            key, kind, title, slug, parent, permalink=f"/{key}", front_matter=front
        )

    def resource_room(self):
        name = text(self.parsed.config.get("resources_name"))
        room = self.parsed.rooms.get(name)
        if room is None:
            return
        room_key = f"{room.name}/"
        self.listing_page(room_key, "newsroom", room.index, room.name, None)
        for other in self.parsed.rooms.values():  # another listing of the same posts
            if other is not room and not any(c.posts for c in other.categories):
                self.moved.append((f"/{other.name}/", f"/{room_key}"))
        for category in room.categories:
            category_key = f"{room.name}/{category.slug}/"
            self.listing_page(category_key, "category", category.index, category.slug, room_key)
            for post in category.posts:
                self.post(post, category_key)
            for document in category.loose:
                if text(as_dict(document.data).get("layout")) in POST_LAYOUTS:
                    self.post(document, category_key, loose=True)
                else:
                    self.document_page(document, "standard", None, document.source.path.stem)

    def room_pages(self):
        """Documents loose in resource rooms, outside ``_posts/`` and the indexes: pages where
        Jekyll publishes them (the newsroom's categories took their posts already)."""
        newsroom = self.parsed.rooms.get(text(self.parsed.config.get("resources_name")))
        for room in self.parsed.rooms.values():
            loose = list(room.loose)
            if room is not newsroom:
                loose += [document for category in room.categories for document in category.loose]
            for document in loose:
                self.document_page(document, "standard", None, document.source.path.stem)

    def post(self, document: ParsedDocument, parent: str, loose: bool = False):
        """A newsroom entry; a ``loose`` one sits outside ``_posts/``, where Jekyll publishes
        it as a page at its permalink (or its path), not in the room's listings."""
        facts, notes = entry_facts(document)
        page = self.document_page(document, "entry", parent, facts.pop("default_title"))
        if page is None:
            return
        if loose:
            pretty = text(self.parsed.config.get("permalink")) == "pretty"
            page.permalink = page.permalink or path_permalink(document.name, pretty)
            notes.append(
                ReportItem(
                    "post_outside_posts_folder",
                    "A post outside the category's _posts folder (Jekyll publishes it at its "
                    f"address, {page.permalink}, but leaves it out of the listing): imported as "
                    "a newsroom entry at that address, which the newsroom lists; move it or "
                    "unpublish it if it should not be listed.",
                    document.name,
                )
            )
        self.notes += notes
        page.entry = facts
        if not page.slug or page.slug == "page":
            page.slug = slugify(facts.pop("slug_source"))[:SLUG_LENGTH] or "entry"
        facts.pop("slug_source", None)
        if not page.permalink:  # its old address: where Jekyll published it
            url = post_url(
                document.name, self.parsed.config, page.front_matter, facts["publication_date"]
            )
            page.permalink = url if len(url) <= PERMALINK_LENGTH else ""

    # -- structure -----------------------------------------------------------------------------
    def nest_by_permalink(self):
        """Put top-level pages under the page whose permalink is their parent path, if any."""
        by_permalink = {p.permalink: p for p in self.pages if p.permalink}
        for page in self.pages:
            if page.parent is not None or page.kind != "standard" or not page.permalink:
                continue
            parent = by_permalink.get(page.permalink.rstrip("/").rsplit("/", 1)[0] + "/")
            if (
                parent is not None
                and parent is not page
                and parent.kind in ("standard", "section", "group")
            ):
                page.parent = parent.key
                page.outside_collection = parent.kind in ("section", "group")
        order = {p.key: i for i, p in enumerate(self.pages)}
        keys = {p.key: p for p in self.pages}

        def depth(page):
            steps = 0
            while page.parent is not None and steps < 20:
                page, steps = keys[page.parent], steps + 1
            return steps

        self.pages.sort(key=lambda p: (depth(p), order[p.key]))

    def case_apart(self):
        """Addresses that differ only in letter case (``/Guides/`` and ``/guides/``: Jekyll
        keeps both) make siblings with one slug: the page whose address is written as its
        slug keeps it; each other one takes the next free ``-N`` slug, and its own address
        redirects to it (redirects match letter case)."""
        groups: dict[tuple, list[PageDocument]] = {}
        for page in self.pages:
            groups.setdefault((page.parent, page.slug), []).append(page)
        taken = {(page.parent, page.slug) for page in self.pages}
        for (parent, slug), pages in groups.items():
            exact = [p for p in pages if _last_segment(p.permalink) == slug]
            if len(pages) < 2 or not exact or exact[0] is pages[0]:
                continue
            for page in pages:  # every other one, in path order, takes a free slug
                if page is exact[0]:
                    continue
                number = 2
                while (parent, f"{slug}-{number}") in taken:
                    number += 1
                page.slug = f"{slug}-{number}"
                taken.add((parent, page.slug))


def _last_segment(permalink: str) -> str:
    segment = permalink.rstrip("/").rsplit("/", 1)[-1] if permalink else ""
    return re.sub(r"\.html?$", "", unquote(segment))


def is_site_file(name: str) -> bool:
    """Files the whole site depends on: a problem there refuses the import."""
    name = name.replace("\\", "/").lstrip("./")
    return name in ("_config.yml", "index.md") or name.startswith("_data/")


def skip_or_refuse(parsed: ParsedSite, notes: list, strict: bool) -> None:
    """Documents that could not be read: Jekyll builds the rest of the site without them, so
    they are skipped and reported; ``strict`` (and a single-document import) refuses instead."""
    patterns = exclude_patterns(parsed.config)
    problems = [p for p in parsed.problems if not excluded(str(p.file), patterns)]
    if not problems:
        return
    site_level = [p for p in problems if is_site_file(str(p.file))]
    if strict or parsed.source.scope == HOMEPAGE or site_level:
        raise IsomerImportError(site_level or problems)
    for problem in problems:
        notes.append(
            ReportItem(
                "skipped_document",
                f"{problem.message} This document was not imported; fix it and import again.",
                problem.file,
                problem.line,
            )
        )


def normalise_site(parsed: ParsedSite, strict: bool = False) -> SiteDocument:
    site = _Site(parsed)
    site.collections()
    for document in parsed.pages:
        site.document_page(document, "standard", None, document.source.path.stem)
    site.resource_room()
    site.room_pages()
    site.nest_by_permalink()
    site.case_apart()
    skip_or_refuse(parsed, site.notes, strict)
    homepage = (
        normalise_homepage(parsed.homepage, parsed.source.layouts) if parsed.homepage else None
    )
    return SiteDocument(
        root=parsed.source.root,
        scope=parsed.source.scope,
        homepage=homepage,
        pages=site.pages,
        config=parsed.config,
        navigation=parsed.navigation,
        footer=parsed.footer,
        media=parsed.source.media,
        notes=site.notes,
        moved=site.moved,
        liquid=parsed.liquid,
    )
