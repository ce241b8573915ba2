"""Info columns: one to four boxes of text (four render as two by two)."""

from wagtail import blocks

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CappedListMixin,
    CappedListValue,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .links import ButtonMixin, LinkBlock

MAX_INFO_BOXES = 4


class InfoBoxBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50)
    description = LimitedRichTextBlock(
        required=False, editor_limit=120, features=INLINE_RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "doc-empty"
        label = "Info box"


class InfoColsBlock(ButtonMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False)
    boxes = blocks.ListBlock(InfoBoxBlock(), default=[])

    button_fields = ("link_text", "link")
    capped_list = ("boxes", MAX_INFO_BOXES, "info boxes")
    at_least_one = "Add at least one info box."

    class Meta:
        icon = "grip"
        label = "Info columns"
        description = f"One to {MAX_INFO_BOXES} boxes of text side by side."
        template = "blocks/infocols.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Why ACTRIS",
            "boxes": [
                {"title": "cGMP facility", "description": "<p>Grade B cleanrooms.</p>"},
                {"title": "Expertise", "description": "<p>Process development teams.</p>"},
            ],
        }
