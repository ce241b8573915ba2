"""Text cards: up to four linked cards under a heading."""

from wagtail import blocks

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CappedListMixin,
    CappedListValue,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .links import LinkBlock

MAX_TEXT_CARDS = 4


class TextCardBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50)
    description = LimitedCharBlock(required=False, editor_limit=80)
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False, help_text="The whole card links here.")

    class Meta:
        icon = "doc-empty"
        label = "Card"


class TextCardsBlock(CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    description = LimitedRichTextBlock(
        required=False, editor_limit=200, features=INLINE_RICH_TEXT_FEATURES
    )
    cards = blocks.ListBlock(TextCardBlock(), default=[])

    capped_list = ("cards", MAX_TEXT_CARDS, "cards")

    class Meta:
        icon = "table"
        label = "Text cards"
        description = f"Up to {MAX_TEXT_CARDS} cards, each a link."
        template = "blocks/textcards.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Our services",
            "cards": [
                {"title": "Manufacturing", "description": "Clinical scale", "link_text": "More"},
                {"title": "Training", "description": "Courses and workshops", "link_text": "More"},
            ],
        }
