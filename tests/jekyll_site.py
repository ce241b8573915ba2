"""What Jekyll would publish from an Isomer site folder, found by walking the folder itself
(not through the importer's reading): every file with front matter that Jekyll renders, and
the address it publishes it at. The tests then ask the imported site for each address."""

import datetime
import re
from pathlib import Path

import yaml
from django.utils.encoding import iri_to_uri

from importers.normalise.jekyll import exclude_patterns, excluded, path_permalink, post_url

RENDERED = {".md", ".markdown", ".html"}
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.S)
WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)
_POST_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")


def front_matter(path: Path) -> dict | None:
    """The file's front matter, {} when empty, None when it has none (Jekyll copies it)."""
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def collections(root: Path, config: dict) -> set[str]:
    """Collection folders Jekyll outputs: declared in _config.yml or (Isomer) by a
    collection.yml of their own."""
    declared = config.get("collections") or {}
    names = {f"_{name}" for name in declared} if isinstance(declared, dict) else set()
    return names | {p.parent.name for p in root.glob("_*/collection.yml")}


def published(root: Path) -> list[tuple[str, str, str]]:
    """(site-relative file, the address Jekyll publishes it at, its layout), for every file
    Jekyll renders."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    patterns = exclude_patterns(config)
    outputs = collections(root, config)
    pretty = config.get("permalink") == "pretty"
    found = []
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        parts = name.split("/")
        if path.suffix.lower() not in RENDERED or not path.is_file() or excluded(name, patterns):
            continue
        if any(part.startswith(".") for part in parts):
            continue
        is_post = "_posts" in parts[:-1]
        hidden = [p for p in parts[:-1] if p.startswith("_") and p != "_posts"]
        if hidden and not (len(hidden) == 1 and parts[0] in outputs and not is_post):
            continue
        data = front_matter(path)
        if data is None:
            continue
        url = str(data.get("permalink") or "").strip()
        if WEB_ADDRESS.match(url):
            continue  # a whole address on another site: the theme's card links there
        if not url and is_post:
            url = post_url(name, config, data, _post_date(path, data))
        url = url or ("/" if name == "index.md" else path_permalink(name, pretty))
        found.append((name, url, str(data.get("layout") or "")))
    return found


def _post_date(path: Path, data: dict) -> datetime.date:
    value = data.get("date")
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _POST_DATE.match(path.name)
    return datetime.date(*map(int, match.groups())) if match else datetime.date.today()


def final_response(client, url: str):
    """The response at the end of ``url``'s redirects on this site; None when they lead to
    another site (a link entry sends visitors on to its address, as its card did)."""
    # The test client would take ";..." for URL parameters; a server passes it on in the path.
    response = client.get(iri_to_uri(url).replace(";", "%3B"))
    for _hop in range(5):
        if response.status_code not in (301, 302):
            break
        target = response["Location"]
        if target.startswith("http") and not target.startswith("http://testserver"):
            return None
        response = client.get(target)
    return response


def answers(client, url: str, layout: str) -> bool:
    """Whether the imported site answers ``url`` as Jekyll's site did: 200 after redirects, or
    sent on to another site; Isomer's not-found page (``skeleton``) is Wagtail's own (404)."""
    response = final_response(client, url)
    if response is None:
        return True
    return response.status_code == (404 if layout == "skeleton" else 200)
