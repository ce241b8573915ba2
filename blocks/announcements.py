"""Announcements: a short list of dated notices."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    LimitedCharBlock,
    LimitedRichTextBlock,
    editor_rules_apply,
)
from .links import LinkBlock, button_errors

MAX_ANNOUNCEMENTS = 5


def too_many(kind: str, limit: int) -> blocks.list_block.ListBlockValidationError:
    return blocks.list_block.ListBlockValidationError(
        non_block_errors=ErrorList(
            [ValidationError(f"Show at most {limit} {kind}; remove the extra ones.")]
        )
    )


class AnnouncementsValue(blocks.StructValue):
    @property
    def visible_items(self) -> list:
        # Isomer shows the first five; imported pages may hold more (listed in the report).
        return list(self.get("items") or [])[:MAX_ANNOUNCEMENTS]


class AnnouncementItemBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=100)
    date = LimitedCharBlock(
        required=False, max_length=50, help_text="Written as shown, e.g. 12 March 2026."
    )
    text = LimitedRichTextBlock(
        required=False, editor_limit=300, features=INLINE_RICH_TEXT_FEATURES
    )
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False)

    def clean(self, value):
        value = super().clean(value)
        if editor_rules_apply() and (errors := button_errors(value, "link_text", "link")):
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "pick"
        label = "Announcement"


class AnnouncementsBlock(blocks.StructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    items = blocks.ListBlock(AnnouncementItemBlock(), default=[])

    def clean(self, value):
        value = super().clean(value)
        if editor_rules_apply() and len(value.get("items") or []) > MAX_ANNOUNCEMENTS:
            raise blocks.StructBlockValidationError(
                block_errors={"items": too_many("announcements", MAX_ANNOUNCEMENTS)}
            )
        return value

    class Meta:
        icon = "warning"
        label = "Announcements"
        description = f"Up to {MAX_ANNOUNCEMENTS} dated announcements."
        template = "blocks/announcements.html"
        value_class = AnnouncementsValue
        preview_value = {
            "title": "Announcements",
            "items": [
                {
                    "title": "Facility tours resume",
                    "date": "12 March 2026",
                    "text": "<p>Guided tours of the cGMP facility are available again.</p>",
                }
            ],
        }
