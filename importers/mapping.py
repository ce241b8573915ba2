"""Step 4: map normalised Isomer sections to Wagtail stream data (plain JSON-like data).

Block ids are derived from the section's position and field path (uuid5), so importing the
same document twice yields identical stream data. Images are left as ``ImageRef`` markers that
the writer replaces with Wagtail image ids.
"""

import uuid
from dataclasses import dataclass, field

from blocks.links import link_url_problem

from .media import title_from_filename
from .normalise import HERO_BOX_SETTINGS, HERO_VARIANTS, HomepageDocument, Section
from .problems import ReportItem
from .richtext import RichText, rich_text_from_source
from .sanitise import html_to_text

# Where each Isomer field's text lands: (section, label suffix) -> path in the block definitions.
_RICH_FIELDS = {
    "infobar": ("description",),
    "infopic": ("description",),
    "announcements": ("items", "text"),
    "textcards": ("description",),
    "infocols": ("boxes", "description"),
    "carousel": ("slides", "description"),
}


def homepage_field_features(section_type: str) -> list[str]:
    """The rich-text features of a homepage block field, read from the block definitions."""
    from blocks.homepage import HomePageStreamBlock

    block = HomePageStreamBlock().child_blocks[section_type]
    for name in _RICH_FIELDS[section_type]:
        block = block.child_blocks[name]
        block = getattr(block, "child_block", block)
    return list(block.features)


def rich_text_notes(result: RichText) -> list[tuple[str, str]]:
    """Report items for what turning HTML into rich text removed, changed or lost."""
    notes = []
    if result.removed:
        notes.append(
            ("sanitised_html", f"HTML simplified for safety; removed {', '.join(result.removed)}.")
        )
    if result.changes:
        notes.append(("simplified_html", f"{'; '.join(result.changes)}."))
    if result.lost:
        notes.append(
            (
                "rich_text_loss",
                f"could not be kept in the editor's format: {', '.join(result.lost)}; check "
                "the page against the source.",
            )
        )
    return notes


ID_NAMESPACE = uuid.UUID("6f0e4a56-3c1d-4b8e-9a57-0c2f1e7d5a11")


def block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


@dataclass(frozen=True)
class ImageRef:
    """An image the document references by path; resolved to a Wagtail image when writing."""

    path: str
    alt: str
    where: str
    line: int | None = None


@dataclass
class MappedHomepage:
    file: str
    title: str
    search_description: str
    notification: str
    share_image: ImageRef | None
    body: list[dict]
    section_counts: dict[str, int]
    # (label, line) of the section behind each body item, for messages.
    section_sources: list[tuple[str, int | None]] = field(default_factory=list)
    notes: list[ReportItem] = field(default_factory=list)


class _Mapper:
    def __init__(self, document: HomepageDocument):
        self.document = document
        self.notes: list[ReportItem] = list(document.notes)

    def note(self, code, message, section: Section | None = None):
        self.notes.append(
            ReportItem(
                code,
                message,
                self.document.file,
                section.line if section else None,
                section.type if section else None,
            )
        )

    # -- field helpers -------------------------------------------------------------------
    def link(self, url: str, where: str, section: Section) -> dict:
        url = (url or "").strip()
        if not url:
            return {"page": None, "url": ""}
        problem = link_url_problem(url)
        if problem:
            self.note("refused_link", f"{where}: link {url!r} refused. {problem}", section)
            return {"page": None, "url": ""}
        return {"page": None, "url": url}

    def button(self, label, url, where: str, section: Section, hidden=False) -> tuple[str, dict]:
        """A button's label and link: both, or neither (Isomer shows only complete buttons).

        A button that cannot be shown (no usable link, no label, or ``hidden`` behind a
        dropdown) is not imported, and reported with its label and address so nothing is lost.
        """
        label = self.plain(label or "", f"{where}.button", section)
        link = self.link(url or "", f"{where}.url", section)
        reason = None
        if hidden and (label or link["url"]):
            reason = "the dropdown replaces the button in Isomer"
        elif label and not link["url"]:
            reason = "it has no usable link, so Isomer hides it"
        elif link["url"] and not label:
            reason = "it has no label, so Isomer hides it"
        if reason is None:
            return label, link
        self.note(
            "button_dropped",
            f"{where}: the button {label!r} (link {(url or '').strip()!r}) was not imported: "
            f"{reason}. Add it in the admin if it is needed.",
            section,
        )
        return "", {"page": None, "url": ""}

    def rich(self, text: str, where: str, section: Section) -> str:
        """The section's rich-text field (each section type has one), in the editor's format."""
        result = rich_text_from_source(text, homepage_field_features(section.type))
        for code, message in rich_text_notes(result):
            self.note(code, f"{where}: {message}", section)
        return result.html

    def plain(self, text: str, where: str, section: Section) -> str:
        value, removed = html_to_text(text or "")
        if removed:
            self.note(
                "html_in_plain_text",
                f"{where}: this field is plain text; the HTML tags {', '.join(removed)} were "
                "removed and the text kept.",
                section,
            )
        return value

    def image(self, path: str, alt: str, where: str, section: Section) -> dict | None:
        path = (path or "").strip()
        if not path:
            return None
        if not alt:
            self.note(
                "missing_alt",
                f"{where}: the image has no alt text (Isomer hides such images); its file name "
                "was used. Describe the image in the admin.",
                section,
            )
        ref = ImageRef(path, alt, where, section.line)
        return {"image": ref, "alt_text": alt or title_from_filename(path), "decorative": False}

    @staticmethod
    def items(prefix, values) -> list[dict]:
        return [
            {"type": "item", "value": value, "id": block_id(prefix, position)}
            for position, value in enumerate(values)
        ]

    # -- sections --------------------------------------------------------------------------
    def hero(self, section: Section, key: str) -> dict:
        f = section.fields
        where = section.label
        variant = f.get("variant") or "center"
        if variant not in HERO_VARIANTS:
            variant = "center"
        has_box = variant in ("side", "floating")
        settings = {}
        for name, allowed in HERO_BOX_SETTINGS.items():
            value = f.get(name) or ""
            settings[name] = value if has_box and value in allowed else allowed[0]
        if settings["size"] == "sm" and not (has_box and f.get("size") == "sm"):
            settings["size"] = "md"  # Isomer's default size
        dropdown = f.get("dropdown") or {}
        options = []
        for position, option in enumerate(dropdown.get("options") or []):
            if not option.get("title") or not option.get("url"):
                self.note(
                    "incomplete_dropdown_option",
                    f"{where}.dropdown.options[{position}] lacks a title or URL; Isomer skips it, "
                    "so it was not imported.",
                    section,
                )
                continue
            link = self.link(option["url"], f"{where}.dropdown.options[{position}]", section)
            if link["url"]:
                title = self.plain(option["title"], f"{where}.dropdown.options", section)
                options.append({"title": title, "link": link})
        highlights = [
            {
                "title": self.plain(kh.get("title", ""), f"{where}.key_highlights", section),
                "description": self.plain(
                    kh.get("description", ""), f"{where}.key_highlights", section
                ),
                "link": self.link(kh.get("url", ""), f"{where}.key_highlights[{i}]", section),
            }
            for i, kh in enumerate(f.get("key_highlights") or [])
        ]
        background = None
        if f.get("background"):
            background = ImageRef(f["background"], "", f"{where}.background", section.line)
        button, link = self.button(f.get("button"), f.get("url"), where, section, bool(options))
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "background": background,
            "button": button,
            "link": link,
            "dropdown_title": self.plain(dropdown.get("title", ""), f"{where}.dropdown", section),
            "dropdown_options": self.items(f"{key}/dropdown_options", options),
            "key_highlights": self.items(f"{key}/key_highlights", highlights),
            "variant": variant,
            "alignment": settings["alignment"],
            "background_colour": settings["backgroundColor"],
            "size": settings["size"],
        }

    def infobar(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        return {
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "description": self.rich(f.get("description", ""), f"{where}.description", section),
            **dict(
                zip(
                    ("button", "link"),
                    self.button(f.get("button"), f.get("url"), where, section),
                    strict=True,
                )
            ),
        }

    def infopic(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        return {
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "description": self.rich(f.get("description", ""), f"{where}.description", section),
            **dict(
                zip(
                    ("button", "link"),
                    self.button(f.get("button"), f.get("url"), where, section),
                    strict=True,
                )
            ),
            "image": self.image(f.get("image", ""), f.get("alt", ""), f"{where}.image", section),
        }

    def resources(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "more_label": self.plain(f.get("button", ""), f"{where}.button", section),
        }

    def announcements(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        items = [
            {
                "title": self.plain(a.get("title", ""), f"{where}.announcement_items", section),
                "date": self.plain(a.get("date", ""), f"{where}.announcement_items", section),
                "text": self.rich(
                    a.get("announcement", ""), f"{where}.announcement_items[{i}]", section
                ),
                **dict(
                    zip(
                        ("link_text", "link"),
                        self.button(
                            a.get("link_text"),
                            a.get("link_url"),
                            f"{where}.announcement_items[{i}]",
                            section,
                        ),
                        strict=True,
                    )
                ),
            }
            for i, a in enumerate(f.get("announcement_items") or [])
        ]
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "items": self.items(f"{key}/items", items),
        }

    def textcards(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        cards = [
            {
                "title": self.plain(c.get("title", ""), f"{where}.cards[{i}].title", section),
                "description": self.plain(
                    c.get("description", ""), f"{where}.cards[{i}].description", section
                ),
                "link_text": self.plain(c.get("linktext", ""), f"{where}.cards[{i}]", section),
                "link": self.link(c.get("url", ""), f"{where}.cards[{i}].url", section),
            }
            for i, c in enumerate(f.get("cards") or [])
        ]
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            "description": self.rich(f.get("description", ""), f"{where}.description", section),
            "cards": self.items(f"{key}/cards", cards),
        }

    def infocols(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        boxes = [
            {
                "title": self.plain(b.get("title", ""), f"{where}.infoboxes[{i}]", section),
                "description": self.rich(
                    b.get("description", ""), f"{where}.infoboxes[{i}]", section
                ),
            }
            for i, b in enumerate(f.get("infoboxes") or [])
        ]
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "subtitle": self.plain(f.get("subtitle", ""), f"{where}.subtitle", section),
            **dict(
                zip(
                    ("link_text", "link"),
                    self.button(f.get("linktext"), f.get("url"), where, section),
                    strict=True,
                )
            ),
            "boxes": self.items(f"{key}/boxes", boxes),
        }

    def carousel(self, section: Section, key: str) -> dict:
        where = section.label
        slides = []
        for i, s in enumerate(section.fields or []):
            alt = s.get("alt") or s.get("title") or ""  # the theme falls back to the title
            slides.append(
                {
                    "title": self.plain(s.get("title", ""), f"{where}[{i}].title", section),
                    "subtitle": self.plain(s.get("subtitle", ""), f"{where}[{i}]", section),
                    "description": self.rich(s.get("description", ""), f"{where}[{i}]", section),
                    "image": self.image(s.get("image", ""), alt, f"{where}[{i}].image", section),
                }
            )
        return {"slides": self.items(f"{key}/slides", slides)}

    def listing(self, section: Section, key: str) -> dict:
        f, where = section.fields, section.label
        entries = [
            {
                "image": self.image(e.get("image", ""), "", f"{where}.entries[{i}]", section),
                "link": self.link(e.get("url", ""), f"{where}.entries[{i}].url", section),
            }
            for i, e in enumerate(f.get("entries") or [])
        ]
        return {
            "title": self.plain(f.get("title", ""), f"{where}.title", section),
            "entries": self.items(f"{key}/entries", entries),
        }


def map_section(mapper: _Mapper, section: Section, position: int) -> dict:
    key = f"sections/{position}/{section.type}"
    value = getattr(mapper, section.type)(section, key)
    return {"type": section.type, "value": value, "id": block_id(key)}


def map_homepage(document: HomepageDocument) -> MappedHomepage:
    mapper = _Mapper(document)
    body = [
        map_section(mapper, section, position) for position, section in enumerate(document.sections)
    ]
    counts: dict[str, int] = {}
    for section in document.sections:
        counts[section.type] = counts.get(section.type, 0) + 1
    from home.models import HomePage

    features = HomePage._meta.get_field("notification").features
    result = rich_text_from_source(document.notification, features)
    for code, message in rich_text_notes(result):
        mapper.notes.append(ReportItem(code, f"notification: {message}", document.file))
    notification = result.html
    share_image = ImageRef(document.image, "", "image") if document.image else None
    return MappedHomepage(
        file=document.file,
        title=document.title,
        search_description=document.description,
        notification=notification,
        share_image=share_image,
        body=body,
        section_counts=counts,
        section_sources=[(section.label, section.line) for section in document.sections],
        notes=mapper.notes,
    )
