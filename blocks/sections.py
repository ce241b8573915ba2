"""What the homepage's section blocks share, written once.

The sections (announcements, info columns, infobar, infopic, text cards, hero) have the same
kinds of field: a heading, the small line above it, a short rich text, a button or a link label.
The functions below build them with the arguments those blocks have always used, so the blocks'
definitions, and the migrations that freeze them, stay as they were. ``CappedListSectionBlock``
is the base of the sections built around a list Isomer caps.
"""

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CappedListMixin,
    CappedListValue,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .links import ContentLinkBlock
from .previews import PreviewMixin


def heading(
    help_text: str = "Heading of the section.", *, editor_limit: int = 50, required: bool = False
) -> LimitedCharBlock:
    # ``required`` is passed only when False, as the blocks frozen in migrations were built.
    optional = {} if required else {"required": False}
    return LimitedCharBlock(**optional, editor_limit=editor_limit, help_text=help_text)


def eyebrow() -> LimitedCharBlock:
    """The small upper-case line above a section's title (Isomer's "subtitle")."""
    return LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )


def short_rich_text(
    help_text: str, *, editor_limit: int, features=INLINE_RICH_TEXT_FEATURES
) -> LimitedRichTextBlock:
    return LimitedRichTextBlock(
        required=False, editor_limit=editor_limit, features=features, help_text=help_text
    )


def link_label(help_text: str) -> LimitedCharBlock:
    """The label of a link (the link itself is a ``ContentLinkBlock`` beside it)."""
    return LimitedCharBlock(required=False, editor_limit=50, help_text=help_text)


def button_label(help_text: str) -> LimitedCharBlock:
    """The label of a ``ButtonMixin`` block's button; ``button_link`` is where it leads."""
    return LimitedCharBlock(
        required=False, editor_limit=30, label="Button label", help_text=help_text
    )


def button_link() -> ContentLinkBlock:
    return ContentLinkBlock(
        required=False, label="Button link", help_text="Where the button leads."
    )


class CappedListSectionBlock(PreviewMixin, CappedListMixin, CheckedStructBlock):
    """A homepage section: its title, the line above it, then (in the subclass) a list that
    ``capped_list`` caps, and any other fields."""

    title = heading()
    subtitle = eyebrow()

    preview_layout = "section"

    class Meta:
        value_class = CappedListValue
