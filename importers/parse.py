"""Step 2: YAML front matter and data files -> plain data, with the source line of every value."""

import re
from dataclasses import dataclass, field
from html import unescape

from .errors import IsomerImportError, Problem, refuse
from .liquid import LiquidSite, load_liquid_site
from .read import SiteSource, SourceFile
from .report import ReportItem
from .yamlsafe import LoadedYaml, load_yaml

FENCE = "---"


@dataclass(frozen=True)
class ParsedDocument:
    source: SourceFile
    data: object
    yaml: LoadedYaml = field(default_factory=lambda: LoadedYaml(None))
    body: str = ""  # what follows the front matter
    body_line: int = 1

    @property
    def name(self) -> str:
        return self.source.name

    def line_of(self, *path) -> int | None:
        return self.yaml.line_of(*path)


_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_REFRESH = re.compile(r"""http-equiv\s*=\s*["']?refresh""", re.IGNORECASE)
_REFRESH_URL = re.compile(r"""content\s*=\s*["']\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)""", re.I)


def meta_refresh_target(html: str) -> str:
    """Where a ``<meta http-equiv="refresh" content="0; url=...">`` sends visitors, or ""."""
    for tag in _META.findall(html):
        if _REFRESH.search(tag) and (match := _REFRESH_URL.search(tag)):
            return unescape(match.group(1)).strip()
    return ""


def split_front_matter(source: SourceFile) -> tuple[str, int, str, int]:
    """The YAML text, the file line it starts on, the body and the body's first line."""
    lines = source.text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        refuse(
            source.name,
            "No front matter: an Isomer document starts with a line '---', then YAML, "
            "then a closing '---'.",
            1,
        )
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1 : number - 1]), 2, "\n".join(lines[number:]), number + 1
    refuse(source.name, "The front matter is never closed; add a line '---' after it.")


def parse_document(source: SourceFile) -> ParsedDocument:
    text, first_line, body, body_line = split_front_matter(source)
    loaded = load_yaml(text, source.name, first_line, what="the front matter")
    return ParsedDocument(source, loaded.data, loaded, body, body_line)


def parse_data_file(source: SourceFile | None) -> dict:
    """A YAML data file as a mapping ({} when the file is absent or empty)."""
    if source is None:
        return {}
    data = load_yaml(source.text, source.name).data
    if data is None:
        return {}
    if not isinstance(data, dict):
        refuse(source.name, "Expected a mapping of settings at the top level.")
    return data


@dataclass
class ParsedCollection:
    name: str
    documents: list[ParsedDocument]
    order: dict  # collection.yml


@dataclass
class ParsedCategory:
    slug: str
    index: ParsedDocument | None
    posts: list[ParsedDocument]
    loose: list[ParsedDocument] = field(default_factory=list)  # outside _posts/ and the index


@dataclass
class ParsedRoom:
    name: str
    index: ParsedDocument | None
    categories: list[ParsedCategory]
    loose: list[ParsedDocument] = field(default_factory=list)


@dataclass
class ParsedSite:
    source: SiteSource
    config: dict = field(default_factory=dict)
    navigation: dict = field(default_factory=dict)
    footer: dict = field(default_factory=dict)
    homepage: ParsedDocument | None = None
    collections: list[ParsedCollection] = field(default_factory=list)
    pages: list[ParsedDocument] = field(default_factory=list)
    rooms: dict[str, ParsedRoom] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[ReportItem] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (file, where it sends visitors)
    liquid: LiquidSite = field(default_factory=LiquidSite)  # what page bodies' Liquid reads


def check_format(source: SiteSource, config: dict) -> None:
    """Refuse the older Isomer v1 format, whose files this importer does not read."""
    if source.v1_homepage is not None:
        raise IsomerImportError(
            [
                Problem(
                    str(source.v1_homepage),
                    "This site uses the older Isomer v1 format (homepage in _data/homepage.yml, "
                    "index.md with layout: landing-page), which this importer does not read. "
                    "Migrate it to the next-gen template first.",
                )
            ]
        )
    theme = str(config.get("remote_theme") or "")
    if theme and "isomerpages-template" in theme and "next-gen" not in theme:
        raise IsomerImportError(
            [
                Problem(
                    str(source.root / "_config.yml"),
                    f"remote_theme is {theme!r}: the older Isomer v1 format, which this importer "
                    "does not read. Migrate the site to isomerpages-template@next-gen first.",
                )
            ]
        )


class _Parser:
    def __init__(self, source: SiteSource):
        self.site = ParsedSite(source, problems=list(source.problems))
        for name in source.refused:
            self.site.notes.append(
                ReportItem(
                    "refused_path",
                    "A link (symlink) to a file outside the site folder; not imported.",
                    name,
                )
            )

    def document(self, source: SourceFile | None) -> ParsedDocument | None:
        """A page's document, or None with its problem recorded (the import is refused later)."""
        if source is None:
            return None
        if self.static_html(source):
            return None
        try:
            return parse_document(source)
        except IsomerImportError as error:
            self.site.problems.extend(error.problems)
            return None

    def documents(self, sources) -> list[ParsedDocument]:
        return [doc for source in sources if (doc := self.document(source)) is not None]

    def static_html(self, source: SourceFile) -> bool:
        """An HTML file without front matter, which Jekyll copies as it is: a page that only
        sends visitors elsewhere (``<meta http-equiv="refresh">``) becomes a redirect; any other
        is reported, not imported (HTML as written is not served from this site)."""
        if source.text.startswith(FENCE) or source.path.suffix.lower() not in (".html", ".htm"):
            return False
        target = meta_refresh_target(source.text[:20_000])
        if target:
            self.site.moved.append((source.name, target))
        else:
            self.site.notes.append(
                ReportItem(
                    "not_a_page",
                    "HTML without front matter, which Jekyll copies as it is; not imported: "
                    "add front matter to make it a page.",
                    source.name,
                )
            )
        return True

    def loose_documents(self, sources) -> list[ParsedDocument]:
        return [doc for source in sources if (doc := self.loose_document(source)) is not None]

    def loose_document(self, source: SourceFile) -> ParsedDocument | None:
        """A file at the site's root or loose in a resource room: Jekyll renders it only when
        it has front matter."""
        if self.static_html(source):
            return None
        if not source.text.startswith(FENCE):
            self.site.notes.append(
                ReportItem(
                    "not_a_page", "No front matter: not a Jekyll page; not imported.", source.name
                )
            )
            return None
        return self.document(source)


def parse_site(source: SiteSource) -> ParsedSite:
    """Everything in the site parsed; the homepage and data files must parse or the import stops,
    other documents that do not parse are collected in ``problems``."""
    parser = _Parser(source)
    site = parser.site
    site.config = parse_data_file(source.config)
    check_format(source, site.config)
    site.navigation = parse_data_file(source.navigation)
    site.footer = parse_data_file(source.footer)
    site.liquid, liquid_notes = load_liquid_site(
        site.config, source.liquid_files, source.liquid_problems
    )
    site.notes += liquid_notes
    site.homepage = parse_document(source.homepage) if source.homepage else None
    for collection in source.collections:
        site.collections.append(
            ParsedCollection(
                collection.name,
                parser.documents(collection.documents),
                parse_data_file(collection.order),
            )
        )
    for page in source.pages:
        loose = page.path.parent == source.root
        document = parser.loose_document(page) if loose else parser.document(page)
        if document is not None:
            site.pages.append(document)
    for name, room in source.rooms.items():
        categories = [
            ParsedCategory(
                c.slug,
                parser.document(c.index),
                parser.documents(c.posts),
                parser.loose_documents(c.loose),
            )
            for c in room.categories
        ]
        index = parser.document(room.index)
        loose = parser.loose_documents(room.loose)
        site.rooms[name] = ParsedRoom(name, index, categories, loose)
    return site
