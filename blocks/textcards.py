"""Text cards: up to four linked cards under a heading."""

from wagtail import blocks

from .announcements import too_many
from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    LimitedCharBlock,
    LimitedRichTextBlock,
    editor_rules_apply,
)
from .links import LinkBlock

MAX_TEXT_CARDS = 4


class TextCardsValue(blocks.StructValue):
    @property
    def visible_cards(self) -> list:
        return list(self.get("cards") or [])[:MAX_TEXT_CARDS]


class TextCardBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50)
    description = LimitedCharBlock(required=False, editor_limit=80)
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False, help_text="The whole card links here.")

    class Meta:
        icon = "doc-empty"
        label = "Card"


class TextCardsBlock(blocks.StructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    description = LimitedRichTextBlock(
        required=False, editor_limit=200, features=INLINE_RICH_TEXT_FEATURES
    )
    cards = blocks.ListBlock(TextCardBlock(), default=[])

    def clean(self, value):
        value = super().clean(value)
        if editor_rules_apply() and len(value.get("cards") or []) > MAX_TEXT_CARDS:
            raise blocks.StructBlockValidationError(
                block_errors={"cards": too_many("cards", MAX_TEXT_CARDS)}
            )
        return value

    class Meta:
        icon = "table"
        label = "Text cards"
        description = f"Up to {MAX_TEXT_CARDS} cards, each a link."
        template = "blocks/textcards.html"
        value_class = TextCardsValue
        preview_value = {
            "title": "Our services",
            "cards": [
                {"title": "Manufacturing", "description": "Clinical scale", "link_text": "More"},
                {"title": "Training", "description": "Courses and workshops", "link_text": "More"},
            ],
        }
