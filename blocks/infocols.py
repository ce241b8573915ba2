"""Info columns: one to four boxes of text (four render as two by two)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks

from .announcements import too_many
from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    LimitedCharBlock,
    LimitedRichTextBlock,
    editor_rules_apply,
)
from .links import LinkBlock, button_errors

MAX_INFO_BOXES = 4


class InfoColsValue(blocks.StructValue):
    @property
    def visible_boxes(self) -> list:
        return list(self.get("boxes") or [])[:MAX_INFO_BOXES]


class InfoBoxBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50)
    description = LimitedRichTextBlock(
        required=False, editor_limit=120, features=INLINE_RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "doc-empty"
        label = "Info box"


class InfoColsBlock(blocks.StructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50)
    subtitle = LimitedCharBlock(required=False, editor_limit=30)
    link_text = LimitedCharBlock(required=False, editor_limit=50)
    link = LinkBlock(required=False)
    boxes = blocks.ListBlock(InfoBoxBlock(), default=[])

    def clean(self, value):
        value = super().clean(value)
        if editor_rules_apply():
            errors = button_errors(value, "link_text", "link")
            count = len(value.get("boxes") or [])
            if count > MAX_INFO_BOXES:
                errors["boxes"] = too_many("info boxes", MAX_INFO_BOXES)
            elif count == 0:
                errors["boxes"] = blocks.list_block.ListBlockValidationError(
                    non_block_errors=ErrorList([ValidationError("Add at least one info box.")])
                )
            if errors:
                raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "grip"
        label = "Info columns"
        description = f"One to {MAX_INFO_BOXES} boxes of text side by side."
        template = "blocks/infocols.html"
        value_class = InfoColsValue
        preview_value = {
            "title": "Why ACTRIS",
            "boxes": [
                {"title": "cGMP facility", "description": "<p>Grade B cleanrooms.</p>"},
                {"title": "Expertise", "description": "<p>Process development teams.</p>"},
            ],
        }
