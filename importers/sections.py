"""The one table of Isomer homepage sections: Isomer key -> block field -> kind.

It drives the normaliser (which keys each section may have, and of what type), the mapper
(what each key becomes in the block) and the exporter (the way back). Limits are not written
here: they are read from the blocks themselves (``editor_limit`` on a field, ``capped_list`` on
a block), so the editor, the importer's report and this table cannot disagree.
"""

from dataclasses import dataclass
from functools import cache

TEXT = "text"  # plain text
RICH = "rich"  # rich text (the field's own features)
CHOICE = "choice"  # one of the block's choices
IMAGE = "image"  # an image path; the block holds an image (ImageChooserBlock or ImageBlock)
IMAGE_ALT = "image_alt"  # an image path and its alt text -> one ImageBlock
LINK = "link"  # a URL -> LinkBlock
BUTTON = "button"  # a label and a URL -> a label field and a LinkBlock, both or neither
ITEMS = "items"  # a list of mappings -> a ListBlock of StructBlocks
GROUP = "group"  # a nested Isomer mapping whose fields land on the same block


@dataclass(frozen=True)
class Field:
    isomer: tuple[str, ...]  # key(s) in the Isomer section: ("title",), ("button", "url")
    block: tuple[str, ...]  # child block name(s), in the same order
    kind: str
    items: tuple["Field", ...] = ()  # of ITEMS and GROUP
    # (Isomer key, text) that the Isomer editor writes into a new section: placeholder content
    placeholder: tuple[str, str] | None = None


def f(isomer, kind=TEXT, block=None, items=(), placeholder=None) -> Field:
    """A table row; ``placeholder`` is the text of the first key, or (key, text)."""
    isomer = (isomer,) if isinstance(isomer, str) else tuple(isomer)
    block = isomer if block is None else ((block,) if isinstance(block, str) else tuple(block))
    if isinstance(placeholder, str):
        placeholder = (isomer[0], placeholder)
    return Field(isomer, block, kind, tuple(items), placeholder)


@dataclass(frozen=True)
class SectionSpec:
    name: str  # the Isomer section key and the HomePageStreamBlock child name
    fields: tuple[Field, ...]
    is_list: bool = False  # the section's value is a list of items (carousel slides)
    list_block: str = ""  # ... which lands in this ListBlock of the block

    @property
    def list_row(self) -> Field:
        """For a list section: the table row of its items."""
        return Field((self.list_block,), (self.list_block,), ITEMS, self.fields)


KEY_HIGHLIGHT = (
    f("title", placeholder="Key Highlight Title"),
    f("description", placeholder="Key Highlight description"),
    f("url", LINK, "link"),
)
BUTTON_FIELD = f(("button", "url"), BUTTON, ("button", "link"))

SECTIONS: dict[str, SectionSpec] = {
    spec.name: spec
    for spec in (
        SectionSpec(
            "hero",
            (
                f("title"),
                f("subtitle"),
                f("background", IMAGE),
                BUTTON_FIELD,
                f(
                    "dropdown",
                    GROUP,
                    (),
                    items=(
                        f("title", block="dropdown_title"),
                        f(
                            "options",
                            ITEMS,
                            "dropdown_options",
                            items=(f("title"), f("url", LINK, "link")),
                        ),
                    ),
                ),
                f("key_highlights", ITEMS, items=KEY_HIGHLIGHT),
                f("variant", CHOICE),
                f("alignment", CHOICE),
                f("backgroundColor", CHOICE, "background_colour"),
                f("size", CHOICE),
            ),
        ),
        SectionSpec(
            "infobar",
            (
                f("subtitle", placeholder="Add informational text"),
                f("title", placeholder="Infobar"),
                f("description", RICH, placeholder="Infobar description"),
                f(("button", "url"), BUTTON, ("button", "link"), placeholder="Button Text"),
            ),
        ),
        SectionSpec(
            "infopic",
            (
                f("subtitle", placeholder="Add an image and text"),
                f("title", placeholder="Infopic"),
                f("description", RICH),
                BUTTON_FIELD,
                f(("image", "alt"), IMAGE_ALT, "image", placeholder=("alt", "Image alt text")),
            ),
        ),
        SectionSpec("resources", (f("title"), f("subtitle"), f("button", block="more_label"))),
        SectionSpec(
            "announcements",
            (
                f("title"),
                f("subtitle"),
                f(
                    "announcement_items",
                    ITEMS,
                    "items",
                    items=(
                        f("title", placeholder="New Announcement"),
                        f("date"),
                        f("announcement", RICH, "text", placeholder="Announcement content"),
                        f(("link_text", "link_url"), BUTTON, ("link_text", "link")),
                    ),
                ),
            ),
        ),
        SectionSpec(
            "textcards",
            (
                f("title"),
                f("subtitle"),
                f("description", RICH),
                f(
                    "cards",
                    ITEMS,
                    items=(
                        f("title", placeholder="Card"),
                        f("description", placeholder="Card description"),
                        f("linktext", block="link_text", placeholder="Learn more"),
                        f("url", LINK, "link"),
                    ),
                ),
            ),
        ),
        SectionSpec(
            "infocols",
            (
                f("title"),
                f("subtitle"),
                f(("linktext", "url"), BUTTON, ("link_text", "link")),
                f(
                    "infoboxes",
                    ITEMS,
                    "boxes",
                    items=(
                        f("title", placeholder="Infobox"),
                        f("description", RICH, placeholder="Infobox description"),
                    ),
                ),
            ),
        ),
        SectionSpec(
            "carousel",
            (
                f("title"),
                f("subtitle"),
                f("description", RICH),
                f(("image", "alt"), IMAGE_ALT, "image"),
            ),
            is_list=True,
            list_block="slides",
        ),
        SectionSpec(
            "listing",
            (f("title"), f("entries", ITEMS, items=(f("image", IMAGE), f("url", LINK, "link")))),
        ),
    )
}
SECTION_TYPES = tuple(SECTIONS)


@cache
def section_block(name: str):
    """The block a section becomes (a child of the homepage's StreamBlock)."""
    from home.blocks import HomePageStreamBlock

    return HomePageStreamBlock().child_blocks[name]


def child(block, name: str):
    """A StructBlock's child, seen through a ListBlock (its item block)."""
    block = block.child_blocks[name]
    return getattr(block, "child_block", block)


def count_limit(section: str, list_block: str) -> int | None:
    """How many items of ``list_block`` the section shows (its block's ``capped_list``)."""
    capped = getattr(section_block(section), "capped_list", None)
    return capped[1] if capped and capped[0] == list_block else None


def choices(section: str, block_name: str) -> tuple[str, ...]:
    """The values a CHOICE field accepts, in the block's order (the first is the default)."""
    field = section_block(section).child_blocks[block_name]
    return tuple(value for value, _ in field.field.choices if value)


def rich_text_features(section: str, *path: str) -> list[str]:
    """The features of a RICH field, found by its block path (items seen through lists)."""
    block = section_block(section)
    for name in path:
        block = child(block, name)
    return list(block.features)
