"""Isomer's contact page (``layout: contact_us``) -> ContactPage fields."""

import html as html_lib
import re

from blocks.contact import CONTACT_TEXT_FEATURES, HOURS_MAX_LENGTH, PHONE_MAX_LENGTH
from blocks.editor_rules import LINE_MAX_LENGTH
from blocks.links import WEB_SCHEMES, link_url_problem

from ..normalise.text import as_list, text
from ..report import ReportItem
from ..richtext import RichTextParts, rich_text_from_source
from .homepage import rich_text_notes
from .refs import block_id, items

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactMapper:
    def __init__(self, file: str):
        self.file = file
        self.notes: list[ReportItem] = []

    def note(self, code, message):
        self.notes.append(ReportItem(code, message, self.file))

    def fit(self, value: str, limit: int, field: str) -> str:
        """``value`` shortened to what the field holds (reported), never a refused import."""
        if len(value) <= limit:
            return value
        self.note(
            "text_shortened",
            f"{field} has {len(value)} characters; {limit} are kept. It began: {value[:80]!r}.",
        )
        return value[: limit - 1].rstrip() + "\u2026"

    def checked_url(self, url: str, field: str, web: bool = False) -> str:
        """``url`` if the link policy accepts it; else "" and a report item."""
        options = {"schemes": WEB_SCHEMES, "site_paths": False} if web else {}
        if url and (problem := link_url_problem(url, **options)):
            self.note("refused_link", f"{field}: link {url!r} refused. {problem}")
            return ""
        return url

    def rich(self, value: str):
        result = rich_text_from_source(value, CONTACT_TEXT_FEATURES)
        for code, message in rich_text_notes(result):
            self.note(code, f"contacts: {message}")
        return RichTextParts((result.html,)) if "<a " in result.html else result.html

    def location(self, location: dict, position: int) -> dict:
        address = location.get("address")
        if isinstance(address, list):
            lines = [text(line) for line in address if text(line)]
        else:
            lines = [text(part) for part in re.split(r"<br\s*/?>|\n", text(address)) if text(part)]
        hours = [
            {
                "days": self.fit(text(h.get("days")) or "-", HOURS_MAX_LENGTH, "Opening days"),
                "time": self.fit(text(h.get("time")), HOURS_MAX_LENGTH, "Opening time"),
                "description": self.fit(
                    text(h.get("description")), LINE_MAX_LENGTH, "Opening hours note"
                ),
            }
            for h in as_list(location.get("operating_hours"))
            if isinstance(h, dict)
        ]
        return {
            "title": self.fit(text(location.get("title")), LINE_MAX_LENGTH, "Location title"),
            "address": "\n".join(lines),
            "opening_hours": items(f"{self.file}/locations/{position}/hours", hours),
            "maps_link": self.checked_url(text(location.get("maps_link")), "maps_link", web=True),
        }

    def detail(self, kind: str, value: str) -> tuple[str, object] | None:
        if kind == "email" and not EMAIL.match(value):
            self.note(
                "invalid_email", f"Contact email {value!r} is not an email address; kept as text."
            )
            kind, escaped = "other", html_lib.escape(value)
            value = escaped if link_url_problem(value) else f'<a href="{escaped}">{escaped}</a>'
        if kind == "other":
            value = self.rich(value)
        elif kind == "phone" and len(value) > PHONE_MAX_LENGTH:  # kept whole, as text
            self.note(
                "text_shortened",
                f"Phone number {value[:80]!r}... is too long for a phone field; kept as text.",
            )
            kind, value = "other", self.rich(html_lib.escape(value))
        return (kind, value) if value else None

    def contact(self, contact: dict, position: int) -> dict:
        details = []
        for item in as_list(contact.get("content")):
            for kind in ("phone", "email", "other") if isinstance(item, dict) else ():
                value = text(item.get(kind))
                if value and (detail := self.detail(kind, value)):
                    details.append(detail)
        return {
            "title": self.fit(text(contact.get("title")), LINE_MAX_LENGTH, "Contact title"),
            "details": [
                {"type": kind, "value": value, "id": block_id(self.file, "contacts", position, n)}
                for n, (kind, value) in enumerate(details)
            ],
        }


def contact_fields(data: dict, file: str) -> tuple[dict, list[ReportItem]]:
    """Agency name, feedback link, locations and contacts of a contact page."""
    mapper = ContactMapper(file)
    locations = [loc for loc in as_list(data.get("locations")) if isinstance(loc, dict)]
    contacts = [c for c in as_list(data.get("contacts")) if isinstance(c, dict)]
    fields = {
        "agency_name": mapper.fit(text(data.get("agency_name")), 255, "Agency name"),
        "feedback": mapper.checked_url(text(data.get("feedback")), "feedback"),
        "locations": [
            {
                "type": "location",
                "value": mapper.location(loc, n),
                "id": block_id(file, "locations", n),
            }
            for n, loc in enumerate(locations)
        ],
        "contacts": [
            {"type": "contact", "value": mapper.contact(c, n), "id": block_id(file, "contacts", n)}
            for n, c in enumerate(contacts)
        ],
    }
    return fields, mapper.notes
