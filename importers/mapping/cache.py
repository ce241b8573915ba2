"""The map step's output kept between runs, so a re-run does not convert every page again.

Mapping a page is a pure function of its document, the site's shared Liquid inputs (config,
``_data``, ``_includes``) and the code that does it. ``page_key`` hashes all three; a page whose
key is the one stored with its last import (``ImportedPage.mapped_key``) takes the stored plan
instead of being mapped. Anything in doubt is mapped again: a value the codec cannot carry
exactly (checked by decoding it before it is offered for storing) is simply not kept.

Plain functions, no database: the pipeline hands ``map_site`` what the database remembers and
the write step stores what ``map_site`` made.
"""

import dataclasses
import datetime
import hashlib
import json
import re
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from ..liquid import LiquidSite
from ..normalise.site import PageDocument
from ..report import ReportItem
from ..richtext import RichTextImage, RichTextParts
from .pages import PagePlan
from .refs import DocumentRef, ImageRef, LinkRef

# The code a page's plan depends on: this project's Python and the libraries that convert text.
PROJECT = Path(__file__).resolve().parents[2]
LIBRARIES = (
    "Django",
    "wagtail",
    "markdown",
    "beautifulsoup4",
    "nh3",
    "PyYAML",
    "draftjs_exporter",
    "python-liquid",
)
# Liquid whose output is not a function of the files: the date of the run, or a render cut
# short by its time limit (which depends on the machine's load). Such pages are mapped every run.
VOLATILE_LIQUID = re.compile(r"""["'](?:now|today)["']""")
CUT_SHORT = "too long"
TAG = "__cached__"  # marks a value JSON has no type for
# The write step's markers (``refs``, rich text awaiting its pictures and links), by name.
MARKERS = {
    cls.__name__: cls for cls in (ImageRef, LinkRef, DocumentRef, RichTextImage, RichTextParts)
}


@cache
def code_key() -> str:
    """A hash of every Python file of the project (tests and migrations aside) and of the
    versions of the libraries mapping uses: any change to either maps every page again."""
    digest = hashlib.sha256()
    folders = [
        folder
        for folder in sorted(PROJECT.iterdir())
        if folder.is_dir() and (folder / "__init__.py").exists() and folder.name != "tests"
    ]  # the project's packages (not the virtualenv, tests, benchmarks or node_modules)
    for path in sorted(path for folder in folders for path in folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        digest.update(str(path.relative_to(PROJECT)).encode())
        digest.update(path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}=={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent".encode())
    digest.update(sys.version.encode())  # the standard library parses HTML and Markdown too
    return digest.hexdigest()


class Uncacheable(TypeError):
    """A value ``canonical`` has no exact text for."""


def _tagged(value):
    if isinstance(value, datetime.datetime):
        return {TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, datetime.date):
        return {TAG: "date", "v": value.isoformat()}
    if isinstance(value, tuple):
        return {TAG: "tuple", "v": [_plain(item) for item in value]}
    if type(value) in MARKERS.values():
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return {TAG: type(value).__name__, "v": _plain(fields)}
    if isinstance(value, set | frozenset):  # order-free: for keys only
        return sorted((_plain(item) for item in value), key=lambda item: json.dumps(item))
    if isinstance(value, Path):
        return str(value)
    raise Uncacheable(type(value).__name__)


def _plain(value):
    if isinstance(value, dict):
        if TAG in value or not all(isinstance(key, str) for key in value):
            raise Uncacheable("a mapping JSON cannot carry")
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | bool | int | float):
        return value
    return _tagged(value)


def _restore(value):
    if isinstance(value, list):
        return [_restore(item) for item in value]
    if not isinstance(value, dict):
        return value
    if TAG not in value:
        return {key: _restore(item) for key, item in value.items()}
    kind, inner = value[TAG], value["v"]
    if kind == "datetime":
        return datetime.datetime.fromisoformat(inner)
    if kind == "date":
        return datetime.date.fromisoformat(inner)
    if kind == "tuple":
        return tuple(_restore(item) for item in inner)
    return MARKERS[kind](**_restore(inner))


def _digest(*values) -> str:
    text = json.dumps([_plain(value) for value in values], sort_keys=True, allow_nan=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def shared_key(liquid: LiquidSite | None) -> str:
    """A hash of what every page's Liquid can read (config, data, includes)."""
    if liquid is None:
        return "no liquid"
    if any(VOLATILE_LIQUID.search(text) for text in liquid.includes.values()):
        return ""  # an include shows the date of the run: every page is mapped every run
    try:
        return _digest(liquid.config, liquid.data, liquid.includes)
    except (Uncacheable, ValueError, TypeError, RecursionError):
        return ""  # not hashable exactly: nothing is taken from the cache for this site


def page_key(page: PageDocument, shared: str) -> str:
    """A hash of everything mapping ``page`` reads; "" when it cannot be computed exactly."""
    if not shared:
        return ""
    document = {f.name: getattr(page, f.name) for f in dataclasses.fields(page)}
    source = document.pop("source")
    if source is not None:  # its text holds the body, the front matter and their lines
        if VOLATILE_LIQUID.search(source.source.text):
            return ""
        document["source"] = [source.name, source.source.text, source.body, source.body_line]
    try:
        return _digest(code_key(), shared, document)
    except (Uncacheable, ValueError, TypeError, RecursionError):
        return ""


def encode(plan: PagePlan, notes: list[ReportItem]) -> str:
    """``plan`` and its notes as text that ``decode`` turns back into equal values; "" when
    some value would not come back exactly (that page is mapped again next time)."""
    if any(CUT_SHORT in note.message for note in notes):
        return ""  # Liquid stopped by its time limit: another run may render it whole
    value = {
        "plan": {f.name: getattr(plan, f.name) for f in dataclasses.fields(plan)},
        "notes": [dataclasses.asdict(note) for note in notes],
    }
    try:
        text = json.dumps(_plain(value), allow_nan=False)
    except (Uncacheable, ValueError, TypeError, RecursionError):
        return ""
    if decode(text) != (plan, notes):
        return ""
    return text


def decode(text: str) -> tuple[PagePlan, list[ReportItem]]:
    value = _restore(json.loads(text))
    return PagePlan(**value["plan"]), [ReportItem(**note) for note in value["notes"]]
