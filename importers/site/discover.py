"""Step 1 for a whole site: find what an Isomer site folder holds (no parsing of bodies yet).

Everything found is a path inside the site folder; paths that resolve outside it (symlinks) are
refused. The older v1 format and folders that are not Isomer sites are refused with a message.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..problems import IsomerImportError, Problem

DOCUMENT_SUFFIXES = {".md", ".markdown", ".html"}
IMAGE_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".svg",
    ".ico",
    ".bmp",
    ".tif",
    ".tiff",
}
IGNORED_NAMES = {".keep", ".DS_Store", "Thumbs.db", ".gitkeep"}


@dataclass
class CollectionItem:
    path: Path  # the page's file
    group: str | None  # third-level group (sub-folder name), if any


@dataclass
class SiteCollection:
    name: str
    folder: Path
    items: list[CollectionItem]
    unordered: list[Path] = field(default_factory=list)  # files collection.yml does not list


@dataclass
class ResourceCategory:
    slug: str
    folder: Path
    index: Path | None
    posts: list[Path]


@dataclass
class ResourceRoom:
    name: str
    folder: Path
    index: Path | None
    categories: list[ResourceCategory]


@dataclass
class SiteInventory:
    root: Path
    config: dict
    navigation: dict
    footer: dict
    homepage: Path | None
    collections: list[SiteCollection]
    pages: list[Path]
    resource_room: ResourceRoom | None
    images: list[Path]
    files: list[Path]
    other_data: list[Path]
    misc: list[Path]

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _inside(root: Path, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except OSError:
        return False


def _load_yaml(root: Path, path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise IsomerImportError(
            [
                Problem(
                    str(path),
                    f"Invalid YAML: {getattr(exc, 'problem', exc)}; fix the file and retry.",
                    mark.line + 1 if mark else None,
                    mark.column + 1 if mark else None,
                )
            ]
        ) from exc
    except UnicodeDecodeError as exc:
        raise IsomerImportError([Problem(str(path), "Not valid UTF-8 text.")]) from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IsomerImportError(
            [Problem(str(path), "Expected a mapping of settings at the top level.")]
        )
    return data


def _files(root: Path, folder: Path, suffixes=None) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name in IGNORED_NAMES or not _inside(root, path):
            continue
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if suffixes is None or path.suffix.lower() in suffixes:
            found.append(path)
    return found


_PREFIX = re.compile(r"^(\d+)([a-z]?)[-_ ]")


def _prefix_key(path: Path):
    """Older sites order collection pages by file-name prefixes: 0-, 1a-, 1b-, 2-."""
    match = _PREFIX.match(path.name)
    if match:
        return (0, int(match.group(1)), match.group(2), path.name.lower())
    return (1, 0, "", path.name.lower())


def _collection(root: Path, folder: Path) -> SiteCollection:
    name = folder.name[1:]
    documents = [p for p in _files(root, folder, DOCUMENT_SUFFIXES)]
    config = _load_yaml(root, folder / "collection.yml")
    order = (((config.get("collections") or {}).get(name) or {}).get("order")) or []
    items: list[CollectionItem] = []
    listed: set[Path] = set()
    if order:
        for entry in order:
            entry = str(entry)
            if entry.endswith(".keep"):
                continue  # marks where a group starts; its pages follow
            path = folder / entry
            if path in listed or not path.is_file() or not _inside(root, path):
                continue
            relative = path.relative_to(folder)
            group = relative.parts[0] if len(relative.parts) > 1 else None
            items.append(CollectionItem(path, group))
            listed.add(path)
        unordered = [p for p in documents if p not in listed]
    else:
        unordered = []
        # No collection.yml: top-level files and groups interleaved by their prefixes.
        top = sorted(
            [p for p in documents if p.parent == folder]
            + sorted(
                {folder / p.relative_to(folder).parts[0] for p in documents if p.parent != folder}
            ),
            key=_prefix_key,
        )
        for entry in top:
            if entry.is_dir():
                for page in sorted(
                    [p for p in documents if folder / p.relative_to(folder).parts[0] == entry],
                    key=_prefix_key,
                ):
                    items.append(CollectionItem(page, entry.name))
            else:
                items.append(CollectionItem(entry, None))
    for path in unordered:
        relative = path.relative_to(folder)
        items.append(CollectionItem(path, relative.parts[0] if len(relative.parts) > 1 else None))
    return SiteCollection(name, folder, items, unordered)


def _resource_room(root: Path, name: str) -> ResourceRoom | None:
    folder = root / name
    if not name or not folder.is_dir() or not _inside(root, folder):
        return None
    categories = []
    for sub in sorted(
        p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    ):
        posts = _files(root, sub / "_posts", DOCUMENT_SUFFIXES)
        index = next((sub / n for n in ("index.html", "index.md") if (sub / n).is_file()), None)
        categories.append(ResourceCategory(sub.name, sub, index, posts))
    index = next((folder / n for n in ("index.html", "index.md") if (folder / n).is_file()), None)
    return ResourceRoom(name, folder, index, categories)


def discover_site(folder: str | Path) -> SiteInventory:
    root = Path(folder).resolve()
    if not root.is_dir():
        raise IsomerImportError(
            [Problem(str(folder), "Not a folder; give the Isomer site's folder.")]
        )
    config_path = root / "_config.yml"
    index = root / "index.md"
    if not config_path.is_file() and not index.is_file():
        raise IsomerImportError(
            [
                Problem(
                    str(folder),
                    "This folder is not an Isomer site: it has neither _config.yml nor index.md.",
                )
            ]
        )
    config = _load_yaml(root, config_path)
    if (root / "_data" / "homepage.yml").is_file():
        raise IsomerImportError(
            [
                Problem(
                    str(root / "_data" / "homepage.yml"),
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
                    str(config_path),
                    f"remote_theme is {theme!r}: the older Isomer v1 format, which this importer "
                    "does not read. Migrate the site to isomerpages-template@next-gen first.",
                )
            ]
        )

    collections = [
        _collection(root, p)
        for p in sorted(root.iterdir())
        if p.is_dir()
        and p.name.startswith("_")
        and p.name not in ("_data", "_site", "_includes", "_layouts", "_sass", "_posts")
        and _inside(root, p)
        and _files(root, p, DOCUMENT_SUFFIXES)
    ]
    data_dir = root / "_data"
    known_data = {data_dir / "navigation.yml", data_dir / "footer.yml"}
    resources_name = str(config.get("resources_name") or "")
    return SiteInventory(
        root=root,
        config=config,
        navigation=_load_yaml(root, data_dir / "navigation.yml"),
        footer=_load_yaml(root, data_dir / "footer.yml"),
        homepage=index if index.is_file() else None,
        collections=collections,
        pages=_files(root, root / "pages", DOCUMENT_SUFFIXES),
        resource_room=_resource_room(root, resources_name),
        images=_files(root, root / "images"),
        files=_files(root, root / "files"),
        other_data=[p for p in _files(root, data_dir) if p not in known_data],
        misc=_files(root, root / "misc", DOCUMENT_SUFFIXES),
    )
