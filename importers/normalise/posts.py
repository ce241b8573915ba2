"""Resource-room posts: what kind of entry each is, and its date, as the Isomer theme decides."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from blocks.links import link_url_problem

from ..parse import ParsedDocument
from ..report import ReportItem
from .jekyll import WEB_ADDRESS
from .text import repair, text

POST_LAYOUTS = {"post", "file", "link"}  # the theme's layouts of resource-room entries
POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(?:(post|file|link)-)?(.+)$")
URL_VALIDATOR = URLValidator(schemes=["http", "https"])


def _as_date(value) -> datetime.date | None:
    """A date from YAML's date, a datetime, or text starting with YYYY-MM-DD; else None."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(text(value)[:10])
    except ValueError:
        return None


def _date(data: dict, match, document: ParsedDocument, notes: list) -> datetime.date:
    """The front matter's date (it wins), else the file name's, else today (reported)."""
    value = data.get("date")
    date = _as_date(value) if value else None
    if value and date is None:
        notes.append(
            ReportItem(
                "bad_date",
                f"Date {value!r} is not a date; the file name's date was used.",
                document.name,
                document.line_of("date"),
            )
        )
    if date is None and match:
        date = _as_date("-".join(match.group(1, 2, 3)))
    if date is None:
        notes.append(
            ReportItem(
                "no_date",
                "No usable date in the front matter or file name; today's date was used.",
                document.name,
            )
        )
        date = datetime.date.today()
    return date


def _external(value: str, file: str, notes: list) -> tuple[str, str]:
    """(the address, ""), or ("", the refused text) when it is not a usable web address."""
    if not value:
        return "", ""
    fixed = value.replace(" ", "%20")
    try:
        URL_VALIDATOR(fixed)
        if link_url_problem(fixed):
            raise ValueError(link_url_problem(fixed))
    except (ValidationError, ValueError):
        notes.append(
            ReportItem(
                "invalid_external_link",
                f"external {value!r} is not a valid web address; imported as an article that "
                "shows the address.",
                file,
            )
        )
        return "", value
    return fixed, ""


def entry_facts(document: ParsedDocument) -> tuple[dict, list[ReportItem]]:
    """The entry's kind (link, file or article, by ``external`` / ``file_url`` as the theme
    decides), publication date and addresses; disagreements with its declared type reported."""
    notes: list[ReportItem] = []
    file = document.name
    data = repair(document.data) if isinstance(document.data, dict) else {}
    match = POST_NAME.match(document.source.path.stem)
    external, refused = _external(text(data.get("external")), file, notes)
    file_url = text(data.get("file_url"))
    elsewhere = next(
        (v for v in (file_url, text(data.get("permalink"))) if WEB_ADDRESS.match(v)), ""
    )
    if not external and not refused and elsewhere:
        # The theme links a card straight to its file_url (or a permalink that is a whole
        # address): on another site, that is a link entry.
        external, refused = _external(elsewhere, file, notes)
        file_url = "" if file_url == elsewhere else file_url
    links_elsewhere = bool(external) and not text(data.get("external"))
    kind = "link" if external else "file" if file_url else "article"
    declared = text(data.get("layout")) or (match.group(4) if match and match.group(4) else "")
    if declared in ("post", "file", "link") and {"post": "article"}.get(declared, declared) != kind:
        has = next(
            label
            for label, present in (
                ("an address on another site", links_elsewhere),
                ("external", external),
                ("file_url", file_url),
                ("neither external nor file_url", True),
            )
            if present
        )
        notes.append(
            ReportItem(
                "post_type_mismatch",
                f"The post says it is a {declared!r} but has {has}; imported as a {kind} entry, "
                "as the theme shows it.",
                file,
            )
        )
    facts = {
        "kind": kind,
        "publication_date": _date(data, match, document, notes),
        "external_url": external,
        "refused_external": refused,
        "file_url": file_url,
        "image": text(data.get("image")),
        "default_title": match.group(5) if match else document.source.path.stem,
        "slug_source": match.group(5) if match else document.source.path.stem,
    }
    return facts, notes
