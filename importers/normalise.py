"""Step 3: check the parsed front matter against Isomer's homepage format and normalise it.

Output is plain data (no Django): the page fields and one ``Section`` per rendered section, in
document order, with every string mojibake-repaired and every scalar turned into text. Input the
theme cannot render is refused with a ``Problem`` per mistake; odd but valid input is kept and
noted as a ``ReportItem``.
"""

import datetime
import re
from dataclasses import dataclass, field

from .parse import ParsedDocument
from .problems import IsomerImportError, Problem, ReportItem

TEXT = "text"
ITEMS = "items"
MAPPING = "mapping"

# Item schemas of list fields.
KEY_HIGHLIGHT = {"title": TEXT, "description": TEXT, "url": TEXT}
DROPDOWN_OPTION = {"title": TEXT, "url": TEXT}
ANNOUNCEMENT = {
    "title": TEXT,
    "date": TEXT,
    "announcement": TEXT,
    "link_text": TEXT,
    "link_url": TEXT,
}
TEXT_CARD = {"title": TEXT, "description": TEXT, "linktext": TEXT, "url": TEXT}
INFO_BOX = {"title": TEXT, "description": TEXT}
CAROUSEL_SLIDE = {"title": TEXT, "subtitle": TEXT, "description": TEXT, "image": TEXT, "alt": TEXT}
LISTING_ENTRY = {"image": TEXT, "url": TEXT}

# field -> TEXT | (ITEMS, item schema) | (MAPPING, schema)
SECTION_FIELDS = {
    "hero": {
        "title": TEXT,
        "subtitle": TEXT,
        "background": TEXT,
        "button": TEXT,
        "url": TEXT,
        "dropdown": (MAPPING, {"title": TEXT, "options": (ITEMS, DROPDOWN_OPTION)}),
        "key_highlights": (ITEMS, KEY_HIGHLIGHT),
        "variant": TEXT,
        "alignment": TEXT,
        "backgroundColor": TEXT,
        "size": TEXT,
    },
    "infobar": {"subtitle": TEXT, "title": TEXT, "description": TEXT, "button": TEXT, "url": TEXT},
    "infopic": {
        "subtitle": TEXT,
        "title": TEXT,
        "description": TEXT,
        "button": TEXT,
        "url": TEXT,
        "image": TEXT,
        "alt": TEXT,
    },
    "resources": {"title": TEXT, "subtitle": TEXT, "button": TEXT},
    "announcements": {
        "title": TEXT,
        "subtitle": TEXT,
        "announcement_items": (ITEMS, ANNOUNCEMENT),
    },
    "textcards": {
        "title": TEXT,
        "subtitle": TEXT,
        "description": TEXT,
        "cards": (ITEMS, TEXT_CARD),
    },
    "infocols": {
        "title": TEXT,
        "subtitle": TEXT,
        "url": TEXT,
        "linktext": TEXT,
        "infoboxes": (ITEMS, INFO_BOX),
    },
    # carousel is a list of slides, not a mapping
    "carousel": (ITEMS, CAROUSEL_SLIDE),
    "listing": {"title": TEXT, "entries": (ITEMS, LISTING_ENTRY)},
}
SECTION_TYPES = tuple(SECTION_FIELDS)
SINGLE_USE = ("resources", "carousel", "announcements")
HERO_VARIANTS = ("center", "image", "side", "floating")
HERO_BOX_SETTINGS = {
    "alignment": ("left", "right"),
    "backgroundColor": ("white", "black", "gray"),
    "size": ("sm", "md"),
}
# Keys the Isomer web editor writes that the theme ignores.
EDITOR_ARTEFACTS = {"id"}
COUNT_LIMITS = {
    ("hero", "key_highlights"): 4,
    ("announcements", "announcement_items"): 5,
    ("textcards", "cards"): 4,
    ("infocols", "infoboxes"): 4,
}
# What the Isomer editor writes into a new section: placeholder content, not real content.
PLACEHOLDERS = {
    ("infobar", "title"): "Infobar",
    ("infobar", "subtitle"): "Add informational text",
    ("infobar", "description"): "Infobar description",
    ("infobar", "button"): "Button Text",
    ("infopic", "title"): "Infopic",
    ("infopic", "subtitle"): "Add an image and text",
    ("infopic", "alt"): "Image alt text",
    ("key_highlights", "title"): "Key Highlight Title",
    ("key_highlights", "description"): "Key Highlight description",
    ("cards", "title"): "Card",
    ("cards", "description"): "Card description",
    ("cards", "linktext"): "Learn more",
    ("infoboxes", "title"): "Infobox",
    ("infoboxes", "description"): "Infobox description",
    ("announcement_items", "title"): "New Announcement",
    ("announcement_items", "announcement"): "Announcement content",
}

_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 (``ACTRISâ€™s`` -> ``ACTRIS’s``).

    Each run of non-ASCII characters is re-encoded as Windows-1252 (Latin-1 for the five bytes
    it leaves undefined) and decoded as UTF-8; runs that do not decode are genuine text and stay.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text

    def fix(match: re.Match) -> str:
        run = match.group(0)
        raw = bytearray()
        for char in run:
            try:
                raw += char.encode("cp1252")
            except UnicodeEncodeError:
                if ord(char) > 0xFF:
                    return run
                raw.append(ord(char))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return run

    return _NON_ASCII_RUN.sub(fix, text)


@dataclass
class Section:
    type: str
    index: int  # position in the document's `sections` list
    line: int | None
    fields: object  # dict for most sections, list of slides for carousel

    @property
    def label(self) -> str:
        return f"sections[{self.index}].{self.type}"


@dataclass
class HomepageDocument:
    file: str
    title: str
    description: str
    image: str
    notification: str
    sections: list[Section]
    notes: list[ReportItem] = field(default_factory=list)


class _Checker:
    def __init__(self, parsed: ParsedDocument):
        self.parsed = parsed
        self.file = parsed.name
        self.problems: list[Problem] = []
        self.notes: list[ReportItem] = []

    def problem(self, message, *path, column=None):
        self.problems.append(Problem(self.file, message, self.parsed.line_of(*path), column))

    def note(self, code, message, *path, section=None):
        self.notes.append(ReportItem(code, message, self.file, self.parsed.line_of(*path), section))

    @staticmethod
    def describe(path) -> str:
        text = ""
        for part in path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text

    def text(self, value, path) -> str | None:
        if value is None:
            return ""
        if isinstance(value, str):
            return repair_mojibake(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        kind = "a list" if isinstance(value, list) else "a mapping"
        self.problem(
            f"{self.describe(path)} should be text, not {kind}; check its indentation.", *path
        )
        return None

    def mapping(self, value, schema, path, section_type) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(
                f"{self.describe(path)} should be a mapping of fields "
                f"({', '.join(schema)}), not {type(value).__name__}.",
                *path,
            )
            return {}
        result = {}
        for key, raw in value.items():
            key = str(key)
            if key in EDITOR_ARTEFACTS:
                continue
            if key not in schema:
                self.note(
                    "unknown_field",
                    f"{self.describe((*path, key))} is not an Isomer field; the theme ignores "
                    "it, so it was not imported.",
                    *path,
                    key,
                    section=section_type,
                )
                continue
            result[key] = self.value(raw, schema[key], (*path, key), section_type)
        return result

    def items(self, value, schema, path, section_type) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                f"{self.describe(path)} should be a list (items starting with '-'), "
                f"not {type(value).__name__}.",
                *path,
            )
            return []
        return [
            self.mapping(item, schema, (*path, index), section_type)
            for index, item in enumerate(value)
        ]

    def value(self, raw, kind, path, section_type):
        if kind == TEXT:
            return self.text(raw, path)
        container, schema = kind
        if container == ITEMS:
            return self.items(raw, schema, path, section_type)
        return self.mapping(raw, schema, path, section_type)


def normalise_homepage(parsed: ParsedDocument) -> HomepageDocument:
    check = _Checker(parsed)
    data = parsed.data
    if not isinstance(data, dict):
        raise IsomerImportError(
            [
                Problem(
                    check.file,
                    "The front matter should be a mapping of fields (title, sections, ...).",
                    2,
                )
            ]
        )

    layout = data.get("layout")
    if layout == "landing-page":
        raise IsomerImportError(
            [
                Problem(
                    check.file,
                    "This is the older Isomer v1 format (layout: landing-page, homepage in "
                    "_data/homepage.yml), which this importer does not read. Migrate the site "
                    "to the next-gen template first.",
                    parsed.line_of("layout"),
                )
            ]
        )
    if layout not in (None, "homepage"):
        raise IsomerImportError(
            [
                Problem(
                    check.file,
                    f"This is not an Isomer homepage (layout: {layout}); give the site's "
                    "index.md, whose layout is 'homepage'.",
                    parsed.line_of("layout"),
                )
            ]
        )
    if layout is None:
        check.note("no_layout", "No 'layout: homepage'; read as a homepage anyway.")

    title = check.text(data.get("title"), ("title",)) or ""
    if not title:
        check.note("no_title", "The homepage has no title; 'Home' was used.", "title")
    description = check.text(data.get("description"), ("description",)) or ""
    image = check.text(data.get("image"), ("image",)) or ""
    notification = check.text(data.get("notification"), ("notification",)) or ""

    raw_sections = data.get("sections")
    sections: list[Section] = []
    if raw_sections is None:
        check.note("no_sections", "The homepage has no sections.")
        raw_sections = []
    elif not isinstance(raw_sections, list):
        check.problem(
            "'sections' should be a list of sections (each line starting with '- hero:', "
            "'- infopic:', ...).",
            "sections",
        )
        raw_sections = []

    for index, item in enumerate(raw_sections):
        path = ("sections", index)
        if not isinstance(item, dict) or not item:
            shown = "empty" if isinstance(item, dict) else f"{type(item).__name__} {item!r}"[:60]
            check.problem(
                f"sections[{index}] should be one section such as '- hero:' followed by its "
                f"fields, not {shown}.",
                *path,
            )
            continue
        known = [str(key) for key in item if str(key) in SECTION_FIELDS]
        unknown = [str(key) for key in item if str(key) not in SECTION_FIELDS]
        for key in unknown:
            check.problem(
                f"sections[{index}] has an unknown section type '{key}'; Isomer homepages use "
                f"{', '.join(SECTION_TYPES)}.",
                *path,
                key,
            )
        if len(item) > 1 and not unknown:
            check.note(
                "two_sections_in_one_item",
                f"sections[{index}] holds {len(item)} sections ({', '.join(known)}), probably an "
                "indentation slip; the theme renders each, so each was imported in turn.",
                *path,
            )
        for key in known:
            spec = SECTION_FIELDS[key]
            value = item[key]
            if isinstance(spec, tuple):
                fields = check.value(value, spec, (*path, key), key)
            else:
                fields = check.mapping(value, spec, (*path, key), key)
            sections.append(Section(key, index, parsed.line_of(*path, key), fields))

    if check.problems:
        raise IsomerImportError(check.problems)

    _note_structure(check, sections)
    for section in sections:
        _note_section(check, section)
    return HomepageDocument(
        file=check.file,
        title=title or "Home",
        description=description,
        image=image,
        notification=notification,
        sections=sections,
        notes=check.notes,
    )


def _note_structure(check: _Checker, sections: list[Section]) -> None:
    types = [section.type for section in sections]
    if sections and types[0] != "hero":
        check.note(
            "hero_not_first",
            "The first section is not a hero; Isomer shows 'Hero must be the first section!' "
            "there. Imported as written; move the hero to the top in the admin.",
            "sections",
            0,
        )
    heroes = [s for s in sections if s.type == "hero"]
    for extra in heroes[1:]:
        check.note(
            "extra_hero",
            f"{extra.label} is a second hero; imported as written.",
            "sections",
            extra.index,
            section="hero",
        )
    for name in SINGLE_USE:
        for extra in [s for s in sections if s.type == name][1:]:
            check.note(
                "extra_section",
                f"{extra.label} is a second '{name}' section; Isomer expects one. Imported as "
                "written.",
                "sections",
                extra.index,
                section=name,
            )


def _note_section(check: _Checker, section: Section) -> None:
    fields = section.fields
    path = ("sections", section.index, section.type)
    if section.type == "hero" and isinstance(fields, dict):
        variant = fields.get("variant") or "center"
        if variant not in HERO_VARIANTS:
            check.note(
                "unknown_hero_variant",
                f"Hero variant '{variant}' is unknown; the theme shows it as 'center'.",
                *path,
                "variant",
                section="hero",
            )
        for key, allowed in HERO_BOX_SETTINGS.items():
            value = fields.get(key)
            if value and value not in allowed:
                check.note(
                    "unknown_hero_setting",
                    f"Hero {key} '{value}' is not one of {', '.join(allowed)}; the default is used.",
                    *path,
                    key,
                    section="hero",
                )
        if fields.get("dropdown") and fields.get("button"):
            check.note(
                "button_and_dropdown",
                "The hero has both a button and a dropdown; the dropdown is shown, as in Isomer.",
                *path,
                section="hero",
            )
        if bool(fields.get("button")) != bool(fields.get("url")) and not fields.get("dropdown"):
            check.note(
                "incomplete_button",
                "The hero button needs both a label and a URL; it stays hidden until both are set.",
                *path,
                section="hero",
            )
    for (owner, list_field), limit in COUNT_LIMITS.items():
        if owner == section.type and isinstance(fields, dict):
            count = len(fields.get(list_field) or [])
            if count > limit:
                check.note(
                    "over_count_limit",
                    f"{section.label}.{list_field} has {count} items; the Isomer editor allows "
                    f"{limit} and the site shows the first {limit}. All were imported.",
                    *path,
                    list_field,
                    section=section.type,
                )
    for (owner, key), placeholder in PLACEHOLDERS.items():
        for where, value in _values_of(section, owner, key):
            if value.strip() == placeholder:
                check.note(
                    "placeholder",
                    f"{where} is the Isomer editor's placeholder text '{placeholder}'; replace "
                    "it or remove the section.",
                    *path,
                    section=section.type,
                )


def _values_of(section: Section, owner: str, key: str):
    fields = section.fields
    if not isinstance(fields, dict):
        return
    if owner == section.type and isinstance(fields.get(key), str):
        yield f"{section.label}.{key}", fields[key]
    items = fields.get(owner)
    if isinstance(items, list):
        for position, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get(key), str):
                yield f"{section.label}.{owner}[{position}].{key}", item[key]
