"""Step 1: read an Isomer site folder, or one homepage document, from disk.

Nothing is interpreted here: files are found by where they sit (collections ``_NAME/``, simple
pages, resource-room folders, data files, media) and documents are read as text. Paths that
resolve outside the site folder (symlinks) are never read, nor are dotfiles. A file that cannot
be read as an Isomer document becomes a ``Problem`` for that file.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IsomerImportError, Problem, refuse
from .report import HOMEPAGE, SITE

DOCUMENT_SUFFIXES = {".md", ".markdown", ".html"}
IGNORED_NAMES = {".keep", ".DS_Store", "Thumbs.db", ".gitkeep"}
NOT_COLLECTIONS = {"_data", "_site", "_includes", "_layouts", "_sass", "_posts", "_plugins"}
SITE_FOLDERS = {"images", "files", "pages", "misc"}
INDEX_NAMES = {"index.html", "index.md"}
NOT_PAGES = {"index.md", "index.html", "readme.md", "license.md", "404.html"}
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024  # the largest real Isomer document is about 25 KB
MAX_DATA_FILE_BYTES = 1024 * 1024
MAX_SITE_TEXT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class SourceFile:
    path: Path  # absolute, inside the site folder
    name: str  # how messages name it: site-relative, or as given for a single document
    text: str


@dataclass
class SourceCollection:
    name: str  # without the leading "_"
    folder: Path
    documents: list[SourceFile]
    order: SourceFile | None  # collection.yml


@dataclass
class SourceCategory:
    slug: str  # the folder name
    index: SourceFile | None
    posts: list[SourceFile]
    # Documents elsewhere in the category's folder (``2023/2023-12-05-title.md``): Jekyll
    # publishes them as pages at their permalinks.
    loose: list[SourceFile] = field(default_factory=list)


@dataclass
class SourceRoom:
    """A folder laid out as a resource room: categories with index files and ``_posts/``."""

    name: str
    index: SourceFile | None
    categories: list[SourceCategory]
    loose: list[SourceFile] = field(default_factory=list)  # other documents beside the index


@dataclass
class SiteSource:
    root: Path
    scope: str = SITE
    config: SourceFile | None = None
    navigation: SourceFile | None = None
    footer: SourceFile | None = None
    homepage: SourceFile | None = None
    collections: list[SourceCollection] = field(default_factory=list)
    pages: list[SourceFile] = field(default_factory=list)  # pages/**, misc/**, root documents
    rooms: dict[str, SourceRoom] = field(default_factory=dict)
    media: list[Path] = field(default_factory=list)  # images/** and files/**
    v1_homepage: Path | None = None  # _data/homepage.yml: the older format
    layouts: frozenset[str] = frozenset()  # the site's own layouts: _layouts/NAME.html
    problems: list[Problem] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # links that lead out of the site folder
    text_bytes: int = 0
    liquid_files: list[SourceFile] = field(default_factory=list)  # _data/**, _includes/**
    liquid_problems: list[Problem] = field(default_factory=list)  # only Liquid needs those files

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def decode_document(path: Path, name: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """The text of an Isomer document, or IsomerImportError saying why it is not one."""
    if not path.exists():
        refuse(name, "File not found; check the path.")
    if path.is_dir():
        refuse(name, "This is a folder; give the path of the homepage document (index.md).")
    try:
        size = path.stat().st_size
        if size > limit:
            refuse(name, f"The file is {size:,} bytes; an Isomer document is far smaller.")
        data = path.read_bytes()
    except OSError as exc:
        refuse(name, f"Cannot read the file ({exc.strerror}).")
    if b"\x00" in data[:8192]:
        refuse(name, "This is not a text document (it holds binary data); give index.md.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        refuse(name, "The file is not valid UTF-8; save it as UTF-8 and retry.", line)
    # NUL characters mean nothing in a text document (and PostgreSQL cannot store them).
    return text.replace("\r\n", "\n").replace("\x00", "")


class _Reader:
    def __init__(self, root: Path):
        self.source = SiteSource(root=root)

    def inside(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(self.source.root)
        except OSError:
            return False

    def files(self, folder: Path, suffixes=None) -> list[Path]:
        """Files under ``folder`` in name order: no dotfiles, nothing that leaves the site."""
        if not folder.is_dir() or not self.inside(folder):
            return []
        found = []
        for path in sorted(folder.rglob("*")):
            parts = path.relative_to(self.source.root).parts
            if path.name in IGNORED_NAMES or any(part.startswith(".") for part in parts):
                continue
            if not path.is_file():
                continue
            if not self.inside(path):
                self.source.refused.append(self.source.relative(path))
                continue
            if suffixes is None or path.suffix.lower() in suffixes:
                found.append(path)
        return found

    def text_file(self, path: Path, limit=MAX_DOCUMENT_BYTES) -> SourceFile | None:
        """``path`` read as text, or None with a problem recorded for that file."""
        name = self.source.relative(path)
        try:
            text = decode_document(path, name, limit)
        except IsomerImportError as error:
            self.source.problems.extend(error.problems)
            return None
        self.source.text_bytes += len(text)
        if self.source.text_bytes > MAX_SITE_TEXT_BYTES:
            refuse(self.source.root, f"The site holds over {MAX_SITE_TEXT_BYTES:,} bytes of text.")
        return SourceFile(path, name, text)

    def documents(self, paths) -> list[SourceFile]:
        return [doc for path in paths if (doc := self.text_file(path)) is not None]

    def optional(self, relative: str, limit=MAX_DATA_FILE_BYTES) -> SourceFile | None:
        path = self.source.root / relative
        return self.text_file(path, limit) if path.is_file() and self.inside(path) else None

    # -- the parts of a site -----------------------------------------------------------------
    def collection(self, folder: Path) -> SourceCollection | None:
        documents = self.documents(self.files(folder, DOCUMENT_SUFFIXES))
        if not documents:
            return None
        order = self.optional(f"{folder.name}/collection.yml")
        return SourceCollection(folder.name[1:], folder, documents, order)

    def room(self, folder: Path) -> SourceRoom | None:
        categories = []
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and self.inside(p)):
            if sub.name.startswith(("_", ".")):
                continue
            posts = self.documents(self.files(sub / "_posts", DOCUMENT_SUFFIXES))
            categories.append(SourceCategory(sub.name, self.index_file(sub), posts))
        index = self.index_file(folder)
        if index is None and not any(c.posts or c.index for c in categories):
            return None
        return SourceRoom(folder.name, index, categories)

    def room_pages(self, room: SourceRoom, folder: Path) -> None:
        """The documents of a resource room outside its indexes and ``_posts/`` folders."""
        room.loose = self.documents(
            path
            for path in self.files(folder, DOCUMENT_SUFFIXES)
            if path.parent == folder and path.name.lower() not in INDEX_NAMES
        )
        for category in room.categories:
            paths = self.published_documents(folder / category.slug, skip_index=True)
            category.loose = self.documents(paths)

    def published_documents(self, folder: Path, skip_index: bool = False) -> list[Path]:
        """Documents under ``folder`` that Jekyll renders where they are: nothing in a
        ``_folder`` (``_posts`` included), and with ``skip_index`` not the folder's own index."""
        root = self.source.root
        return [
            path
            for path in self.files(folder, DOCUMENT_SUFFIXES)
            if not any(part.startswith("_") for part in path.relative_to(root).parts)
            and not (skip_index and path.parent == folder and path.name.lower() in INDEX_NAMES)
        ]

    def media_and_pages(self, folder: Path) -> list[Path]:
        """The files of a media folder (``images/``, ``files/``); a document with front matter
        among them is a page (Jekyll renders it wherever it sits) and joins ``pages``."""
        media = []
        for path in self.files(folder):
            if path.suffix.lower() in DOCUMENT_SUFFIXES and has_front_matter(path):
                if (document := self.text_file(path)) is not None:
                    self.source.pages.append(document)
            else:
                media.append(path)
        return media

    def index_file(self, folder: Path) -> SourceFile | None:
        for name in ("index.html", "index.md"):
            if (folder / name).is_file() and self.inside(folder / name):
                return self.text_file(folder / name)
        return None

    def root_documents(self) -> list[SourceFile]:
        root = self.source.root
        paths = sorted(root.glob("*.md")) + sorted(root.glob("*.html"))
        return self.documents(
            p for p in paths if p.name.lower() not in NOT_PAGES and self.inside(p)
        )


def has_front_matter(path: Path) -> bool:
    """Whether the file starts with a front matter fence (``---`` and a line end), as Jekyll
    decides whether to render a file or copy it."""
    try:
        with path.open("rb") as stream:
            start = stream.read(8).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return False
    return start.startswith(b"---") and start[3:].lstrip(b" \t")[:1] in (b"\n", b"\r")


RESOURCES_LAYOUT = re.compile(r"^layout:\s*['\"]?resources", re.M)


def is_resource_room(room: SourceRoom) -> bool:
    """A resource room has posts in its categories, or an index with a resources layout."""
    if any(category.posts for category in room.categories):
        return True
    return room.index is not None and bool(RESOURCES_LAYOUT.search(room.index.text[:2000]))


LIQUID_DATA_SUFFIXES = {".yml", ".yaml", ".json", ".csv", ".tsv"}


def read_liquid_files(reader: _Reader) -> None:
    """What page bodies' Liquid reads: ``_data`` files and ``_includes`` snippets. One that
    cannot be read is kept aside (it does not refuse the site: only Liquid uses it)."""
    source, known = reader.source, len(reader.source.problems)
    paths = reader.files(source.root / "_data", LIQUID_DATA_SUFFIXES)
    paths += reader.files(source.root / "_includes")
    source.liquid_files += [f for p in paths if (f := reader.text_file(p, MAX_DATA_FILE_BYTES))]
    source.liquid_problems += source.problems[known:]
    del source.problems[known:]


def read_site(folder: str | Path) -> SiteSource:
    root = Path(folder).resolve()
    if not root.is_dir():
        refuse(folder, "Not a folder; give the Isomer site's folder.")
    if not (root / "_config.yml").is_file() and not (root / "index.md").is_file():
        refuse(
            folder, "This folder is not an Isomer site: it has neither _config.yml nor index.md."
        )
    for name in ("index.md", "_config.yml"):
        if (root / name).exists() and not (root / name).is_file():
            refuse(root / name, f"{name} is a folder; the site's {name} must be a file.")
    reader = _Reader(root)
    source = reader.source
    source.config = reader.optional("_config.yml")
    source.navigation = reader.optional("_data/navigation.yml")
    source.footer = reader.optional("_data/footer.yml")
    source.homepage = reader.optional("index.md", MAX_DOCUMENT_BYTES)
    if (root / "_data" / "homepage.yml").is_file():
        source.v1_homepage = root / "_data" / "homepage.yml"
    source.layouts = frozenset(p.stem for p in reader.files(root / "_layouts", {".html"}))
    for path in sorted(p for p in root.iterdir() if p.is_dir() and reader.inside(p)):
        if path.name.startswith("_") and path.name not in NOT_COLLECTIONS:
            if collection := reader.collection(path):
                source.collections.append(collection)
        elif not path.name.startswith((".", "_")) and path.name not in SITE_FOLDERS:
            room = reader.room(path)
            if room is not None and is_resource_room(room):
                reader.room_pages(room, path)
                source.rooms[room.name] = room
            else:  # any other folder: Jekyll publishes its documents at their permalinks
                source.pages += reader.documents(reader.published_documents(path))
    for folder in ("pages", "misc"):
        source.pages += reader.documents(reader.files(root / folder, DOCUMENT_SUFFIXES))
    source.pages += reader.root_documents()
    source.media = reader.media_and_pages(root / "images") + reader.media_and_pages(root / "files")
    read_liquid_files(reader)
    return source


def read_document_site(document: str | Path, site_root: str | Path | None = None) -> SiteSource:
    """The one-page case: a homepage document, with media paths relative to ``site_root``."""
    document = Path(document)
    text = decode_document(document, str(document))
    root = Path(site_root) if site_root else document.parent
    if not root.is_dir():
        refuse(root, "The site root is not a folder; check --site-root.")
    source = SiteSource(root=root.resolve(), scope=HOMEPAGE)
    source.homepage = SourceFile(document, str(document), text)
    return source
