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
from .guidance import at_most
from .links import ButtonMixin, ContentLinkBlock
from .previews import PreviewMixin

MAX_INFO_BOXES = 4


class InfoBoxBlock(blocks.StructBlock):
    title = LimitedCharBlock(editor_limit=50, help_text="Heading of the box.")
    description = LimitedRichTextBlock(
        required=False,
        editor_limit=120,
        features=INLINE_RICH_TEXT_FEATURES,
        help_text="Text of the box.",
    )

    class Meta:
        icon = "doc-empty"
        label = "Info box"


class InfoColsBlock(PreviewMixin, ButtonMixin, CappedListMixin, CheckedStructBlock):
    title = LimitedCharBlock(required=False, editor_limit=50, help_text="Heading of the section.")
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    link_text = LimitedCharBlock(
        required=False, editor_limit=50, help_text="Label of the link under the boxes."
    )
    link = ContentLinkBlock(required=False, help_text="Where the link under the boxes leads.")
    boxes = blocks.ListBlock(
        InfoBoxBlock(),
        default=[],
        help_text="At least one; four are shown two by two. "
        + at_most(MAX_INFO_BOXES, "info boxes"),
    )

    button_fields = ("link_text", "link")
    capped_list = ("boxes", MAX_INFO_BOXES, "info boxes")
    at_least_one = "Add at least one info box."
    preview_layout = "section"

    class Meta:
        icon = "grip"
        label = "Info columns"
        description = f"One to {MAX_INFO_BOXES} boxes of text side by side."
        template = "blocks/infocols.html"
        value_class = CappedListValue
        preview_value = {
            "title": "Why ACTRIS",
            "subtitle": "Our strengths",
            "boxes": [
                {
                    "title": "cGMP facility",
                    "description": "<p>Grade B cleanrooms licensed for clinical manufacturing.</p>",
                },
                {
                    "title": "Expertise",
                    "description": "<p>Process development and quality teams.</p>",
                },
                {
                    "title": "Partnerships",
                    "description": "<p>Hospitals, universities and industry.</p>",
                },
            ],
            "link_text": "About our facilities",
            "link": {"page": None, "url": "/our-facilities/"},
        }
