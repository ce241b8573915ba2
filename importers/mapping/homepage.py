"""Step 4 for the homepage: normalised sections -> HomePage stream data, driven by the table.

Every Isomer field becomes its block field by its kind in ``importers.sections``; the hero adds
Isomer's own rules (a dropdown replaces the button, box settings only for side and floating
heroes). Block ids come from the section's position and field path, so importing the same
document twice gives identical stream data.
"""

from dataclasses import dataclass, field

from blocks.links import link_url_problem

from ..media import title_from_filename
from ..normalise.homepage import HomepageDocument, Section
from ..report import ReportItem
from ..richtext import RichText, rich_text_from_source
from ..sanitise import html_to_text
from ..sections import (
    BUTTON,
    CHOICE,
    GROUP,
    IMAGE,
    IMAGE_ALT,
    ITEMS,
    LINK,
    RICH,
    SECTIONS,
    child,
    rich_text_features,
    section_block,
)
from ..validate import over_editor_limits
from .refs import NO_IMAGE, ImageRef, block_id, items, link

BOX_VARIANTS = ("side", "floating")


@dataclass
class HomepagePlan:
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


def rich_text_notes(result: RichText) -> list[tuple[str, str]]:
    """(code, message) for what turning HTML into rich text removed, changed or lost."""
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


class SectionMapper:
    """Maps one section's fields by the table; notes go to the document's report items."""

    def __init__(self, document: HomepageDocument, section: Section, key: str):
        self.document = document
        self.section = section
        self.key = key  # the id prefix: sections/<position>/<type>
        self.notes: list[ReportItem] = []

    def note(self, code, message):
        self.notes.append(
            ReportItem(code, message, self.document.file, self.section.line, self.section.type)
        )

    # -- kinds -----------------------------------------------------------------------------------
    def plain(self, value: str, where: str) -> str:
        text, removed = html_to_text(value or "")
        if removed:
            self.note(
                "html_in_plain_text",
                f"{where}: this field is plain text; the HTML tags {', '.join(removed)} were "
                "removed and the text kept.",
            )
        return text

    def rich(self, value: str, where: str, path: tuple[str, ...]) -> str:
        result = rich_text_from_source(value, rich_text_features(self.section.type, *path))
        for code, message in rich_text_notes(result):
            self.note(code, f"{where}: {message}")
        return result.html

    def link(self, url: str, where: str):
        url = (url or "").strip()
        if url and (problem := link_url_problem(url)):
            self.note("refused_link", f"{where}: link {url!r} refused. {problem}")
            return {"page": None, "url": ""}
        return link(url)

    def image(self, path: str, alt: str, where: str) -> dict:
        path = (path or "").strip()
        if not path:
            return dict(NO_IMAGE)
        fallback = title_from_filename(path)
        if not alt:
            self.note(
                "missing_alt",
                f"{where}: the image has no alt text (Isomer hides such images); its file name "
                f"{fallback!r} was used. Describe the image in the admin.",
            )
        ref = ImageRef(path, alt, where, self.section.line)
        return {"image": ref, "alt_text": alt or fallback, "decorative": False}

    def button(self, label, url, where: str, hidden=False) -> tuple[str, object]:
        """A button's label and link: both, or neither (Isomer shows only complete buttons).

        A button that cannot be shown (no usable link, no label, or ``hidden`` behind a
        dropdown) is not imported, and reported with its label and address so nothing is lost.
        """
        label = self.plain(label or "", f"{where}.button")
        target = self.link(url or "", f"{where}.url")
        reason = None
        if hidden and (label or target != link("")):
            reason = "the dropdown replaces the button in Isomer"
        elif label and target == link(""):
            reason = "it has no usable link, so Isomer hides it"
        elif target != link("") and not label:
            reason = "it has no label, so Isomer hides it"
        if reason is None:
            return label, target
        self.note(
            "button_dropped",
            f"{where}: the button {label!r} (link {(url or '').strip()!r}) was not imported: "
            f"{reason}. Add it in the admin if it is needed.",
        )
        return "", link("")

    # -- the table -----------------------------------------------------------------------------
    def fields(self, rows, values: dict, where: str, path=(), block=None) -> dict:
        """Block field values for ``rows`` of the table read from the Isomer ``values``."""
        block = block or section_block(self.section.type)
        out = {}
        for row in rows:
            isomer, names = row.isomer, row.block
            here = f"{where}.{isomer[0]}"
            if row.kind == RICH:
                out[names[0]] = self.rich(values.get(isomer[0], ""), here, (*path, names[0]))
            elif row.kind == LINK:
                out[names[0]] = self.link(values.get(isomer[0], ""), here)
            elif row.kind == BUTTON:
                out.update(zip(names, self.button(*map(values.get, isomer), where), strict=True))
            elif row.kind == IMAGE:
                out[names[0]] = self.plain_image(values.get(isomer[0], ""), here, block, names[0])
            elif row.kind == IMAGE_ALT:
                out[names[0]] = self.image(
                    values.get(isomer[0], ""), values.get(isomer[1], ""), here
                )
            elif row.kind == ITEMS:
                out[names[0]] = self.list_items(row, values.get(isomer[0]) or [], here, path, block)
            elif row.kind == GROUP:
                nested = values.get(isomer[0]) or {}
                out.update(self.fields(row.items, nested, here, path, block))
            elif row.kind != CHOICE:
                out[names[0]] = self.plain(values.get(isomer[0], ""), here)
        return out

    def plain_image(self, path: str, where: str, block, name: str):
        """An image without alt text: an ImageChooserBlock takes the image alone."""
        if hasattr(block.child_blocks[name], "child_blocks"):  # an ImageBlock
            return self.image(path, "", where)
        path = (path or "").strip()
        return ImageRef(path, "", where, self.section.line) if path else None

    def list_items(self, row, values: list, where: str, path, block) -> list[dict]:
        name = row.block[0]
        item_block = child(block, name)
        mapped = [
            self.fields(row.items, item, f"{where}[{n}]", (*path, name), item_block)
            for n, item in enumerate(values)
        ]
        return items(f"{self.key}/{name}", mapped)


def map_hero(mapper: SectionMapper, values: dict) -> dict:
    """The hero by the table, with Isomer's rules: incomplete dropdown options are skipped, a
    dropdown replaces the button, box settings count only for side and floating heroes."""
    where = mapper.section.label
    dropdown = values.get("dropdown") or {}
    options = []
    for position, option in enumerate(dropdown.get("options") or []):
        if option.get("title") and option.get("url"):
            options.append(option)
            continue
        mapper.note(
            "incomplete_dropdown_option",
            f"{where}.dropdown.options[{position}] lacks a title or URL; Isomer skips it, so it "
            "was not imported.",
        )
    rows = [row for row in SECTIONS["hero"].fields if row.kind != BUTTON]
    value = mapper.fields(rows, {**values, "dropdown": {**dropdown, "options": options}}, where)
    value["dropdown_options"] = [
        option for option in value["dropdown_options"] if option["value"]["link"] != link("")
    ]
    hidden = bool(value["dropdown_options"])
    if "dropdown" in values and not hidden:
        title = (dropdown.get("title") or "") if isinstance(dropdown, dict) else ""
        mapper.note(
            "empty_dropdown",
            f"{where}.dropdown{f' {title!r}' if title else ''} has no usable options; the hero "
            "keeps its title and image without it. Add the options (or a button) in the admin.",
        )
    value["button"], value["link"] = mapper.button(
        values.get("button"), values.get("url"), where, hidden
    )
    return {**value, **hero_settings(values)}


def hero_settings(values: dict) -> dict:
    """Variant and box settings; box settings only count for side and floating heroes."""
    block = section_block("hero")
    settings = {}
    for row in SECTIONS["hero"].fields:
        if row.kind == CHOICE:
            field_block = block.child_blocks[row.block[0]]
            allowed = [value for value, _ in field_block.field.choices if value]
            settings[row.block[0]] = values.get(row.isomer[0]) or ""
            if settings[row.block[0]] not in allowed:
                settings[row.block[0]] = field_block.get_default()
    if settings["variant"] not in BOX_VARIANTS:
        for name in ("alignment", "background_colour", "size"):
            settings[name] = block.child_blocks[name].get_default()
    return settings


def map_section(document: HomepageDocument, section: Section, position: int) -> tuple[dict, list]:
    key = f"sections/{position}/{section.type}"
    mapper = SectionMapper(document, section, key)
    spec = SECTIONS[section.type]
    if section.type == "hero":
        value = map_hero(mapper, section.fields)
    elif spec.is_list:
        # The theme falls back to a slide's title for its alt text.
        slides = [
            {**item, "alt": item.get("alt") or item.get("title") or ""} for item in section.fields
        ]
        block = section_block(section.type)
        value = {
            spec.list_block: mapper.list_items(spec.list_row, slides, section.label, (), block)
        }
    else:
        value = mapper.fields(spec.fields, section.fields, section.label)
    return {"type": section.type, "value": value, "id": block_id(key)}, mapper.notes


def embed_blocks(section: Section, position: int) -> list[dict]:
    """The embed sections that follow ``section``: its allowed frames, in text order."""
    key = f"sections/{position}/{section.type}/embed"
    return [
        {"type": "embed", "value": frame.value, "id": block_id(key, n)}
        for n, frame in enumerate(section.frames)
    ]


def limit_notes(plan: HomepagePlan) -> list[ReportItem]:
    """Texts longer than the Isomer editor allows: kept whole, and reported."""
    from home.blocks import HomePageStreamBlock

    notes = []
    for path, limit, length in over_editor_limits(HomePageStreamBlock(), plan.body):
        index = int(path[1 : path.index("]")])
        label, line = plan.section_sources[index]
        field_path = path[path.index("]") + 1 :].split(".", 2)[-1]
        notes.append(
            ReportItem(
                "over_editor_limit",
                f"{label}.{field_path} has {length} characters; the Isomer editor allows {limit}. "
                "Kept whole and saved unchanged by the editor; shorten it (an edited text must "
                "fit).",
                plan.file,
                line,
                label.rsplit(".", 1)[-1],
            )
        )
    return notes


def map_homepage(document: HomepageDocument) -> HomepagePlan:
    from home.models import HomePage

    notes = list(document.notes)
    body, sources = [], []
    for position, section in enumerate(document.sections):
        block, section_notes = map_section(document, section, position)
        body += [block, *embed_blocks(section, position)]
        sources += [(section.label, section.line)]
        sources += [(f"{frame.where}.iframe", frame.line) for frame in section.frames]
        notes += section_notes
    counts: dict[str, int] = {}
    for block in body:
        counts[block["type"]] = counts.get(block["type"], 0) + 1
    features = HomePage._meta.get_field("notification").features
    notification = rich_text_from_source(document.notification, features)
    for code, message in rich_text_notes(notification):
        notes.append(ReportItem(code, f"notification: {message}", document.file))
    share_image = ImageRef(document.image, "", "image") if document.image else None
    plan = HomepagePlan(
        file=document.file,
        title=document.title,
        search_description=document.description,
        notification=notification.html,
        share_image=share_image,
        body=body,
        section_counts=counts,
        section_sources=sources,
        notes=notes,
    )
    plan.notes += limit_notes(plan)
    return plan
