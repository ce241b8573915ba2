"""Infopic: text beside a picture; consecutive infopics alternate sides when rendered."""

from wagtail.images.blocks import ImageBlock

from .editor_rules import (
    INLINE_RICH_TEXT_FEATURES,
    CheckedStructBlock,
    LimitedCharBlock,
    LimitedRichTextBlock,
)
from .guidance import picture_size
from .links import ButtonMixin, ContentLinkBlock
from .previews import PreviewMixin, PreviewPicture


class InfopicBlock(PreviewMixin, ButtonMixin, CheckedStructBlock):
    subtitle = LimitedCharBlock(
        required=False, editor_limit=30, help_text="Small upper-case line above the title."
    )
    title = LimitedCharBlock(editor_limit=60, help_text="Heading of the section.")
    description = LimitedRichTextBlock(
        required=False,
        editor_limit=160,
        features=INLINE_RICH_TEXT_FEATURES,
        help_text="Text beside the picture.",
    )
    button = LimitedCharBlock(
        required=False,
        editor_limit=30,
        label="Button label",
        help_text="The link under the text; it needs a button link.",
    )
    link = ContentLinkBlock(
        required=False, label="Button link", help_text="Where the button leads."
    )
    image = ImageBlock(
        required=False,
        help_text="Without an image the text fills the width. " + picture_size("infopic"),
    )

    preview_layout = "section"

    class Meta:
        icon = "doc-full-inverse"
        label = "Infopic"
        description = "Text with a button beside a picture. Consecutive infopics alternate sides."
        template = "blocks/infopic.html"
        preview_value = {
            "subtitle": "We are ACTRIS",
            "title": "About Us",
            "description": "<p>ACTRIS was established on 20 April 2020 to meet the increasing "
            "demand of cellular therapy.</p>",
            "button": "Learn more",
            "link": {"page": None, "url": "/about-us/about-actris/"},
            "image": PreviewPicture("photo", "A cell beside a pipette and a well plate"),
        }
