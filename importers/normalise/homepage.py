"""Step 3 for the homepage: check the front matter against Isomer's format, driven by the table.

Output is plain data (no Django): the page fields and one ``Section`` per rendered section, in
document order, with every string mojibake-repaired and every scalar turned into text. Input the
theme cannot render is refused with a ``Problem`` per mistake; odd but valid input is kept and
noted as a ``ReportItem``.
"""

import datetime
from dataclasses import dataclass, field

from ..errors import IsomerImportError, Problem, refuse
from ..parse import ParsedDocument
from ..report import ReportItem
from ..sections import CHOICE, GROUP, ITEMS, SECTION_TYPES, SECTIONS, count_limit, section_block
from .frames import Frame, extract_frames
from .text import as_dict, capped_title, repair_mojibake

TEXT, MAPPING = "text", "mapping"
# Keys the Isomer web editor writes that the theme ignores.
EDITOR_ARTEFACTS = {"id"}
SINGLE_USE = ("resources", "carousel", "announcements")
V1_MESSAGE = (
    "This is the older Isomer v1 format (layout: landing-page, homepage in _data/homepage.yml), "
    "which this importer does not read. Migrate the site to the next-gen template first."
)


@dataclass
class Section:
    type: str
    index: int  # position in the document's `sections` list
    line: int | None
    fields: object  # dict for most sections, list of slides for carousel
    # Allowed <iframe>s cut out of its texts: embed sections after it (normalise/frames.py).
    frames: list[Frame] = field(default_factory=list)

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


def schema_of(fields) -> dict:
    """Isomer key -> TEXT | (ITEMS, schema) | (MAPPING, schema), from the section table."""
    schema = {}
    for row in fields:
        if row.kind == ITEMS:
            schema[row.isomer[0]] = (ITEMS, schema_of(row.items))
        elif row.kind == GROUP:
            schema[row.isomer[0]] = (MAPPING, schema_of(row.items))
        else:
            schema.update(dict.fromkeys(row.isomer, TEXT))
    return schema


SCHEMAS = {
    name: (ITEMS, schema_of(spec.fields)) if spec.is_list else schema_of(spec.fields)
    for name, spec in SECTIONS.items()
}


def describe(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class _Checker:
    def __init__(self, parsed: ParsedDocument):
        self.parsed = parsed
        self.file = parsed.name
        self.problems: list[Problem] = []
        self.notes: list[ReportItem] = []

    def problem(self, message, *path):
        self.problems.append(Problem(self.file, message, self.parsed.line_of(*path)))

    def note(self, code, message, *path, section=None):
        self.notes.append(ReportItem(code, message, self.file, self.parsed.line_of(*path), section))

    def text(self, value, path) -> str | None:
        if value is None:
            return ""
        if isinstance(value, str):
            return repair_mojibake(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float | datetime.date):
            return value.isoformat() if isinstance(value, datetime.date) else str(value)
        kind = "a list" if isinstance(value, list) else "a mapping"
        self.problem(f"{describe(path)} should be text, not {kind}; check its indentation.", *path)
        return None

    def mapping(self, value, schema, path, section_type) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(
                f"{describe(path)} should be a mapping of fields "
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
                    f"{describe((*path, key))} is not an Isomer field; the theme ignores it, so it "
                    "was not imported.",
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
                f"{describe(path)} should be a list (items starting with '-'), "
                f"not {type(value).__name__}.",
                *path,
            )
            return []
        return [
            self.mapping(item, schema, (*path, n), section_type) for n, item in enumerate(value)
        ]

    def value(self, raw, kind, path, section_type):
        if kind == TEXT:
            return self.text(raw, path)
        container, schema = kind
        if container == ITEMS:
            return self.items(raw, schema, path, section_type)
        return self.mapping(raw, schema, path, section_type)

    def sections(self, raw_sections) -> list[Section]:
        sections = []
        for index, item in enumerate(raw_sections):
            path = ("sections", index)
            if not isinstance(item, dict) or not item:
                shown = (
                    "empty" if isinstance(item, dict) else f"{type(item).__name__} {item!r}"[:60]
                )
                self.problem(
                    f"sections[{index}] should be one section such as '- hero:' followed by its "
                    f"fields, not {shown}.",
                    *path,
                )
                continue
            keys = [str(key) for key in item]
            for key in [k for k in keys if k not in SCHEMAS]:
                self.problem(
                    f"sections[{index}] has an unknown section type '{key}'; Isomer homepages use "
                    f"{', '.join(SECTION_TYPES)}.",
                    *path,
                    key,
                )
            known = [k for k in keys if k in SCHEMAS]
            if len(item) > 1 and len(known) == len(keys):
                self.note(
                    "two_sections_in_one_item",
                    f"sections[{index}] holds {len(item)} sections ({', '.join(known)}), probably "
                    "an indentation slip; the theme renders each, so each was imported in turn.",
                    *path,
                )
            for key in known:
                schema, where = SCHEMAS[key], (*path, key)
                if isinstance(schema, tuple):  # a list section (carousel)
                    fields = self.value(item[key], schema, where, key)
                else:
                    fields = self.mapping(item[key], schema, where, key)
                sections.append(Section(key, index, self.parsed.line_of(*path, key), fields))
        return sections


def _check_layout(parsed: ParsedDocument, check: _Checker, site_layouts: frozenset) -> bool:
    """Whether the homepage uses one of the site's own layouts (``_layouts/NAME.html``);
    refused when its layout is neither Isomer's homepage nor the site's own."""
    if not isinstance(parsed.data, dict):
        refuse(
            check.file, "The front matter should be a mapping of fields (title, sections, ...).", 2
        )
    layout = parsed.data.get("layout")
    if layout == "landing-page":
        refuse(check.file, V1_MESSAGE, parsed.line_of("layout"))
    if isinstance(layout, str) and layout != "homepage" and layout in site_layouts:
        return True
    if layout not in (None, "homepage"):
        refuse(
            check.file,
            f"This is not an Isomer homepage (layout: {layout}); give the site's index.md, "
            "whose layout is 'homepage'.",
            parsed.line_of("layout"),
        )
    if layout is None:
        check.note("no_layout", "No 'layout: homepage'; read as a homepage anyway.")
    return False


def _custom_layout(parsed: ParsedDocument, check: _Checker, title: str, sections: list) -> None:
    """A homepage in the site's own layout keeps what Wagtail can show: the sections of its
    front matter and, when it has none, its text as an infobar. The layout's HTML is reported."""
    layout = parsed.data["layout"]
    kept = f"{len(sections)} section{'s' if len(sections) != 1 else ''} of its front matter"
    if not sections and parsed.body.strip():
        from ..mapping.bodies import body_to_html  # the pages' conversion (Liquid, Markdown)

        variant = "tiptap" if parsed.data.get("variant") == "tiptap" else "markdown"
        html, notes = body_to_html(parsed.body, variant, parsed.body_line)
        check.notes += [ReportItem(n.code, n.message, check.file, n.line) for n in notes]
        fields = {"title": title[:255], "description": html.strip()}
        sections.append(Section("infobar", 0, parsed.body_line, fields))
        kept = "its text, as an infobar"
    check.note(
        "custom_layout",
        f"The homepage uses the site's own layout {layout!r} (_layouts/{layout}.html), which "
        f"Wagtail does not have: imported as an Isomer homepage with its title, description "
        f"and {kept}; the layout's own HTML was not kept. Check the homepage in the admin.",
        "layout",
    )


def normalise_homepage(
    parsed: ParsedDocument, site_layouts: frozenset = frozenset()
) -> HomepageDocument:
    """The homepage of ``parsed``; ``site_layouts`` are the layouts the site defines itself
    (a homepage in one of them is imported, not refused)."""
    check = _Checker(parsed)
    custom = _check_layout(parsed, check, site_layouts)
    data = parsed.data
    title = check.text(data.get("title"), ("title",)) or ""
    if not title:
        check.note("no_title", "The homepage has no title; 'Home' was used.", "title")
    description = check.text(data.get("description"), ("description",)) or ""
    image = check.text(data.get("image"), ("image",)) or ""
    notification = check.text(data.get("notification"), ("notification",)) or ""
    raw_sections = data.get("sections")
    if raw_sections is None:
        if not (custom and parsed.body.strip()):  # else its text is kept as a section
            check.note("no_sections", "The homepage has no sections.")
        raw_sections = []
    elif not isinstance(raw_sections, list):
        check.problem(
            "'sections' should be a list of sections (each line starting with '- hero:', "
            "'- infopic:', ...).",
            "sections",
        )
        raw_sections = []
    sections = check.sections(raw_sections)
    if check.problems:
        raise IsomerImportError(check.problems)
    if custom:
        _custom_layout(parsed, check, title or "Home", sections)
    _note_structure(check, sections)
    for section in sections:
        extract_frames(section, parsed, check.notes)
        _note_section(check, section)
    title = capped_title(title or "Home", check.file, check.notes)
    return HomepageDocument(
        check.file, title, description, image, notification, sections, check.notes
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
    for extra in [s for s in sections if s.type == "hero"][1:]:
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
    if section.type == "hero" and isinstance(section.fields, dict):
        _note_hero(check, section)
    path = ("sections", section.index, section.type)
    spec = SECTIONS[section.type]
    fields = section.fields if isinstance(section.fields, dict) else {}
    for row in spec.fields:
        if row.kind != ITEMS:
            continue
        limit = count_limit(section.type, row.block[0])
        count = len(fields.get(row.isomer[0]) or [])
        if limit and count > limit:
            check.note(
                "over_count_limit",
                f"{section.label}.{row.isomer[0]} has {count} items; the Isomer editor allows "
                f"{limit} and the site shows the first {limit}. All were imported.",
                *path,
                row.isomer[0],
                section=section.type,
            )
    for where, value, placeholder in _placeholder_values(section, spec.fields, fields):
        if value.strip() == placeholder:
            check.note(
                "placeholder",
                f"{where} is the Isomer editor's placeholder text '{placeholder}'; replace it or "
                "remove the section.",
                *path,
                section=section.type,
            )


def _placeholder_values(section: Section, rows, fields: dict, where=None):
    """(where, value, placeholder) for every field that has a placeholder, items included."""
    where = where or section.label
    for row in rows:
        if row.placeholder:
            key, placeholder = row.placeholder
            if isinstance(fields.get(key), str):
                yield f"{where}.{key}", fields[key], placeholder
        values = fields.get(row.isomer[0]) if row.kind == ITEMS else None
        for n, item in enumerate(values if isinstance(values, list) else []):
            here = f"{where}.{row.isomer[0]}[{n}]"
            yield from _placeholder_values(section, row.items, as_dict(item), here)


def _note_hero(check: _Checker, section: Section) -> None:
    fields = section.fields
    path = ("sections", section.index, section.type)
    for row in SECTIONS["hero"].fields:
        if row.kind != CHOICE:
            continue
        key, allowed = row.isomer[0], section_block("hero").child_blocks[row.block[0]]
        values = [value for value, _ in allowed.field.choices if value]
        value = fields.get(key) or ("center" if key == "variant" else "")
        if value and value not in values:
            code = "unknown_hero_variant" if key == "variant" else "unknown_hero_setting"
            message = (
                f"Hero variant '{value}' is unknown; the theme shows it as 'center'."
                if key == "variant"
                else f"Hero {key} '{value}' is not one of {', '.join(values)}; the default is used."
            )
            check.note(code, message, *path, key, section="hero")
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
