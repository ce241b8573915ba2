"""Jekyll's own rules: which files a site publishes (``exclude`` in ``_config.yml``), and
where it publishes posts (the ``permalink`` style)."""

import datetime
import re
from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from urllib.parse import unquote

from .text import as_list, text

# What Jekyll leaves out of every build when the site does not say otherwise.
DEFAULT_EXCLUDE = (
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
)  # fmt: skip


def exclude_patterns(config: dict) -> list[str]:
    """The site's ``exclude`` list (Jekyll's defaults when it has none), as path patterns."""
    listed = [text(entry) for entry in as_list(config.get("exclude"))]
    patterns = [entry for entry in listed if entry] or list(DEFAULT_EXCLUDE)
    return [pattern.strip("/") for pattern in patterns if pattern.strip("/")]


def excluded(name: str, patterns: list[str]) -> str | None:
    """The ``exclude`` pattern that keeps the site-relative file ``name`` out of the build, if
    any: the file itself, a folder it is in, or a glob (Jekyll's ``fnmatch``)."""
    name = name.replace("\\", "/").lstrip("./")
    for pattern in patterns:
        if name == pattern or name.startswith(pattern + "/") or fnmatchcase(name, pattern):
            return pattern
    return None


# Jekyll's built-in permalink styles for posts; any other value is a template of its own.
POST_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_NOT_IN_PRETTY_SLUG = re.compile(r"[^\w\u0300-\u036f._~!$&'()+,;=@]+")
WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)  # not a permalink: another site
_PLACEHOLDER = re.compile(r":(categories|year|month|day|y_day|title|slug|output_ext)")


def pretty_slug(name: str) -> str:
    """Jekyll's ``slugify(mode: "pretty", cased: true)``: runs of other characters become one
    hyphen, one hyphen trimmed from each end."""
    slug = _NOT_IN_PRETTY_SLUG.sub("-", name)
    return re.sub(r"^-|-$", "", slug)


def post_url(name: str, config: dict, front_matter: dict, date: datetime.date) -> str:
    """Where Jekyll publishes the post ``name`` (``news/press/_posts/2024-01-02-x.md``): the
    site's ``permalink`` style filled in, categories from the folders above ``_posts`` and the
    front matter, lower-cased as Jekyll does."""
    path = PurePosixPath(name)
    folders = list(path.parts[: path.parts.index("_posts")]) if "_posts" in path.parts else []
    declared = front_matter.get("categories") or front_matter.get("category") or []
    if isinstance(declared, str):
        declared = declared.split()
    categories = []
    for category in [*folders, *map(str, as_list(declared))]:
        if category.lower() not in categories:
            categories.append(category.lower())
    match = re.match(r"^\d{4}-\d{2}-\d{2}-(.+)$", path.stem)
    title = pretty_slug(text(front_matter.get("slug")) or (match.group(1) if match else path.stem))
    style = text(config.get("permalink")) or "date"
    values = {
        "categories": "/".join(categories),
        "year": f"{date.year:04d}",
        "month": f"{date.month:02d}",
        "day": f"{date.day:02d}",
        "y_day": f"{date.timetuple().tm_yday:03d}",
        "title": title,
        "slug": title,
        "output_ext": ".html",
    }
    url = _PLACEHOLDER.sub(lambda m: values[m.group(1)], POST_STYLES.get(style, style))
    return "/" + re.sub(r"/{2,}", "/", url).lstrip("/")


def normalise_permalink(permalink: str) -> str:
    permalink = unquote((permalink or "").strip())
    if not permalink or permalink in ("none", "/") or WEB_ADDRESS.match(permalink):
        return permalink if permalink == "/" else ""
    if not permalink.startswith("/"):
        permalink = "/" + permalink
    if not permalink.endswith("/") and "." not in permalink.rsplit("/", 1)[-1]:
        permalink += "/"
    return permalink


def path_permalink(name: str, pretty: bool = False) -> str:
    """Where Jekyll publishes a page that has no permalink: at its path, ``.md`` as ``.html``
    (``/archive/2019.html``; ``/archive/2019/`` with ``permalink: pretty``), a folder's
    ``index`` at the folder (``/archive/``), a collection's document under the collection's
    name (``_about/team.md`` at ``/about/team.html``)."""
    parts = PurePosixPath(name).with_suffix("").parts
    if not parts:
        return ""
    if parts[0].startswith("_"):
        parts = (parts[0][1:], *parts[1:])
    if parts[-1] == "index":
        return normalise_permalink("/" + "/".join(parts[:-1]) + "/")
    return "/" + "/".join(parts) + ("/" if pretty else ".html")
